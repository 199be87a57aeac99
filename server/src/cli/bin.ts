import { runCli } from './main';

/** The `faultline` executable: real streams, real exit code. */
const code = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = code;
