import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

/**
 * Step 8: the change feed (docs/sync.md) and the history of overwritten versions.
 *
 * `change_log` keeps one row per record (`kind`, `record_id`): its latest version, or a tombstone once deleted.
 * A write deletes the record's row and inserts a new one, so the new one gets a higher `seq` and a client that
 * pulls "everything after seq N" sees it. `seq` must never be handed out twice, even after the highest row is
 * deleted: SQLite's AUTOINCREMENT guarantees that (a plain rowid would reuse the highest), PostgreSQL's sequence
 * does by nature. `owner_id` is the patient's account in clinic mode (null in personal mode), so a patient's feed
 * is one range scan.
 *
 * `record_history` keeps every version a write replaced, `conflicted` when its writer had not seen it, so what
 * lost to a later write can still be seen and restored. Both tables are erased with their records (store.ts).
 *
 * Records stored before this step enter the feed at version 1, so a client's first pull brings them all.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const serial = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('seq', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      );

  await serial('change_log')
    .addColumn('owner_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('episode_id', 'text')
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text')
    // 0 or 1, as care_links.share_notes: one column type for both dialects.
    .addColumn('conflicted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('change_log_record')
    .on('change_log')
    .columns(['kind', 'record_id'])
    .unique()
    .execute();
  await db.schema.createIndex('change_log_owner_seq').on('change_log').columns(['owner_id', 'seq']).execute();
  await db.schema.createIndex('change_log_episode').on('change_log').columns(['episode_id']).execute();

  await serial('record_history')
    .addColumn('owner_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('episode_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('conflicted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_history_episode')
    .on('record_history')
    .columns(['episode_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('record_history_record')
    .on('record_history')
    .columns(['kind', 'record_id'])
    .execute();
  await db.schema.createIndex('record_history_owner').on('record_history').columns(['owner_id']).execute();

  await backfill(db, dialect);
}

/**
 * Every record already stored, as version 1, in the order it was made (episodes first, so a client meets an
 * episode before its children). Each body is the JSON the API returns; programmes and PEG scores are built from
 * their columns the way the care store reads them. Only a patient's latest programme is in the feed: an older
 * one is history, not something a client shows.
 */
async function backfill(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const json = (pairs: [string, unknown][]) => {
    const args = pairs.flatMap(([key, value]) => [sql.lit(key), value]);
    return dialect === 'sqlite'
      ? sql`json_object(${sql.join(args)})`
      : sql`json_build_object(${sql.join(args)})::text`;
  };
  const ref = (name: string) => sql.ref(name);
  const at = sql.lit(new Date().toISOString());
  const insert = (select: ReturnType<typeof sql>) =>
    sql`insert into change_log (owner_id, kind, record_id, episode_id, op, version, data, conflicted, at) ${select}`.execute(
      db,
    );

  await insert(
    sql`select owner_id, 'episode', id, id, 'put', 1, data, 0, ${at} from episodes order by created_at, id`,
  );
  for (const [kind, table, time] of [
    ['assessment', 'assessments', 'at'],
    ['diary', 'diary_entries', 'at'],
    ['session', 'session_logs', 'started_at'],
    ['check_in', 'check_ins', 'at'],
  ] as const) {
    await insert(
      sql`select e.owner_id, ${sql.lit(kind)}, c.id, c.episode_id, 'put', 1, c.data, 0, ${at}
          from ${sql.table(table)} c join episodes e on e.id = c.episode_id
          order by c.${sql.ref(time)}, c.id`,
    );
  }
  // A programme's body is its items and note; the API's programme adds the columns around them.
  const items = dialect === 'sqlite' ? sql`json(data)` : sql`(data::json)`;
  const programme =
    dialect === 'sqlite'
      ? sql`json_patch(${items}, ${json([
          ['id', ref('id')],
          ['patientId', ref('patient_id')],
          ['clinicianId', ref('clinician_id')],
          ['createdAt', ref('created_at')],
        ])})`
      : sql`((data::jsonb) || jsonb_build_object('id', id, 'patientId', patient_id, 'clinicianId', clinician_id, 'createdAt', created_at))::text`;
  await insert(
    sql`select patient_id, 'programme', id, null, 'put', 1, ${programme}, 0, ${at}
        from programmes p
        where not exists (
          select 1 from programmes q
          where q.patient_id = p.patient_id
            and (q.created_at > p.created_at or (q.created_at = p.created_at and q.id > p.id))
        )
        order by created_at, id`,
  );
  const peg = json([
    ['id', ref('id')],
    ['patientId', ref('patient_id')],
    ['at', ref('at')],
    ['pain', ref('pain')],
    ['enjoyment', ref('enjoyment')],
    ['activity', ref('activity')],
  ]);
  await insert(
    sql`select patient_id, 'peg', id, null, 'put', 1, ${peg}, 0, ${at} from peg_scores order by at, id`,
  );
}
