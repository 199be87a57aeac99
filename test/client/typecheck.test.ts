import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The root tsconfig covers server/ and test/; the extension and its webview have their own (vscode and DOM types). */
describe('the extension sources', () => {
  it('type-check in strict mode with the VS Code and DOM typings', () => {
    const root = join(__dirname, '../..');
    const run = () => execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'client/tsconfig.json', '--noEmit'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  }, 120_000);
});
