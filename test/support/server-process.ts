/** `dateline` run in the test's process, or as a real child process for tests of the binary and of crash durability. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';

const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;

/**
 * Reference data cut down to the few countries, places and names the tests write about (rows copied
 * from resources/): loading it takes milliseconds where the shipped gazetteer takes about a second.
 */
export const FIXTURE_REFERENCE_DIR = new URL('../fixtures/reference', import.meta.url).pathname;

/** What a `dateline` run printed and its exit code. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `dateline args…` inside this process (runCommand, src/cli/program.ts), with `input` on its
 * standard input, in `cwd` (default this process's working directory), with `env` over this
 * process's environment. A spawned `dateline` costs ~0.45 s of CPU loading modules this process
 * mostly has already; runCliProcess is for tests that need a process of its own. Not for a `serve`
 * that starts: it would listen in this process until it exits (startServer runs one).
 */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
  cwd?: string,
): Promise<CliResult> {
  const { runCommand } = await import('../../src/cli/program.ts');
  let stdout = '';
  let stderr = '';
  const collect = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString('utf8'));
        done();
      },
    });
  const status = await runCommand(args, {
    stdin: Readable.from(input === undefined ? [] : [Buffer.from(input)]),
    stdout: collect((text) => (stdout += text)),
    stderr: collect((text) => (stderr += text)),
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    cwd: cwd ?? process.cwd(),
  });
  return { status, stdout, stderr };
}

/**
 * Runs `dateline args…` as a child process (bin/dateline.js) to completion, in `cwd` (default this
 * process's working directory): for what only a process of its own shows (which modules it loads,
 * that the binary works, a server killed beside it). One that has not ended after a minute is
 * killed and fails the test saying so (a SIGTERM would let `serve` exit cleanly, as if it had
 * finished by itself).
 */
export function runCliProcess(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
  cwd?: string,
): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    cwd,
    encoding: 'utf8',
    input,
    timeout: CLI_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.error !== undefined)
    throw new Error(`dateline ${args.join(' ')}: ${result.error.message}; stderr: ${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const CLI_TIMEOUT_MS = 60_000;

/** A `dateline serve` child process and the URL it listens on. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every line the process wrote to standard output so far (its JSON log lines). */
  output: string[];
  /** Sends `signal` and waits for the process to exit; resolves to its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `dateline serve` on a free port and waits for its "serving" log line. It enriches with the
 * fixture reference data unless `env` names DATELINE_REFERENCE_DIR.
 */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: {
      ...process.env,
      DATELINE_SAMPLE: 'off',
      LOG_LEVEL: 'info',
      DATELINE_REFERENCE_DIR: FIXTURE_REFERENCE_DIR,
      ...env,
    },
    // Not the checkout: the command must work from wherever an operator runs it.
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const output: string[] = [];
  lines.on('line', (line) => output.push(line));
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /serving (http:\/\/\S+?)"/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`dateline serve exited before listening: ${stderr}`)));
  });
  return {
    child,
    url,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
  };
}
