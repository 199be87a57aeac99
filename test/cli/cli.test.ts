import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/main';

/** The `faultline` command: in process for speed, and as the real binary for exit codes and streams. */

const repo = path.resolve(__dirname, '../..');
const samples = path.join(repo, 'samples');

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { cwd: repo, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-cli-'));
});

function write(name: string, text: string | Uint8Array): string {
  const p = path.join(scratch, name);
  fs.writeFileSync(p, text);
  return p;
}

const rootSamples = (): string[] =>
  fs
    .readdirSync(samples)
    .filter((f) => f.endsWith('.ft'))
    .map((f) => path.join('samples', f))
    .concat(path.join('samples', 'multi-file', 'main.ft'));

describe('faultline check', () => {
  it('passes every sample (the failing one aside) without errors', () => {
    const result = run('check', ...rootSamples());
    expect(result.err).not.toMatch(/error:/);
    expect(result.code).toBe(0);
  });

  it('checks a requirement on the MTTF, which the verdicts alone would not compute', () => {
    const model = (mttf: string): string =>
      `system s {\n  needs a, b\n  require mttf >= ${mttf}\n}\ncomponent a { mtbf 1000h  mttr 1h }\ncomponent b { mtbf 1000h  mttr 1h }\n`;
    // Two units in series, 1000 h each: MTTF 500 h.
    expect(run('check', write('mttf-pass.ft', model('400h'))).code).toBe(0);
    const failing = run('check', write('mttf-fail.ft', model('600h')));
    expect(failing.code).toBe(1);
    expect(failing.err).toMatch(/error: requirement not met: mttf >= 600h, but mttf is 20\.8 d/);
  });

  it("gives the findings of a full analysis, from the system's diagram alone (no element figures)", () => {
    for (const file of [...rootSamples(), ...fs.readdirSync(path.join(samples, 'failing')).map((f) => path.join('samples', 'failing', f))]) {
      const check = run('check', file);
      const analyze = run('analyze', file);
      expect(check.err, file).toBe(analyze.err);
    }
  });

  it('exits 1 on the sample whose requirements fail, naming each failed requirement', () => {
    const failing = fs.readdirSync(path.join(samples, 'failing')).map((f) => path.join('samples', 'failing', f));
    expect(failing.length).toBeGreaterThan(0);
    for (const file of failing) {
      const result = run('check', file);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/error: requirement not met:/);
    }
  });

  it('prints errors as FILE:LINE:COL with the right positions', () => {
    const file = write('broken.ft', 'system s { needs app }\ncomponent app {\n  mtbf 30sec\n  mttr 1h\n  needs cahce\n}\ncomponent cache { mtbf 1000h mttr 1h }\n');
    const result = run('check', file);
    expect(result.code).toBe(1);
    // Outside the working directory, paths are shown absolute.
    const shown = file;
    expect(result.err).toContain(`${shown}:3:10: error: unknown unit 'sec' (did you mean 's'?)`);
    expect(result.err).toContain(`${shown}:5:9: error: unknown name 'cahce' (did you mean 'cache'?)`);
  });

  it('reports a missing used file at its use line with exit 1', () => {
    const file = write('uses-missing.ft', 'use "nowhere.ft"\nsystem s { needs a }\ncomponent a { mtbf 10h mttr 1h }\n');
    const result = run('check', file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/uses-missing\.ft:1:\d+: error: /);
  });

  it('exits 2 for an unreadable root file and for no file at all', () => {
    expect(run('check', path.join(scratch, 'absent.ft')).code).toBe(2);
    expect(run('check').code).toBe(2);
  });
});

