import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { asLine, plain, type CliIo } from '../src/io.ts';
import { main } from '../src/main.ts';

export const binPath = fileURLToPath(new URL('../bin/unknot.js', import.meta.url));
export const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `unknot` binary in a child process, as a user's shell would. */
export function runCli(args: string[], input?: string, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface InProcessOptions {
  /** Standard input (for `--answers -`, `import -`); empty when not given. */
  input?: string;
  /**
   * The whole environment the command sees: nothing of this process's own, so a developer's DATABASE_URL or
   * data folder can never be written to by a test.
   */
  env?: Record<string, string>;
}

/**
 * Runs `unknot args` in this process through `main(argv, io)`: the same code as the binary after its first line,
 * with stdout and stderr captured as the binary would print them (plain, line by line) and no terminal attached.
 */
export async function runCliInProcess(args: string[], options: InProcessOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => {
      stdout += asLine(text);
    },
    err: (text) => {
      stderr += asLine(text);
    },
    style: plain,
    env: { ...options.env },
    readStdin: () => Promise.resolve(options.input ?? ''),
    terminal: { stdin: false, stdout: false },
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}
