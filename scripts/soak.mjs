// Runs the property tests (fast-check) again and again with random seeds, to
// find counterexamples the fixed seed of `npm test` does not reach.
// Usage: npm run test:soak [-- ROUNDS]   (default 10 rounds)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const rounds = Number(process.argv[2] ?? 10);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'e2e') walk(path);
    } else if (name.endsWith('.test.ts') && /\bfc\.(assert|property)\b/.test(readFileSync(path, 'utf8'))) files.push(path);
  }
};
walk('test');
console.log(`${files.length} files with properties, ${rounds} rounds of random seeds`);
for (let round = 1; round <= rounds; round++) {
  const run = spawnSync('npx', ['vitest', 'run', ...files], { stdio: 'inherit', env: { ...process.env, FAULTLINE_FC_SEED: 'random' } });
  if (run.status !== 0) {
    console.error(`round ${round}: a property failed (its seed and path are printed above)`);
    process.exit(1);
  }
}
console.log(`${rounds} rounds passed`);
