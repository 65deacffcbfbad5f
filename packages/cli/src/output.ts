import { styleText } from 'node:util';

/** Where a command writes. Passed in so commands can be run in-process by tests and by other commands. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

type Style = Parameters<typeof styleText>[0];

/** Styles text for the terminal; plain when stdout is not a terminal or NO_COLOR is set. */
export function style(format: Style, text: string): string {
  return styleText(format, text, { stream: process.stdout });
}
