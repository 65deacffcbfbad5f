import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { dirname } from 'node:path';

/** The database file cannot be used as it is; the message names the file and what to do. */
export class StoreFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreFileError';
  }
}

/** SQLite's companion files: they hold recent writes (WAL) and hold the same health data as the file. */
export const companionSuffixes = ['-wal', '-shm'] as const;

/** Owner-only: a health record is nobody else's business on a shared computer. */
const privateFile = 0o600;
const privateFolder = 0o700;

function makePrivate(path: string, mode: number): void {
  // chmod is a no-op on Windows (ACLs decide there); a folder we do not own is left as it is.
  if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
}

/** Creates the data folder as owner-only (0700) when it does not exist yet. */
export function ensureDataFolder(folder: string): void {
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: privateFolder });
}

/**
 * Readies the SQLite file before it is opened for use:
 * - a new file is created in an owner-only folder (0700) as owner-only (0600); SQLite gives the `-wal` and
 *   `-shm` files it creates the database file's mode, so they are private too;
 * - an existing file (and its companions) is made private, in case an older version left it readable;
 * - an existing file that is empty, not a database, or fails `PRAGMA quick_check` is refused: opening it
 *   would start a fresh, empty record over one that had data, or write into a damaged one.
 */
export function prepareSqliteFile(path: string): void {
  ensureDataFolder(dirname(path));
  if (!existsSync(path)) {
    closeSync(openSync(path, 'wx', privateFile));
    return;
  }
  for (const file of [path, ...companionSuffixes.map((s) => path + s)]) {
    if (existsSync(file)) makePrivate(file, privateFile);
  }
  const whatToDo =
    'Nothing was changed. If you have an export (unknot export), move this file away and import it into a ' +
    'new one; or set UNKNOT_DATA_DIR to another folder.';
  if (statSync(path).size === 0 && !existsSync(path + '-wal')) {
    throw new StoreFileError(
      `The database file ${path} is empty, so the record it held is gone or was never written. Refusing to ` +
        `start a new, empty record over it. ${whatToDo} To start afresh, delete the file.`,
    );
  }
  let problem: string;
  try {
    const db = new DatabaseSync(path, { readOnly: false });
    try {
      const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
      const findings = rows.map((r) => r.quick_check);
      if (findings.length === 1 && findings[0] === 'ok') return;
      problem = `it is damaged (${findings.slice(0, 3).join('; ')})`;
    } finally {
      db.close();
    }
  } catch (error) {
    problem = `it cannot be read as a database (${(error as Error).message})`;
  }
  throw new StoreFileError(`The database file ${path} cannot be used: ${problem}. ${whatToDo}`);
}
