import { DomainError } from '@unknot/core';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChangeLogTable, Database, DialectName } from './schema.ts';

/**
 * The change feed and the history of overwritten versions (migration 8, docs/sync.md). Every write of a record
 * appends its change here in the same transaction as the write itself, so the feed can never disagree with the
 * records. Store and SqlCareStore call these; nothing else writes the two tables.
 */

export const changeKinds = [
  'episode',
  'assessment',
  'diary',
  'check_in',
  'session',
  'programme',
  'peg',
  'erase',
] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** One record's latest state, as `GET /api/v1/changes` sends it. */
export interface Change {
  kind: ChangeKind;
  /** The record's id; for `erase`, "all". */
  id: string;
  /** The episode the record is filed under (an episode's own id for an episode); null for the rest. */
  episodeId: string | null;
  op: 'put' | 'delete';
  /** Starts at 1 and goes up by one with every write of the record. */
  version: number;
  /** The record as the API's other routes return it; null for a delete. */
  record: Record<string, unknown> | null;
  /** The write that made this version replaced one its writer had not seen (the replaced one is in history). */
  conflicted: boolean;
}

export interface ChangePage {
  changes: Change[];
  /** Pass back as `since`. */
  cursor: string;
  /** More changes are waiting: ask again at once. */
  more: boolean;
}

/** A version some write replaced, newest first in `history`. */
export interface HistoryItem {
  kind: ChangeKind;
  id: string;
  version: number;
  record: Record<string, unknown>;
  replacedAt: string;
  /** It lost: the write that replaced it had not seen it. */
  conflicted: boolean;
}

/** A record and the version the write made (or found, for a retry). */
export interface Versioned<T> {
  record: T;
  version: number;
}

/**
 * The kinds erased with a person's record: their episodes and what is filed under them, and their PEG answers. The
 * programme is the clinician's assignment and stays.
 */
const erasedKinds: readonly ChangeKind[] = ['episode', 'assessment', 'diary', 'check_in', 'session', 'peg'];

/** In the two-key space of advisory locks, apart from the migrations' single key (migrate.ts). */
const changeLockKey = 727008;

/**
 * Serialises the change-writing transactions of one owner (every personal-mode write shares one key) on
 * PostgreSQL, taken before the transaction takes a sequence number: per owner, commit order is then sequence
 * order, and a reader who has seen sequence N never later meets a change of that owner below N. Taken first in
 * the transaction, before any row lock, so two writers cannot each hold what the other waits for. SQLite has a
 * single writer and needs nothing.
 */
