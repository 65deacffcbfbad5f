import { DomainError } from '@unknot/core';

// SQLite primary result codes (the low byte of node:sqlite's `errcode`): https://sqlite.org/rescode.html
const sqliteFull = 13;
const sqliteUnavailable = new Set([8 /* READONLY */, 10 /* IOERR */, 14 /* CANTOPEN */]);
// PostgreSQL SQLSTATEs: 53100 disk_full, 53xxx insufficient resources, 25006 read-only transaction.
const postgresFull = '53100';

/** Seconds a client should wait before trying again: long enough for someone to free space. */
export const storageRetryAfterSeconds = 60;

/**
 * The database could not take a write for a reason that is not the request's fault: the disk is full, the
 * file became read-only, or the device failed. Such a write was not committed, so nothing was acknowledged;
 * it becomes a DomainError the server answers with 507/503 and Retry-After, and the CLI with a plain message.
 * Any other error is returned as it is.
 */
export function asStorageError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const e = error as { errcode?: unknown; code?: unknown };
  const sqliteCode = typeof e.errcode === 'number' ? e.errcode & 0xff : undefined;
  if (sqliteCode === sqliteFull || e.code === postgresFull) {
    return new DomainError(
      'storage_full',
      'The disk holding the database is full, so this was not saved. Free some space and try again; ' +
        'everything saved before is safe.',
    );
  }
  const pgCode = typeof e.code === 'string' ? e.code : '';
  if (
    (sqliteCode !== undefined && sqliteUnavailable.has(sqliteCode)) ||
    pgCode === '25006' ||
    (pgCode.startsWith('53') && pgCode !== postgresFull)
  ) {
    return new DomainError(
      'storage_unavailable',
      'The database cannot be written just now (read-only or failing storage), so this was not saved. ' +
        'Everything saved before is safe.',
    );
  }
  return error;
}

export function isStorageFailure(error: unknown): boolean {
  return (
    error instanceof DomainError && (error.code === 'storage_full' || error.code === 'storage_unavailable')
  );
}
