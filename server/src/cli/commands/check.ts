import { parseArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io';
import { hasErrors, loadAndEvaluate, printDiagnostics } from '../load';

/** `faultline check FILE...`: exit 1 on any error or failed requirement (both are error diagnostics). */
export function checkCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: [], boolean: [] });
  if (args.positionals.length === 0) throw new UsageError('check takes at least one FILE');
  let failed = false;
  for (const file of args.positionals) {
    const loaded = loadAndEvaluate(file, io, { verdictsOnly: true });
    printDiagnostics(loaded.diagnostics, io);
    if (hasErrors(loaded.diagnostics)) failed = true;
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}
