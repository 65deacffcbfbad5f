import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureDataFolder } from './sqlite-file.ts';

/** Another server holds the database file. */
export class StoreLockedError extends Error {
  readonly pid: number;
  constructor(message: string, pid: number) {
    super(message);
    this.name = 'StoreLockedError';
    this.pid = pid;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `<database>.lock` for this process, so a second unknot server on the same SQLite file refuses to
 * start (naming the first one's PID) instead of answering from a record another process is changing. The
 * CLI does not take it: a one-off command beside a running server is what SQLite's own locking is for. A
 * lock left by a process that is no longer running is taken over. Returns the release function.
 */
export function acquireServerLock(databasePath: string, pid: number = process.pid): () => void {
  const lockPath = `${databasePath}.lock`;
  ensureDataFolder(dirname(databasePath));
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lockPath, `${pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => {
        // Only remove our own lock: a stale-lock takeover by another process must not be undone.
        if (readLockPid(lockPath) === pid) rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLockPid(lockPath);
    if (holder !== undefined && holder !== pid && isRunning(holder)) {
      throw new StoreLockedError(
        `Another unknot server (PID ${holder}) is already using ${databasePath}. Stop it first, or set ` +
          `UNKNOT_DATA_DIR to another folder. (If no unknot server is running, delete ${lockPath}.)`,
        holder,
      );
    }
    rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath}: another process keeps taking it.`);
}

function readLockPid(lockPath: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
