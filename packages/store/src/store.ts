import {
  DomainError,
  assessmentResult,
  diaryTimeProblems,
  exportFormat,
  exportSchemaVersion,
  localDate,
  maxDiaryEntriesPerEpisode,
  onsetDateProblems,
  recordId,
  type ExportDocument,
  type EpisodeExport,
  type FieldIssue,
  type Assessment,
  type AssessmentInput,
  type CheckInInput,
  type CheckInRecord,
  type DiaryEntry,
  type DiaryEntryInput,
  type Episode,
  type EpisodeInput,
  type EpisodePatch,
  type SessionLog,
  type SessionLogInput,
} from '@unknot/core';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { canonicalJson } from './canonical-json.ts';
import {
  appendChange,
  appendChanges,
  changesSince,
  currentVersion,
  dropEpisode,
  dropHistory,
  historyOf,
  lockEpisodeOwner,
  lockOwner,
  logErase,
  type ChangeKind,
  type ChangePage,
  type ChangeWrite,
  type HistoryItem,
  type Versioned,
} from './changes.ts';
import type { Database, DialectName } from './schema.ts';
import { asStorageError, isStorageFailure } from './storage-errors.ts';
import { WriteQueue } from './write-queue.ts';

export interface DiaryQuery {
  /** Inclusive lower bound on `at` (UTC ISO). */
  from?: string | undefined;
  /** Exclusive upper bound on `at` (UTC ISO). */
  to?: string | undefined;
  /** Page size, 1–1000 (default 100). */
  limit?: number | undefined;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

export interface EpisodeSnapshot {
  episode: Episode;
  /** Oldest first. */
  diary: DiaryEntry[];
  /** Oldest first. */
  assessments: Assessment[];
  /** In start order. */
  sessions: SessionLog[];
  /** Oldest first. */
  checkIns: CheckInRecord[];
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A write's outcome: the stored record, its version (the one the write made, or the stored one for a retry that
 * changed nothing), and whether this call created it (false for a retry or a replacement).
 */
export interface Written<T> extends Versioned<T> {
  created: boolean;
}

type ChildTable = 'assessments' | 'diary_entries' | 'session_logs' | 'check_ins';

/** What each child table holds, as the change feed names it. */
const childKind = {
  assessments: 'assessment',
  diary_entries: 'diary',
  session_logs: 'session',
  check_ins: 'check_in',
} as const satisfies Record<ChildTable, ChangeKind>;

const parse = <T>(row: { data: string }): T => JSON.parse(row.data) as T;

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/**
 * A cursor is client input: only the exact pair this server encodes is accepted (a UTC instant in stored form
 * and a record id), so nothing else (a NUL byte, say, which PostgreSQL refuses in text) reaches a query.
 */
function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      isStoredInstant(value[0]) &&
      recordId.safeParse(value[1]).success
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('validation_failed', 'The cursor is not one this server gave out.', [
    { field: 'cursor', problem: 'is not a cursor returned by a previous page' },
  ]);
}

/** UTC instants are stored in one form so that text order is time order in both databases. */
const utc = (iso: string): string => new Date(iso).toISOString();

function isStoredInstant(text: string): boolean {
  const ms = Date.parse(text);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === text;
}

function implausible(what: string, problems: readonly FieldIssue[]): DomainError {
  const names = problems.map((p) => p.field).join(', ');
  return new DomainError('validation_failed', `The ${what} has an implausible ${names}.`, problems);
}

function refuseProblems(what: string, problems: readonly FieldIssue[]): void {
  if (problems.length > 0) throw implausible(what, problems);
}

/**
 * Room for the probe is room for a person's write. A diary write touches about a dozen pages (the entry, its
 * index, the episode's count, and its change-feed row with that table's indexes: changes.ts), so the probe spans
 * more pages than that: a few times the largest diary entry the API takes.
 */
const healthProbeBytes = 64 * 1024;

/** Records an import reads and writes per statement: well under both databases' limits on parameters. */
const importChunk = 500;

/** The child tables, in the order they are erased and exported (children before their episode). */
const childTables = ['assessments', 'diary_entries', 'session_logs', 'check_ins'] as const;

/**
 * The repository: every read and write of unknot's records, the same for SQLite and PostgreSQL.
 * Inputs are validated by the caller (the server's schemas, the CLI); the store enforces identity,
 * idempotency and ownership (a record belongs to exactly one episode).
 */
