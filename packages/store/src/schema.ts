import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Each record keeps its full body as JSON text in `data` (what the API returns);
 * the columns beside it exist to query and order by. An episode also keeps the canonical JSON of the body
 * that created it in `request`, because PATCH changes `data` later; a child record is never changed in
 * place except by PUT, so its `data` itself tells a retry from a different write that reuses an id.
 */
export interface EpisodesTable {
  id: string;
  status: string;
  created_at: string;
  updated_at: string;
  data: string;
  request: string;
  /** How many diary entries the episode holds (kept with every insert and delete; migration 4). */
  diary_count: Generated<number>;
  /** The body's onsetDate and timeZone, which a diary write checks its date against (migration 5). */
  onset_date: string;
  time_zone: string;
}

export interface AssessmentsTable {
  id: string;
  episode_id: string;
  at: string;
  data: string;
}

export interface DiaryEntriesTable {
  id: string;
  episode_id: string;
  at: string;
  data: string;
}

export interface SessionLogsTable {
  id: string;
  episode_id: string;
  started_at: string;
  data: string;
}

export interface CheckInsTable {
  id: string;
  episode_id: string;
  at: string;
  data: string;
}

export interface MigrationsTable {
  step: number;
  name: string;
  applied_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  episodes: EpisodesTable;
  assessments: AssessmentsTable;
  diary_entries: DiaryEntriesTable;
  session_logs: SessionLogsTable;
  check_ins: CheckInsTable;
  unknot_migrations: MigrationsTable;
  unknot_meta: MetaTable;
}

export type DialectName = 'sqlite' | 'postgres';
