/** `dateline` as a process: runCommand (program.ts) on this process's arguments, streams and environment. */
import { runCommand } from './program.ts';

// A reader that stops early (`dateline enrich --jsonl big.jsonl | head`) closes the pipe: the output
// is no longer wanted, which ends the command quietly instead of as an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const code = await runCommand(process.argv.slice(2), {
  // A getter: only a command that reads standard input should open it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
// On success the process ends by itself once the command's work is done (`serve` keeps it running).
if (code !== 0) process.exit(code);
