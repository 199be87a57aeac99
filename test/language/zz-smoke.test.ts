import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseFile } from '../../server/src/language/parser';
import { formatText } from '../../server/src/language/formatter';
it('perf', () => {
  const unit = readFileSync('/tmp/lt/spec-example.ft', 'utf8');
  const make = (lines: number) => { let s = '', i = 0; while (s.split('\n').length < lines) { s += unit.replace(/\b(checkout|lb_a|lb_b|edge|zone|app|cache|db_primary|db_replica|db_ha|dns)\b/g, `$1_${i}`); i++; } return s; };
  for (const n of [10_000, 100_000]) {
    const text = make(n);
    for (let w = 0; w < 5; w++) parseFile(text, 'p.ft');
    const t0 = performance.now(); const r = parseFile(text, 'p.ft'); const t1 = performance.now();
    const f = formatText(text); const t2 = performance.now();
    console.log(n, 'lines', text.length, 'chars: parse', (t1 - t0).toFixed(1), 'ms; format', (t2 - t1).toFixed(1), 'ms', r.diagnostics.length, 'text' in f);
  }
  let junk = ''; for (let i = 0; i < 10_000_000; i++) junk += String.fromCharCode(Math.floor(Math.random() * 256));
  let t0 = performance.now(); let r = parseFile(junk, 'j.ft'); console.log('10MB binary junk', (performance.now() - t0).toFixed(0), 'ms', r.diagnostics.length);
  const ascii = Array.from({ length: 10_000_000 }, () => String.fromCharCode(32 + Math.floor(Math.random() * 95))).join('');
  t0 = performance.now(); r = parseFile(ascii, 'j.ft'); console.log('10MB ascii junk', (performance.now() - t0).toFixed(0), 'ms', r.diagnostics.length, r.file.declarations.length);
  for (const n of [5000, 100_000]) { const deep = 'group g = ' + 'parallel('.repeat(n) + 'a' + ')'.repeat(n); t0 = performance.now(); r = parseFile(deep, 'd.ft'); console.log('deep', n, (performance.now() - t0).toFixed(1), 'ms', JSON.stringify(r.diagnostics)); }
  const ok = 'group g = ' + 'parallel('.repeat(256) + 'a' + ')'.repeat(256); r = parseFile(ok, 'd.ft'); console.log('256', r.diagnostics.length);
});
