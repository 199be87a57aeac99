import { parseArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io';
import { loadAndEvaluate, printDiagnostics } from '../load';
import { parseDurationArgument } from '../duration-argument';
import { parseCountArgument } from '../count-argument';
import { jsonReport } from '../report/json-report';
import { textReport } from '../report/text-report';

/** `faultline analyze FILE [--json] [--mission DURATION] [--element-node-limit N]`: the report; exit 1 if the model has errors. */
export function analyzeCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, { valued: ['mission', 'element-node-limit'], boolean: ['json'] });
  if (args.positionals.length !== 1) throw new UsageError('analyze takes exactly one FILE');
  const mission = args.flags.get('mission');
  const missionOverride = typeof mission === 'string' ? parseDurationArgument(mission, '--mission') : undefined;
  const limit = args.flags.get('element-node-limit');
  const elementNodeLimit = typeof limit === 'string' ? parseCountArgument(limit, '--element-node-limit') : undefined;
  const loaded = loadAndEvaluate(args.positionals[0]!, io, {
    ...(missionOverride === undefined ? {} : { missionOverride }),
    ...(elementNodeLimit === undefined ? {} : { elementNodeLimit }),
  });
  printDiagnostics(loaded.diagnostics, io);
  const modelHasErrors = loaded.model.hasErrors || loaded.evaluation.analysis === undefined;
  if (args.flags.get('json')) {
    io.out(JSON.stringify(jsonReport(loaded.model, loaded.evaluation, loaded.diagnostics), null, 2) + '\n');
  } else {
    io.out(textReport(loaded.model, loaded.evaluation.analysis));
  }
  // A failed requirement is a finding, not a model error: `check` is the gate for that.
  return modelHasErrors ? EXIT_FAILED : EXIT_OK;
}
