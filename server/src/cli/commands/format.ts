import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatText } from '../../language/formatter';
import { parseArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io';
import { printDiagnostics } from '../load';
import { locateDiagnostics } from '../report/diagnostic-lines';

/** `faultline format FILE [--write]`: canonical layout to stdout, or in place. Refuses files with syntax errors. */
export function formatCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: [], boolean: ['write'] });
  if (args.positionals.length !== 1) throw new UsageError('format takes exactly one FILE');
  const file = path.resolve(io.cwd, args.positionals[0]!);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read '${args.positionals[0]}'`);
  }
  const result = formatText(text, file);
  if ('diagnostics' in result) {
    printDiagnostics(locateDiagnostics(result.diagnostics, () => text, io.cwd), io);
    return EXIT_FAILED;
  }
  if (args.flags.get('write')) {
    if (result.text !== text) fs.writeFileSync(file, result.text);
  } else {
    io.out(result.text);
  }
  return EXIT_OK;
}
