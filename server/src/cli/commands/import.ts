import * as fs from 'node:fs';
import * as path from 'node:path';
import { importOpenPsa } from '../import/openpsa';
import { parseArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io';
import { displayPath } from '../report/diagnostic-lines';

/** `faultline import FILE.xml`: an Open-PSA MEF fault tree as a `.ft` model on stdout. */
export function importCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: [], boolean: [] });
  if (args.positionals.length !== 1) throw new UsageError('import takes exactly one FILE.xml');
  const file = path.resolve(io.cwd, args.positionals[0]!);
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read '${args.positionals[0]}'`);
  }
  const shown = displayPath(file, io.cwd);
  const result = importOpenPsa(xml, path.basename(file));
  if (!result.ok) {
    for (const e of result.errors) io.err(`${shown}:${e.line}:${e.column}: error: ${e.message}\n`);
    return EXIT_FAILED;
  }
  io.out(result.text);
  return EXIT_OK;
}
