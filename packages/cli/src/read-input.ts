import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error.ts';
import type { CliIo } from './io.ts';

/**
 * Reads and parses a JSON file, or standard input for `-`. Failures become one-line messages naming the problem
 * and `what` was being read (answers, an export).
 */
export async function readJsonInput(io: CliIo, path: string, what = 'answers'): Promise<unknown> {
  const name = path === '-' ? 'standard input' : path;
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? 'unreadable');
    throw new CliError(`Cannot read ${what} from ${name}: ${why}.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`Cannot read ${what} from ${name}: not valid JSON (${(error as Error).message}).`);
  }
}
