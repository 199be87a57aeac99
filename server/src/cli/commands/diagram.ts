import { modelToMermaid } from '../../diagram/mermaid';
import { parseArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io';
import { loadAndEvaluate, printDiagnostics } from '../load';

/** `faultline diagram FILE`: the architecture as a Mermaid flowchart on stdout. */
export function diagramCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['direction'], boolean: [] });
  if (args.positionals.length !== 1) throw new UsageError('diagram takes exactly one FILE');
  const direction = args.flags.get('direction');
  if (direction !== undefined && direction !== 'TB' && direction !== 'LR') throw new UsageError("--direction is 'TB' or 'LR'");
  const loaded = loadAndEvaluate(args.positionals[0]!, io);
  printDiagnostics(loaded.diagnostics, io);
  if (loaded.model.hasErrors) return EXIT_FAILED;
  io.out(modelToMermaid(loaded.model, loaded.evaluation.analysis, { direction: direction ?? 'TB' }).text);
  return EXIT_OK;
}