export class Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly #writes: WriteQueue | null;
  readonly #now: () => Date;
  readonly #insertSql = new Map<ChildTable, string>();
  #countNewSql: string | undefined;
  /** The last write's storage failure, if the last write failed for lack of space or a failing disk. */
  #storageFailure: DomainError | null = null;

  constructor(db: Kysely<Database>, dialect: DialectName, now: () => Date = () => new Date()) {
    this.db = db;
    this.dialect = dialect;
    // PostgreSQL commits concurrently on its own; SQLite has one writer, so writes are grouped (write-queue.ts).
    this.#writes = dialect === 'sqlite' ? new WriteQueue(db) : null;
    this.#now = now;
  }

  /**
   * Runs a write: on SQLite through the group-commit queue, on PostgreSQL in a transaction of its own.
   * `atomic` marks work of several writes that must apply together.
   */
  async #write<T>(
    work: (trx: Kysely<Database>) => Promise<T>,
    options: { atomic?: boolean } = {},
  ): Promise<T> {
    try {
      const result = await (this.#writes
        ? this.#writes.run(work, options)
        : this.db.transaction().execute(work));
      this.#storageFailure = null;
      return result;
    } catch (error) {
      const translated = asStorageError(error);
      if (isStorageFailure(translated)) this.#storageFailure = translated as DomainError;
      throw translated;
    }
  }

  /** Proves the database answers (health checks). */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /**
   * Whether the database can take a durable write now: a real write, committed like any other (a read would
   * succeed on a full disk or a read-only file). The probe is larger than a typical record (and shrunk again in
   * the same commit), so a disk with room for only a sliver is reported before a person's entry fails on it.
   * `degraded` names why.
   */
  async health(): Promise<{ status: 'ok' } | { status: 'degraded'; reason: string }> {
    const stamp = this.#now().toISOString();
    const probe = (value: string) => (trx: Kysely<Database>) =>
      trx
        .insertInto('unknot_meta')
        .values({ key: 'health_probe', value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    try {
      await this.#write(
        async (trx) => {
          await probe(stamp.padEnd(healthProbeBytes, '.'))(trx);
          await probe(stamp)(trx);
        },
        { atomic: true },
      );
      return { status: 'ok' };
    } catch (error) {
      const failure = isStorageFailure(error) ? (error as DomainError) : this.#storageFailure;
      return { status: 'degraded', reason: failure?.message ?? 'The database cannot be written.' };
    }
  }

  /**
   * After a delete, SQLite's secure_delete has overwritten the freed space, but in the write-ahead log;
   * a checkpoint copies that into the database file and truncates the log, so the deleted text is gone from
   * both files. Best effort: a reader in another process can hold the checkpoint back until the next one.
   */
  async #scrub(): Promise<void> {
    if (this.dialect !== 'sqlite') return;
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.#writes?.drain();
    await this.db.destroy();
  }

  // Episodes

  /** The person's local date now, in the episode's time zone: "the future" is theirs, not the server's. */
  #today(timeZone: string): string {
    return localDate(this.#now().toISOString(), timeZone);
  }

  async createEpisode(input: EpisodeInput): Promise<Written<Episode>> {
    refuseProblems('episode', onsetDateProblems(input.onsetDate, this.#today(input.timeZone)));
    const request = canonicalJson(input);
    return this.#write(async (trx) => {
      // A new episode has no owner yet; in clinic mode the care store gives it its patient (claimEpisode).
      await lockOwner(trx, this.dialect, null);
      const now = this.#now().toISOString();
      const record: Episode = { ...input, status: 'active', createdAt: now, updatedAt: now };
      const inserted = await trx
        .insertInto('episodes')
        .values({
          id: input.id,
          status: record.status,
          created_at: now,
          updated_at: now,
          data: JSON.stringify(record),
          request,
          onset_date: record.onsetDate,
          time_zone: record.timeZone,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
        const change: ChangeWrite = {
          kind: 'episode',
          id: record.id,
          episodeId: record.id,
          owner: null,
          record,
          at: now,
        };
        const { version } = await appendChange(trx, change);
        return { record, version, created: true };
      }
      return {
        record: await this.#existingEpisode(trx, input.id, request),
        version: await currentVersion(trx, 'episode', input.id),
        created: false,
      };
    });
  }

  async getEpisode(id: string): Promise<Episode> {
    const row = await this.db.selectFrom('episodes').select('data').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('episode', id);
    return parse<Episode>(row);
  }

  /** Every episode, newest first. */
  async listEpisodes(): Promise<Episode[]> {
    const rows = await this.db
      .selectFrom('episodes')
      .select('data')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => parse<Episode>(r));
  }

  /** Changes an episode and answers the record alone (the CLI's close); editEpisode also answers its version. */
  async updateEpisode(id: string, patch: EpisodePatch, baseVersion?: number): Promise<Episode> {
    return (await this.editEpisode(id, patch, baseVersion)).record;
  }

  /**
   * Changes an episode: the write always applies (the last to arrive wins) and the version it replaces is kept in
   * history, marked conflicted when `baseVersion` (the version the writer last saw) is older than the stored one.
   * A patch that changes nothing (a retry) writes nothing and answers the stored version.
   */
  editEpisode(id: string, patch: EpisodePatch, baseVersion?: number): Promise<Versioned<Episode>> {
    return this.#write(
      async (trx) => {
        const owner = await lockEpisodeOwner(trx, this.dialect, id);
        const row = await trx.selectFrom('episodes').select('data').where('id', '=', id).executeTakeFirst();
        if (owner === undefined || !row) throw notFound('episode', id);
        const current = parse<Episode>(row);
        // Absent fields stay as they are; zod marks them `undefined`, which must not overwrite a value.
        const changes = Object.fromEntries(
          Object.entries(patch).filter(([, v]) => v !== undefined),
        ) as Partial<Episode>;
        const at = this.#now().toISOString();
        const record: Episode = { ...current, ...changes, updatedAt: at };
        if (changes.onsetDate !== undefined || changes.timeZone !== undefined) {
          refuseProblems('episode', onsetDateProblems(record.onsetDate, this.#today(record.timeZone)));
        }
        if (canonicalJson({ ...record, updatedAt: current.updatedAt }) === canonicalJson(current)) {
          return { record: current, version: await currentVersion(trx, 'episode', id) };
        }
        await trx
          .updateTable('episodes')
          .set({
            status: record.status,
            updated_at: record.updatedAt,
            data: JSON.stringify(record),
            onset_date: record.onsetDate,
            time_zone: record.timeZone,
          })
          .where('id', '=', id)
          .execute();
        const change: ChangeWrite = {
          kind: 'episode',
          id,
          episodeId: id,
          owner,
          record,
          at,
          baseVersion,
          replaced: current,
        };
        const { version } = await appendChange(trx, change);
        return { record, version };
      },
      { atomic: true },
    );
  }

  /** Deletes the episode and everything recorded under it. */
  async deleteEpisode(id: string): Promise<void> {
    await this.#write(
      async (trx) => {
        const owner = await lockEpisodeOwner(trx, this.dialect, id);
        if (owner === undefined) throw notFound('episode', id);
        // Children first and explicitly: correct even where a foreign-key cascade is switched off.
        for (const table of childTables) {
          await trx.deleteFrom(table).where('episode_id', '=', id).execute();
        }
        await trx.deleteFrom('episodes').where('id', '=', id).execute();
        await dropEpisode(trx, id);
        const at = this.#now().toISOString();
        await appendChange(trx, { kind: 'episode', id, episodeId: id, owner, record: null, at });
      },
      { atomic: true },
    );
    await this.#scrub();
  }

  // Assessments

  /**
   * Stores a triage with the result computed here. An early stop (`complete: false`) is kept only when its
   * answers already make an emergency certain (assessmentResult), so that finding reaches every device.
   */
  async createAssessment(episodeId: string, input: AssessmentInput): Promise<Written<Assessment>> {
    const outcome = assessmentResult(input);
    const record: Assessment = {
      id: input.id,
      episodeId,
      at: utc(input.at),
      answers: input.answers,
      result: outcome,
      rulesVersion: outcome.rulesVersion,
      complete: input.complete ?? true,
      unsure: input.unsure ?? [],
    };
    return this.#createChild('assessments', 'assessment', episodeId, record, record.at);
  }

  listAssessments(episodeId: string): Promise<Assessment[]> {
    return this.#listChildren<Assessment>('assessments', 'at', episodeId);
  }

  // Diary

  /**
   * The hot write (bench/api.ts), so a new entry costs two statements: the insert, then one that counts it
   * under the ceiling and returns the onset and time zone its date is checked against. Counting after the
   * insert keeps PostgreSQL's lock on the episode row (which orders writes to one episode) to the last
   * statement before the commit. A retry and a write to a full episode take the longer way of
   * #checkDiaryWrite: every write is checked as before (the episode exists, the date is plausible, the
   * ceiling holds), in the same order.
   */
  createDiaryEntry(episodeId: string, input: DiaryEntryInput): Promise<Written<DiaryEntry>> {
    const record: DiaryEntry = { ...input, at: utc(input.at), episodeId };
    const data = JSON.stringify(record);
    return this.#write(async (trx) => {
      // PostgreSQL needs the owner's lock before anything else (changes.ts); SQLite, with its single writer, needs
      // no lock, and the count below returns the owner, which saves the hot write a statement.
      const locked =
        this.dialect === 'postgres' ? await lockEpisodeOwner(trx, this.dialect, episodeId) : null;
      if (locked === undefined) throw notFound('episode', episodeId);
      if (!(await this.#insertChild(trx, 'diary_entries', episodeId, record, record.at, data))) {
        await this.#checkDiaryWrite(trx, episodeId, record);
        return this.#existingChild(trx, 'diary_entries', 'diary entry', record);
      }
      const episode = await this.#countNewDiaryEntry(trx, episodeId);
      const owner = episode ? episode.owner_id : null;
      const problems = episode
        ? diaryTimeProblems(
            record.at,
            { onsetDate: episode.onset_date, timeZone: episode.time_zone },
            this.#now().toISOString(),
          )
        : [];
      if (episode && problems.length === 0) {
        const { version } = await this.#logNewChild(trx, 'diary_entries', episodeId, owner, record, () =>
          this.#countDiary(trx, episodeId, -1),
        );
        return { record, version, created: true };
      }
      // Refused: the entry (and its count) is taken back by statements, not a rollback, because in a group
      // commit a failed write's earlier statements stay (write-queue.ts).
      await trx.deleteFrom('diary_entries').where('id', '=', record.id).execute();
      if (!episode) {
        // Full: the date is still checked first, as on every other path.
        await this.#checkDiaryWrite(trx, episodeId, record);
        throw limitReached();
      }
      await this.#countDiary(trx, episodeId, -1);
      throw implausible('diary entry', problems);
    });
  }

  /**
   * Counts a new diary entry in its episode if there is room, and returns the episode's onset date, time zone
   * and owner; nothing when the episode is full. One statement, compiled once.
   */
  async #countNewDiaryEntry(
    trx: Kysely<Database>,
    episodeId: string,
  ): Promise<{ onset_date: string; time_zone: string; owner_id: string | null } | undefined> {
    let text = this.#countNewSql;
    if (text === undefined) {
      text = trx
        .updateTable('episodes')
        .set({ diary_count: sql<number>`diary_count + 1` })
        .where('id', '=', '')
        .where('diary_count', '<', sql.lit(maxDiaryEntriesPerEpisode))
        .returning(['onset_date', 'time_zone', 'owner_id'])
        .compile().sql;
      this.#countNewSql = text;
    }
    const result = await trx.executeQuery<{ onset_date: string; time_zone: string; owner_id: string | null }>(
      CompiledQuery.raw(text, [episodeId]),
    );
    return result.rows[0];
  }

  #countDiary(trx: Kysely<Database>, episodeId: string, change: 1 | -1): Promise<unknown> {
    return trx
      .updateTable('episodes')
      .set((eb) => ({ diary_count: eb('diary_count', '+', change) }))
      .where('id', '=', episodeId)
      .execute();
  }

  /**
   * A diary entry must fall between the episode's onset and tomorrow (a date outside it would be left out of
   * the chart and the summary without a word), and an episode holds at most maxDiaryEntriesPerEpisode.
   */
  async #checkDiaryWrite(trx: Kysely<Database>, episodeId: string, record: DiaryEntry): Promise<void> {
    const row = await trx
      .selectFrom('episodes')
      .select(['onset_date', 'time_zone', 'diary_count'])
      .where('id', '=', episodeId)
      .executeTakeFirst();
    if (!row) throw notFound('episode', episodeId);
    refuseProblems(
      'diary entry',
      diaryTimeProblems(
        record.at,
        { onsetDate: row.onset_date, timeZone: row.time_zone },
        this.#now().toISOString(),
      ),
    );
    if (row.diary_count < maxDiaryEntriesPerEpisode) return;
    // At the ceiling, a retry or a replacement of an entry already there still goes through.
    const existing = await trx
      .selectFrom('diary_entries')
      .select('id')
      .where('id', '=', record.id)
      .where('episode_id', '=', episodeId)
      .executeTakeFirst();
    if (!existing) throw limitReached();
  }

  /**
   * Creates or replaces a diary entry (PUT): the same call twice leaves the same state. A replacement keeps the
   * entry it replaces in history (conflicted when `baseVersion` is older than the stored version).
   */
  putDiaryEntry(
    episodeId: string,
    input: DiaryEntryInput,
    baseVersion?: number,
  ): Promise<Written<DiaryEntry>> {
    const record: DiaryEntry = { ...input, at: utc(input.at), episodeId };
    return this.#putChild('diary_entries', 'Diary entry', episodeId, record, record.at, baseVersion, {
      check: (trx) => this.#checkDiaryWrite(trx, episodeId, record),
      inserted: (trx) => this.#countDiary(trx, episodeId, 1),
    });
  }

  async deleteDiaryEntry(episodeId: string, entryId: string): Promise<void> {
    await this.#write(
      async (trx) => {
        const owner = await lockEpisodeOwner(trx, this.dialect, episodeId);
        const result = await trx
          .deleteFrom('diary_entries')
          .where('id', '=', entryId)
          .where('episode_id', '=', episodeId)
          .executeTakeFirst();
        if (owner === undefined || Number(result.numDeletedRows) === 0)
          throw notFound('diary entry', entryId);
        await this.#countDiary(trx, episodeId, -1);
        await dropHistory(trx, 'diary', entryId);
        const at = this.#now().toISOString();
        await appendChange(trx, { kind: 'diary', id: entryId, episodeId, owner, record: null, at });
      },
      { atomic: true },
    );
    await this.#scrub();
  }

  /** Diary entries oldest first, a page at a time. */
  async listDiary(episodeId: string, query: DiaryQuery = {}): Promise<Page<DiaryEntry>> {
    await this.#requireEpisode(this.db, episodeId);
    const limit = query.limit ?? 100;
    let q = this.db
      .selectFrom('diary_entries')
      .select(['data', 'at', 'id'])
      .where('episode_id', '=', episodeId)
      .orderBy('at')
      .orderBy('id')
      .limit(limit + 1);
    if (query.from !== undefined) q = q.where('at', '>=', utc(query.from));
    if (query.to !== undefined) q = q.where('at', '<', utc(query.to));
    if (query.cursor !== undefined) {
      const [at, id] = decodeCursor(query.cursor);
      q = q.where((eb) => eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]));
    }
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => parse<DiaryEntry>(r)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
    };
  }

  /** Every diary entry of an episode, oldest first (all pages). */
  async listAllDiary(episodeId: string): Promise<DiaryEntry[]> {
    const all: DiaryEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listDiary(episodeId, { limit: 1000, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return all;
  }

  /** An episode with everything recorded under it: what the plan, the diary view and the summary read. */
  async episodeSnapshot(episodeId: string): Promise<EpisodeSnapshot> {
    const episode = await this.getEpisode(episodeId);
    const [diary, assessments, sessions, checkIns] = await Promise.all([
      this.listAllDiary(episodeId),
      this.listAssessments(episodeId),
      this.listSessionLogs(episodeId),
      this.listCheckIns(episodeId),
    ]);
    return { episode, diary, assessments, sessions, checkIns };
  }

  // Check-ins

  createCheckIn(episodeId: string, input: CheckInInput): Promise<Written<CheckInRecord>> {
    const record: CheckInRecord = { ...input, at: utc(input.at), episodeId };
    return this.#createChild('check_ins', 'check-in', episodeId, record, record.at);
  }

  listCheckIns(episodeId: string): Promise<CheckInRecord[]> {
    return this.#listChildren<CheckInRecord>('check_ins', 'at', episodeId);
  }

  // Sessions

  createSessionLog(episodeId: string, input: SessionLogInput): Promise<Written<SessionLog>> {
    const record = this.#sessionRecord(episodeId, input);
    return this.#createChild('session_logs', 'session', episodeId, record, record.startedAt);
  }

  /**
   * Creates or replaces a session log (PUT): how a session started on one device (`inProgress`) is finished
   * later under the same id. Versions and history as putDiaryEntry.
   */
  putSessionLog(
    episodeId: string,
    input: SessionLogInput,
    baseVersion?: number,
  ): Promise<Written<SessionLog>> {
    const record = this.#sessionRecord(episodeId, input);
    return this.#putChild('session_logs', 'Session log', episodeId, record, record.startedAt, baseVersion);
  }

  #sessionRecord(episodeId: string, input: SessionLogInput): SessionLog {
    return { ...input, startedAt: utc(input.startedAt), endedAt: utc(input.endedAt), episodeId };
  }

  listSessionLogs(episodeId: string): Promise<SessionLog[]> {
    return this.#listChildren<SessionLog>('session_logs', 'started_at', episodeId);
  }

  // The whole record

  /** Everything stored, as one document (oldest episode first; children in the order they are listed). */
  async exportAll(): Promise<ExportDocument> {
    const rows = await this.db
      .selectFrom('episodes')
      .select('id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const episodes: EpisodeExport[] = [];
    for (const { id } of rows) {
      const { episode, assessments, diary, sessions, checkIns } = await this.episodeSnapshot(id);
      episodes.push({ episode, assessments, diary, sessions, checkIns });
    }
    return {
      format: exportFormat,
      schemaVersion: exportSchemaVersion,
      exportedAt: this.#now().toISOString(),
      episodes,
    };
  }

  /**
   * Takes back an export, all of it or nothing. Records are matched by id: one already stored with the same
   * body is left as it is (so importing twice changes nothing); one stored with a different body is a
   * conflict that names it, and nothing is imported. The document must already be valid
   * (exportDocumentSchema); dates are checked here as on any other write.
   */
  async importAll(document: ExportDocument): Promise<{ created: number; unchanged: number }> {
    const now = this.#now().toISOString();
    document.episodes.forEach(({ episode, diary }, e) => {
      const where = (issues: readonly FieldIssue[], path: string) =>
        issues.map((i) => ({ field: `${path}.${i.field}`, problem: i.problem }));
      refuseProblems('export', [
        ...where(
          onsetDateProblems(episode.onsetDate, this.#today(episode.timeZone)),
          `episodes.${e}.episode`,
        ),
        ...diary.flatMap((entry, d) =>
          where(diaryTimeProblems(entry.at, episode, now), `episodes.${e}.diary.${d}`),
        ),
      ]);
    });
    return this.#write(
      async (trx) => {
        // Imported episodes have no owner yet, as a new one (createEpisode).
        await lockOwner(trx, this.dialect, null);
        const at = this.#now().toISOString();
        const counts = { created: 0, unchanged: 0 };
        const created: Parameters<typeof appendChanges>[1][number][] = [];
        /**
         * Stores the records not yet stored and checks the others are the same, a chunk at a time: an export of a
         * long recovery holds 10,000 diary entries, and two statements per chunk cost far less than two per record.
         */
        const put = async <R extends { id: string }>(
          table: 'episodes' | ChildTable,
          what: string,
          records: readonly R[],
          values: (record: R) => Record<string, string>,
          episodeId: string,
        ) => {
          const kind = table === 'episodes' ? 'episode' : childKind[table];
          for (let start = 0; start < records.length; start += importChunk) {
            const chunk = records.slice(start, start + importChunk);
            const stored = await trx
              .selectFrom(table)
              .select(['id', 'data'])
              .where(
                'id',
                'in',
                chunk.map((r) => r.id),
              )
              .execute();
            const storedData = new Map(stored.map((row) => [row.id, row.data]));
            const fresh = chunk.filter((record) => {
              const data = storedData.get(record.id);
              if (data === undefined) return true;
              if (canonicalJson(JSON.parse(data)) !== canonicalJson(record)) {
                throw new DomainError(
                  'conflict',
                  `The ${what} ${record.id} is already stored with different content; nothing was imported. ` +
                    'Delete it (or everything) first to replace it with the exported one.',
                );
              }
              counts.unchanged += 1;
              return false;
            });
            if (fresh.length === 0) continue;
            await trx
              .insertInto(table)
              .values(fresh.map((r) => ({ id: r.id, data: JSON.stringify(r), ...values(r) })))
              .execute();
            for (const record of fresh)
              created.push({ kind, id: record.id, episodeId, owner: null, record, at });
            counts.created += fresh.length;
          }
        };
        for (const { episode, assessments, diary, sessions, checkIns } of document.episodes) {
          const { status, createdAt, updatedAt, ...input } = episode;
          await put(
            'episodes',
            'episode',
            [episode],
            () => ({
              status,
              created_at: createdAt,
              updated_at: updatedAt,
              request: canonicalJson(input),
              onset_date: episode.onsetDate,
              time_zone: episode.timeZone,
            }),
            episode.id,
          );
          const child = { episode_id: episode.id };
          const atColumn = (r: { at: string }) => ({ ...child, at: utc(r.at) });
          await put('assessments', 'assessment', assessments, atColumn, episode.id);
          await put('diary_entries', 'diary entry', diary, atColumn, episode.id);
          await trx
            .updateTable('episodes')
            .set((eb) => ({
              diary_count: eb
                .selectFrom('diary_entries')
                .select((c) => c.fn.countAll<number>().as('n'))
                .where('episode_id', '=', episode.id),
            }))
            .where('id', '=', episode.id)
            .execute();
          const startedAt = (r: { startedAt: string }) => ({ ...child, started_at: utc(r.startedAt) });
          await put('session_logs', 'session', sessions, startedAt, episode.id);
          await put('check_ins', 'check-in', checkIns, atColumn, episode.id);
        }
        await appendChanges(trx, created);
        return counts;
      },
      { atomic: true },
    );
  }

  /**
   * Erases every record (episodes and all under them), or in clinic mode one patient's (`owner`); what is
   * deleted is scrubbed from the file. The change feed keeps one `erase` change in their place (changes.ts).
   */
  async eraseAll(options: { owner?: string | undefined } = {}): Promise<void> {
    const owner = options.owner ?? null;
    await this.#write(
      async (trx) => {
        await lockOwner(trx, this.dialect, owner);
        const episodes = trx
          .selectFrom('episodes')
          .select('id')
          .where('owner_id', '=', owner ?? '');
        for (const table of childTables) {
          await (
            owner === null ? trx.deleteFrom(table) : trx.deleteFrom(table).where('episode_id', 'in', episodes)
          ).execute();
        }
        await (
          owner === null
            ? trx.deleteFrom('episodes')
            : trx.deleteFrom('episodes').where('owner_id', '=', owner)
        ).execute();
        // A patient's PEG answers are theirs, like their diary: erased with it. The programme is the clinician's
        // assignment and the access log the clinic's duty (docs/clinic.md): those stay.
        if (owner !== null) await trx.deleteFrom('peg_scores').where('patient_id', '=', owner).execute();
        await logErase(trx, owner, this.#now().toISOString());
      },
      { atomic: true },
    );
    await this.#scrub();
  }

  // Sync

  /**
   * The changes after `cursor`, oldest first, at most `limit` (1–1000). `owner` limits them to one patient's
   * records (clinic mode); without it, every change (personal mode).
   */
  changesSince(cursor: string | undefined, limit: number, owner?: string): Promise<ChangePage> {
    return changesSince(this.db, { cursor, limit, owner });
  }

  /** The versions writes replaced under an episode (its own and its records'), newest first. */
  async history(episodeId: string): Promise<HistoryItem[]> {
    await this.#requireEpisode(this.db, episodeId);
    return historyOf(this.db, episodeId);
  }

  // Shared machinery

  /**
   * Insert-or-nothing, then compare: correct even when two retries race on PostgreSQL. A missing episode is
   * caught by the foreign key, which saves a lookup on every write.
   */
  #createChild<T extends { id: string }>(
    table: ChildTable,
    what: string,
    episodeId: string,
    record: T,
    time: string,
  ): Promise<Written<T>> {
    const data = JSON.stringify(record);
    return this.#write(async (trx) => {
      const owner = await lockEpisodeOwner(trx, this.dialect, episodeId);
      if (owner === undefined) throw notFound('episode', episodeId);
      if (!(await this.#insertChild(trx, table, episodeId, record, time, data))) {
        return this.#existingChild(trx, table, what, record);
      }
      const { version } = await this.#logNewChild(trx, table, episodeId, owner, record);
      return { record, version, created: true };
    });
  }

  /**
   * Appends the change of a child just inserted by a write that is not atomic (the group commit's single
   * writes). Should the append fail, the insert is taken back by statements (as a refused diary entry is), so
   * the record can never be stored without its change.
   */
  async #logNewChild(
    trx: Kysely<Database>,
    table: ChildTable,
    episodeId: string,
    owner: string | null,
    record: { id: string },
    undo?: () => Promise<unknown>,
  ): Promise<{ version: number }> {
    const at = this.#now().toISOString();
    try {
      return await appendChange(trx, { kind: childKind[table], id: record.id, episodeId, owner, record, at });
    } catch (error) {
      await trx.deleteFrom(table).where('id', '=', record.id).execute();
      await undo?.();
      throw error;
    }
  }

  /**
   * Creates or replaces a child record by id (PUT). The same body again writes nothing and answers the stored
   * version; another body replaces it, keeping the replaced one in history. `check` runs first (the diary's
   * dates and ceiling); `inserted` after a new record is inserted (the diary's count).
   */
  #putChild<T extends { id: string }>(
    table: Exclude<ChildTable, 'assessments' | 'check_ins'>,
    what: string,
    episodeId: string,
    record: T,
    time: string,
    baseVersion: number | undefined,
    hooks: {
      check?: (trx: Kysely<Database>) => Promise<void>;
      inserted?: (trx: Kysely<Database>) => Promise<unknown>;
    } = {},
  ): Promise<Written<T>> {
    const kind = childKind[table];
    const timeColumn = table === 'session_logs' ? 'started_at' : 'at';
    return this.#write(
      async (trx) => {
        const owner = await lockEpisodeOwner(trx, this.dialect, episodeId);
        if (owner === undefined) throw notFound('episode', episodeId);
        await hooks.check?.(trx);
        const existing = await trx
          .selectFrom(table)
          .select(['episode_id', 'data'])
          .where('id', '=', record.id)
          .executeTakeFirst();
        if (existing && existing.episode_id !== episodeId) {
          throw new DomainError('conflict', `${what} ${record.id} belongs to another episode.`);
        }
        const stored = existing ? parse<T>(existing) : undefined;
        if (existing && canonicalJson(stored) === canonicalJson(record)) {
          return { record: stored as T, version: await currentVersion(trx, kind, record.id), created: false };
        }
        const data = JSON.stringify(record);
        if (existing) {
          await trx
            .updateTable(table)
            .set({ [timeColumn]: time, data })
            .where('id', '=', record.id)
            .execute();
        } else {
          await trx
            .insertInto(table)
            .values({ id: record.id, episode_id: episodeId, [timeColumn]: time, data })
            .execute();
          await hooks.inserted?.(trx);
        }
        const at = this.#now().toISOString();
        const change = { kind, id: record.id, episodeId, owner, record, at, baseVersion, replaced: stored };
        const { version } = await appendChange(trx, change);
        return { record, version, created: !existing };
      },
      { atomic: true },
    );
  }

  /** Inserts a child record unless its id is taken; true when it was inserted. */
  async #insertChild(
    trx: Kysely<Database>,
    table: ChildTable,
    episodeId: string,
    record: { id: string },
    time: string,
    data: string,
  ): Promise<boolean> {
    const result = await trx
      .executeQuery(CompiledQuery.raw(this.#childInsertSql(trx, table), [record.id, episodeId, time, data]))
      .catch((error: unknown) => {
        throw isForeignKeyViolation(error) ? notFound('episode', episodeId) : error;
      });
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  /** The stored record whose id an insert found taken: the same body is a retry, another a conflict. */
  async #existingChild<T extends { id: string }>(
    trx: Kysely<Database>,
    table: ChildTable,
    what: string,
    record: T,
  ): Promise<Written<T>> {
    const existing = await trx
      .selectFrom(table)
      .select('data')
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    // The episode is in the record, so the same body under another episode is a conflict too.
    if (canonicalJson(JSON.parse(existing.data)) !== canonicalJson(record)) {
      throw new DomainError('conflict', `A ${what} with this id already exists with a different body.`);
    }
    return {
      record: parse<T>(existing),
      version: await currentVersion(trx, childKind[table], record.id),
      created: false,
    };
  }

  /**
   * The INSERT of a child record, compiled once per table: the hot write path then skips building and
   * compiling the same query for every request (it measured a large share of a diary write).
   */
  #childInsertSql(db: Kysely<Database>, table: ChildTable): string {
    let text = this.#insertSql.get(table);
    if (text === undefined) {
      const timeColumn = table === 'session_logs' ? 'started_at' : 'at';
      text = db
        .insertInto(table)
        .values({ id: '', episode_id: '', [timeColumn]: '', data: '' })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile().sql;
      this.#insertSql.set(table, text);
    }
    return text;
  }

  async #listChildren<T>(
    table: ChildTable,
    timeColumn: 'at' | 'started_at',
    episodeId: string,
  ): Promise<T[]> {
    await this.#requireEpisode(this.db, episodeId);
    const rows = await this.db
      .selectFrom(table)
      .select('data')
      .where('episode_id', '=', episodeId)
      .orderBy(timeColumn as never)
      .orderBy('id')
      .execute();
    return rows.map((r) => parse<T>(r));
  }

  async #requireEpisode(db: Kysely<Database>, episodeId: string): Promise<void> {
    const row = await db.selectFrom('episodes').select('id').where('id', '=', episodeId).executeTakeFirst();
    if (!row) throw notFound('episode', episodeId);
  }

  /** The stored episode for a create that found its id taken: the same body is a retry, another a conflict. */
  async #existingEpisode(trx: Kysely<Database>, id: string, request: string): Promise<Episode> {
    const existing = await trx
      .selectFrom('episodes')
      .select(['data', 'request'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (existing.request !== request) {
      throw new DomainError('conflict', 'An episode with this id already exists with a different body.');
    }
    return parse<Episode>(existing);
  }
}

/** The insert named an episode that does not exist (SQLite's message; PostgreSQL's SQLSTATE 23503). */
function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (
    e.code === '23503' ||
    (typeof e.message === 'string' && e.message.includes('FOREIGN KEY constraint failed'))
  );
}

function limitReached(): DomainError {
  return new DomainError(
    'limit_reached',
    `This episode already holds ${maxDiaryEntriesPerEpisode} diary entries, the most one episode keeps. ` +
      'Start a new episode, or delete entries you no longer need.',
  );
}

function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `No ${what} with id ${id}.`);
}
