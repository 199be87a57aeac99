import { analyzeCommand } from './commands/analyze';
import { checkCommand } from './commands/check';
import { diagramCommand } from './commands/diagram';
import { formatCommand } from './commands/format';
import { importCommand } from './commands/import';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';

declare const FAULTLINE_VERSION: string | undefined;

export const USAGE = `Usage: faultline <command> [options]

Commands:
  analyze FILE [--json] [--mission DURATION] [--element-node-limit N]
                                                figures and findings; exit 1 if the model has errors
  check FILE...                                 exit 1 on any error or failed requirement
  diagram FILE [--direction TB|LR]              Mermaid flowchart of the architecture on stdout
  format FILE [--write]                         canonical layout (stdout, or in place)
  import FILE.xml                               Open-PSA MEF fault tree -> .ft model on stdout

Options:
  --help       this text
  --version    the version
`;

const COMMANDS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => number>> = {
  analyze: analyzeCommand,
  check: checkCommand,
  diagram: diagramCommand,
  format: formatCommand,
  import: importCommand,
};

/** Runs one command line; returns the exit code. Never throws for bad input. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === '--version') {
    io.out(`${typeof FAULTLINE_VERSION === 'string' ? FAULTLINE_VERSION : 'dev'}\n`);
    return EXIT_OK;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`faultline: unknown command '${command}'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`faultline ${command}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // A bug of ours, not bad input: say so plainly, without a stack trace (exit 1: the check did not pass).
    io.err(`faultline ${command}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
