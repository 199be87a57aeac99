// `npm start`: runs `faultline analyze` on every root model under samples/
// (a file that another sample `use`s is part of that model, not a root).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'samples');

function modelFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return modelFiles(p);
    return p.endsWith('.ft') ? [p] : [];
  });
}

const files = modelFiles(root).sort();
const used = new Set();
for (const file of files) {
  for (const match of readFileSync(file, 'utf8').matchAll(/^\s*use\s+"((?:[^"\\]|\\.)*)"/gm)) {
    used.add(resolve(dirname(file), match[1].replace(/\\(.)/g, '$1')));
  }
}

let failures = 0;
for (const file of files.filter((f) => !used.has(f))) {
  const shown = relative(process.cwd(), file);
  console.log(`\n=== faultline analyze ${shown}`);
  const run = spawnSync(process.execPath, ['bin/faultline.js', 'analyze', shown], { stdio: 'inherit' });
  if (run.status !== 0) failures++;
}
console.log(`\nAnalysed ${files.length - used.size} models in ${relative(process.cwd(), root) || '.'}; ${failures} with errors.`);
process.exitCode = failures > 0 ? 1 : 0;