describe('faultline analyze', () => {
  it('exits 0 when requirements fail: a finding, not a model error (check is the gate)', () => {
    const result = run('analyze', 'samples/failing/single-db.ft');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/FAIL\s+availability/);
  });

  it('ends each diagnostic line with its stable code; warnings alone do not fail check', () => {
    const file = write('warned.ft', 'system s { needs a }\ncomponent a { mtbf 10h mttr 1h }\ncomponent spare { mtbf 10h mttr 1h }\n');
    const result = run('check', file);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/warned\.ft:3:11: warning: component 'spare' is not used.* \[unused-component\]$/m);
    const broken = run('check', write('coded.ft', 'system s { needs nope }\n'));
    expect(broken.err).toMatch(/error: unknown name 'nope' \[unknown-name\]$/m);
  });

  it('prints the JSON of the spec with its keys and units', () => {
    const result = run('analyze', 'samples/web-shop.ft', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    for (const key of [
      'system', 'mission', 'availability', 'unavailability', 'downtime', 'outagesPerYear', 'meanOutage',
      'reliability', 'unreliability', 'mttf', 'tolerance', 'spofs', 'cutSetCount', 'cutSets', 'importance',
      'elements', 'requirements', 'diagnostics',
    ]) {
      expect(json).toHaveProperty(key);
    }
    expect(json.availability + json.unavailability).toBeCloseTo(1, 12);
    expect(json.downtime).toBeCloseTo(json.unavailability * 8760, 9);
    expect(json.requirements.every((r: { ok: boolean }) => r.ok)).toBe(true);
  });

  it.each(rootSamples().concat(['samples/failing/single-db.ft']))('prints figures in range for %s', (file) => {
    const result = run('analyze', file, '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    for (const key of ['availability', 'unavailability', 'reliability', 'unreliability']) {
      expect(json[key]).toBeGreaterThanOrEqual(0);
      expect(json[key]).toBeLessThanOrEqual(1);
    }
    expect(json.tolerance).toBeGreaterThanOrEqual(0);
    expect(json.cutSets.length).toBeGreaterThan(0);
    expect(json.importance.length).toBeGreaterThan(0);
    expect(Object.keys(json.elements).length).toBeGreaterThan(0);
  });

  it('prints one JSON object with null figures when the model has errors, and exits 1', () => {
    const file = write('bad.ft', 'system s { needs nothing_here }\n');
    const result = run('analyze', file, '--json');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.out);
    expect(json.availability).toBeNull();
    expect(json.diagnostics[0]).toMatchObject({ severity: 'error', code: 'unknown-name', line: 1, column: 18 });
  });

  it('replaces the mission with --mission', () => {
    const json = JSON.parse(run('analyze', 'samples/web-shop.ft', '--json', '--mission', '2y').out);
    expect(json.mission).toBe(17520);
  });

  it('leaves an element whose diagram goes over --element-node-limit without figures, with a warning, exit 0', () => {
    const result = run('analyze', 'samples/k8s-control-plane.ft', '--json', '--element-node-limit', '8');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.elements.etcd).toMatchObject({ availability: null, unavailability: null, reliability: null, unreliability: null, mttf: null });
    expect(json.elements.etcd.own.availability).toBeGreaterThan(0.9);
    expect(json.system.availability).toBe(JSON.parse(run('analyze', 'samples/k8s-control-plane.ft', '--json').out).system.availability);
    expect(result.err).toMatch(/warning: figures of 'etcd' not computed: the decision diagram needs more than 8 nodes, the limit per element.*\[element-limit\]/);
    expect(json.diagnostics.some((d: { code: string }) => d.code === 'element-limit')).toBe(true);
  });

  it('rejects a --element-node-limit that is not a whole number of at least 1, exit 2', () => {
    for (const bad of ['0', '-5', '2.5', 'lots']) expect(run('analyze', 'samples/web-shop.ft', '--element-node-limit', bad).code, bad).toBe(2);
    expect(run('analyze', 'samples/web-shop.ft', '--element-node-limit', '5_000_000').code).toBe(0);
  });

  it('rejects a bad --mission and unknown options with exit 2', () => {
    expect(run('analyze', 'samples/web-shop.ft', '--mission', '3 parsecs').code).toBe(2);
    expect(run('analyze', 'samples/web-shop.ft', '--frobnicate').code).toBe(2);
  });

  it('writes a readable text report with the headline figures', () => {
    const result = run('analyze', 'samples/web-shop.ft');
    expect(result.out).toMatch(/Availability\s+\d+\.\d+%/);
    expect(result.out).toMatch(/Downtime/);
    expect(result.out).toMatch(/Minimal cut sets: \d+/);
  });
});

describe('faultline format', () => {
  it('prints the canonical layout, and --write rewrites the file in place', () => {
    const file = write('messy.ft', 'system s{needs a}\ncomponent a{mtbf 10h   mttr 1h}\n');
    const printed = run('format', file);
    expect(printed.code).toBe(0);
    expect(run('format', file, '--write').code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(printed.out);
  });

  it('refuses a file with syntax errors, exit 1', () => {
    const file = write('syntax.ft', 'component a { mtbf }\n}}}\n');
    const result = run('format', file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/syntax\.ft:\d+:\d+: error:/);
  });
});

describe('faultline diagram', () => {
  it('prints a Mermaid flowchart with generated ids and the SPOF class', () => {
    const result = run('diagram', 'samples/web-shop.ft');
    expect(result.code).toBe(0);
    expect(result.out.startsWith('flowchart TB\n')).toBe(true);
    expect(result.out).toContain('classDef spof');
  });
});

describe('the faultline binary on hostile input', () => {
  const bin = path.join(repo, 'bin', 'faultline.js');
  const spawn = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

  it.each([
    ['binary junk', () => Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)],
    ['5,000 nested parentheses', () => `system s { needs ${'series('.repeat(5000)}a${')'.repeat(5000)} }\ncomponent a { mtbf 1h mttr 1h }\n`],
    ['a 10 MB file', () => 'component a { mtbf 1h mttr 1h }\n'.repeat(330_000)],
    ['absurd numbers', () => 'system s { needs a }\ncomponent a { mtbf 1e400h mttr -1h replicas 1000000 }\n'],
  ])('answers %s with diagnostics and no stack trace', (_, make) => {
    const file = write('hostile.ft', make());
    const result = spawn('check', file);
    expect(result.error).toBeUndefined();
    expect([0, 1]).toContain(result.status);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('computes a large system\'s cut sets on its bundled worker thread, with the same report', () => {
    // jbd9601 (Aralia): its system diagram is large enough for the thread. A preload records the threads started.
    const tree = write('jbd9601.ft', spawn('import', '/work/shared/openpsa/aralia/jbd9601.xml').stdout);
    const started = write('threads.log', '');
    const preload = write(
      'record-threads.cjs',
      `const wt = require('node:worker_threads'); const W = wt.Worker;\n` +
        `wt.Worker = class extends W { constructor(script, options) { require('node:fs').appendFileSync(${JSON.stringify(started)}, String(script).slice(0, 200) + '\\n'); super(script, options); } };\n`,
    );
    const analyze = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, ['--require', preload, bin, 'analyze', '--json', tree], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
    const threaded = analyze({});
    expect(threaded.status).toBe(0);
    expect(fs.readFileSync(started, 'utf8')).toContain(path.join(repo, 'dist', 'cut-set-worker.js'));
    const alone = analyze({ FAULTLINE_THREADS: '1' });
    expect(JSON.parse(alone.stdout).cutSetCount).toBe(14007);
    expect(threaded.stdout).toBe(alone.stdout);
  });

  it('exits 2 with usage for an unknown command', () => {
    const result = spawn('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: faultline');
  });
});