export async function lockOwner(
  trx: Kysely<Database>,
  dialect: DialectName,
  owner: string | null,
): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${sql.lit(changeLockKey)}, hashtext(${owner ?? ''}))`.execute(trx);
}

/**
 * The owner of an episode (null in personal mode; undefined when there is no such episode), with its owner's
 * lock taken on PostgreSQL: one statement for the writes under an episode.
 */
export async function lockEpisodeOwner(
  trx: Kysely<Database>,
  dialect: DialectName,
  episodeId: string,
): Promise<string | null | undefined> {
  if (dialect === 'sqlite') {
    const row = await trx
      .selectFrom('episodes')
      .select('owner_id')
      .where('id', '=', episodeId)
      .executeTakeFirst();
    return row ? row.owner_id : undefined;
  }
  const result = await sql<{ owner_id: string | null }>`
    select owner_id, pg_advisory_xact_lock(${sql.lit(changeLockKey)}, hashtext(coalesce(owner_id, '')))::text
    from episodes where id = ${episodeId}`.execute(trx);
  const row = result.rows[0];
  return row ? row.owner_id : undefined;
}

export interface ChangeWrite {
  kind: ChangeKind;
  id: string;
  episodeId: string | null;
  owner: string | null;
  /** The record as written; null for a delete. */
  record: unknown;
  at: string;
  /** The version the writer last saw (`unknot-base-version`); lower than the current one makes a conflict. */
  baseVersion?: number | undefined;
  /** The stored record this write replaces: kept in history under its version. */
  replaced?: unknown;
}

/**
 * Appends a record's change: its previous row goes and the new one, one version up, is inserted with a fresh
 * sequence number. Call it with the owner's lock held (lockOwner, lockEpisodeOwner).
 */
export async function appendChange(
  trx: Kysely<Database>,
  write: ChangeWrite,
): Promise<{ version: number; conflicted: boolean }> {
  const previous = await trx
    .deleteFrom('change_log')
    .where('kind', '=', write.kind)
    .where('record_id', '=', write.id)
    .returning('version')
    .executeTakeFirst();
  const current = previous?.version ?? 0;
  const conflicted = write.baseVersion !== undefined && write.baseVersion < current;
  if (write.replaced !== undefined) {
    await trx
      .insertInto('record_history')
      .values({
        owner_id: write.owner,
        kind: write.kind,
        record_id: write.id,
        episode_id: write.episodeId,
        version: current,
        data: JSON.stringify(write.replaced),
        conflicted: conflicted ? 1 : 0,
        replaced_at: write.at,
      })
      .execute();
  }
  await trx
    .insertInto('change_log')
    .values({
      owner_id: write.owner,
      kind: write.kind,
      record_id: write.id,
      episode_id: write.episodeId,
      op: write.record === null ? 'delete' : 'put',
      version: current + 1,
      data: write.record === null ? null : JSON.stringify(write.record),
      conflicted: conflicted ? 1 : 0,
      at: write.at,
    })
    .execute();
  return { version: current + 1, conflicted };
}

/**
 * appendChange for many new records at once (an import), in a few statements per 500 rather than two per record.
 * Nothing is replaced, so nothing goes to history. Call it with the owner's lock held.
 */
export async function appendChanges(
  trx: Kysely<Database>,
  writes: readonly Omit<ChangeWrite, 'baseVersion' | 'replaced'>[],
): Promise<void> {
  const chunk = 500;
  for (let start = 0; start < writes.length; start += chunk) {
    const part = writes.slice(start, start + chunk);
    const previous = new Map<string, number>();
    for (const kind of new Set(part.map((w) => w.kind))) {
      const ids = part.filter((w) => w.kind === kind).map((w) => w.id);
      const rows = await trx
        .deleteFrom('change_log')
        .where('kind', '=', kind)
        .where('record_id', 'in', ids)
        .returning(['record_id', 'version'])
        .execute();
      for (const row of rows) previous.set(`${kind} ${row.record_id}`, row.version);
    }
    await trx
      .insertInto('change_log')
      .values(
        part.map((write) => ({
          owner_id: write.owner,
          kind: write.kind,
          record_id: write.id,
          episode_id: write.episodeId,
          op: write.record === null ? 'delete' : 'put',
          version: (previous.get(`${write.kind} ${write.id}`) ?? 0) + 1,
          data: write.record === null ? null : JSON.stringify(write.record),
          conflicted: 0,
          at: write.at,
        })),
      )
      .execute();
  }
}

/** The record's current version; 0 when it has never been written. */
export async function currentVersion(db: Kysely<Database>, kind: ChangeKind, id: string): Promise<number> {
  const row = await db
    .selectFrom('change_log')
    .select('version')
    .where('kind', '=', kind)
    .where('record_id', '=', id)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/** A deleted record's history goes with it. */
export async function dropHistory(trx: Kysely<Database>, kind: ChangeKind, id: string): Promise<void> {
  await trx.deleteFrom('record_history').where('kind', '=', kind).where('record_id', '=', id).execute();
}

/**
 * Before an episode's tombstone: its children's rows and every history row under it go (a client drops the
 * children of a deleted episode itself).
 */
export async function dropEpisode(trx: Kysely<Database>, episodeId: string): Promise<void> {
  await trx
    .deleteFrom('change_log')
    .where('episode_id', '=', episodeId)
    .where('kind', '!=', 'episode')
    .execute();
  await trx.deleteFrom('record_history').where('episode_id', '=', episodeId).execute();
}

/**
 * Moves rows to the end of the feed (new sequence numbers, same versions), as `owner`'s: for a change a reader
 * may have passed already, such as an episode becoming its patient's after it was written without an owner.
 */
async function resequence(
  trx: Kysely<Database>,
  rows: readonly Selectable<ChangeLogTable>[],
  owner: string | null,
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .deleteFrom('change_log')
    .where(
      'seq',
      'in',
      rows.map((r) => r.seq),
    )
    .execute();
  await trx
    .insertInto('change_log')
    .values(
      [...rows]
        .sort((a, b) => Number(a.seq) - Number(b.seq))
        .map(({ seq: _seq, ...row }) => ({ ...row, owner_id: owner })),
    )
    .execute();
}

/**
 * An episode (and what is under it) has become `owner`'s: its rows join the owner's feed after everything the
 * owner has seen, and its history becomes theirs. Call with the owner's lock held.
 */
export async function claimEpisode(trx: Kysely<Database>, episodeId: string, owner: string): Promise<void> {
  // Only the rows written without an owner: a retry of a claim (or an import into an episode already the
  // patient's, whose new children were logged without one) moves nothing the patient already has.
  const rows = await trx
    .selectFrom('change_log')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('owner_id', 'is', null)
    .execute();
  await resequence(trx, rows, owner);
  await trx
    .updateTable('record_history')
    .set({ owner_id: owner })
    .where('episode_id', '=', episodeId)
    .where('owner_id', 'is', null)
    .execute();
}

/**
 * After a person's records are erased: their rows and history go, and one `erase` change tells every client to
 * clear its copy. In clinic mode (`owner` given) the patient's programme and PEG scores, which are not erased,
 * follow the erase again so a client that cleared everything gets them back. Call with the owner's lock held.
 */
export async function logErase(trx: Kysely<Database>, owner: string | null, at: string): Promise<void> {
  if (owner === null) {
    // The erase row itself stays for appendChange to replace: its version keeps counting up.
    await trx.deleteFrom('change_log').where('kind', '!=', 'erase').execute();
    await trx.deleteFrom('record_history').execute();
  } else {
    await trx
      .deleteFrom('change_log')
      .where('owner_id', '=', owner)
      .where('kind', 'in', erasedKinds)
      .execute();
    await trx.deleteFrom('record_history').where('owner_id', '=', owner).execute();
  }
  // One row per owner: its id is the owner's (or "all"), so the (kind, record_id) key holds; the API says "all".
  await appendChange(trx, { kind: 'erase', id: owner ?? 'all', episodeId: null, owner, record: null, at });
  if (owner === null) return;
  const kept = await trx.selectFrom('change_log').selectAll().where('owner_id', '=', owner).execute();
  await resequence(
    trx,
    kept.filter((row) => row.kind !== 'erase'),
    owner,
  );
}

const cursorPattern = /^s([0-9]{1,15})$/;

function encodeCursor(seq: number): string {
  return Buffer.from(`s${String(seq)}`).toString('base64url');
}

/** Only a cursor this server gave out is accepted; anything else is the client's mistake, named `since`. */
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match =
    cursor.length <= 24 ? cursorPattern.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  if (match?.[1] === undefined || encodeCursor(Number(match[1])) !== cursor) {
    throw new DomainError('validation_failed', 'The cursor is not one this server gave out.', [
      { field: 'since', problem: 'is not a cursor returned by GET /api/v1/changes' },
    ]);
  }
  return Number(match[1]);
}

/**
 * The changes after `cursor` (from the beginning when absent), oldest first, at most `limit`. `owner` limits
 * them to one patient's (clinic mode); absent, every change (personal mode).
 */
export async function changesSince(
  db: Kysely<Database>,
  options: { cursor?: string | undefined; limit: number; owner?: string | undefined },
): Promise<ChangePage> {
  const after = decodeCursor(options.cursor);
  let query = db
    .selectFrom('change_log')
    .select(['seq', 'kind', 'record_id', 'episode_id', 'op', 'version', 'data', 'conflicted'])
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(options.limit + 1);
  if (options.owner !== undefined) query = query.where('owner_id', '=', options.owner);
  const rows = await query.execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    changes: page.map((row) => ({
      kind: row.kind as ChangeKind,
      id: row.kind === 'erase' ? 'all' : row.record_id,
      episodeId: row.episode_id,
      op: row.op as Change['op'],
      version: row.version,
      record: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
      conflicted: row.conflicted === 1,
    })),
    cursor: encodeCursor(last ? Number(last.seq) : after),
    more: rows.length > options.limit,
  };
}

/** The versions replaced under an episode (its own and its records'), newest first. */
export async function historyOf(db: Kysely<Database>, episodeId: string): Promise<HistoryItem[]> {
  const rows = await db
    .selectFrom('record_history')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('seq', 'desc')
    .execute();
  return rows.map((row) => ({
    kind: row.kind as ChangeKind,
    id: row.record_id,
    version: row.version,
    record: JSON.parse(row.data) as Record<string, unknown>,
    replacedAt: row.replaced_at,
    conflicted: row.conflicted === 1,
  }));
}
