import { isatty } from 'node:tty';
import { styleText } from 'node:util';

export type StyleFormat = Parameters<typeof styleText>[0];
/** Styles text for wherever `out` goes: colours on a colour terminal, plain text otherwise. */
export type Style = (format: StyleFormat, text: string) => string;

/**
 * Everything a command takes from its surroundings: where it writes, the environment it reads (UNKNOT_DATA_DIR,
 * DATABASE_URL, TZ), standard input, and whether a person sits at a terminal. Passed in rather than read from
 * `process`, so tests and other commands can run a command in-process with their own data folder and input.
 */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  style: Style;
  env: NodeJS.ProcessEnv;
  /** The whole of standard input as text (for `--answers -`, `import -`). */
  readStdin: () => Promise<string>;
  /** Whether standard input and output are terminals: prompts and timers need a person at the keyboard. */
  terminal: { stdin: boolean; stdout: boolean };
}

/** What a command prints is a line: one newline at the end, whether or not the text brought its own. */
export const asLine = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/** Text without styling, for output that is not a terminal (and for tests). */
export const plain: Style = (_format, text) => text;

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The io of the real process. `isatty` asks the descriptors, so nothing opens a stdin stream until it is read. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(asLine(text)),
    err: (text) => process.stderr.write(asLine(text)),
    // styleText looks at the stream (a terminal?) and at NO_COLOR / FORCE_COLOR.
    style: (format, text) => styleText(format, text, { stream: process.stdout }),
    env: process.env,
    readStdin: readProcessStdin,
    terminal: { stdin: isatty(0), stdout: isatty(1) },
  };
}
