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
  /** The patient's account in clinic mode; null in personal mode (migration 7). */
  owner_id: string | null;
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

/** Clinic mode's care records (migration 7; packages/store/src/clinic/care-store.ts). */
export interface InvitesTable {
  code: string;
  clinic_id: string;
  clinician_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface CareLinksTable {
  id: string;
  patient_id: string;
  clinician_id: string;
  clinic_id: string;
  created_at: string;
  ended_at: string | null;
  /** 0 or 1. */
  share_notes: Generated<number>;
}

export interface ProgrammesTable {
  id: string;
  patient_id: string;
  clinician_id: string;
  created_at: string;
  /** `{ items, note? }` as JSON text. */
  data: string;
}

export interface PegScoresTable {
  id: string;
  patient_id: string;
  at: string;
  pain: number;
  enjoyment: number;
  activity: number;
}

/** Append-only: no UPDATE or DELETE (triggers refuse them; migration 7). */
export interface AuditEventsTable {
  id: string;
  at: string;
  actor_id: string;
  actor_role: string;
  patient_id: string;
  clinic_id: string | null;
  action: string;
  resource: string;
  resource_id: string | null;
  request_id: string;
}

/** Clinic mode's identities (migration 6; packages/store/src/clinic/identity-store.ts). */
export interface ClinicsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface AccountsTable {
  id: string;
  role: string;
  clinic_id: string | null;
  /** Lower-cased; unique when present. */
  email: string | null;
  display_name: string;
  created_at: string;
  /** argon2id (PHC string); null until the person sets a password. */
  password_hash: string | null;
  failed_sign_ins: Generated<number>;
  first_failure_at: string | null;
  locked_until: string | null;
}

export interface PasskeysTable {
  id: string;
  account_id: string;
  public_key: string;
  /** bigint: PostgreSQL returns it as text, SQLite as a number. */
  counter: number | string;
  /** JSON array of strings. */
  transports: string;
  created_at: string;
  last_used_at: string | null;
}

export interface AuthSessionsTable {
  /** SHA-256 hex of the session token. */
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AuthChallengesTable {
  id: string;
  purpose: string;
  account_id: string | null;
  challenge: string;
  created_at: string;
  expires_at: string;
}

export interface EnrolmentLinksTable {
  /** SHA-256 hex of the link's token. */
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateCountersTable {
  key: string;
  window_start: string;
  window_end: string;
  count: number;
}

/** The change feed: one row per record, its latest version or tombstone (migration 8; changes.ts). */
export interface ChangeLogTable {
  /** bigint: PostgreSQL returns it as text, SQLite as a number. */
  seq: Generated<number | string>;
  owner_id: string | null;
  kind: string;
  record_id: string;
  episode_id: string | null;
  /** `put` or `delete`. */
  op: string;
  version: number;
  /** The record as the API returns it, JSON text; null for a tombstone. */
  data: string | null;
  /** 0 or 1. */
  conflicted: Generated<number>;
  at: string;
}

/** Versions a write replaced (migration 8; changes.ts). */
export interface RecordHistoryTable {
  seq: Generated<number | string>;
  owner_id: string | null;
  kind: string;
  record_id: string;
  episode_id: string | null;
  version: number;
  data: string;
  /** 0 or 1: the write that replaced it had not seen it. */
  conflicted: Generated<number>;
  replaced_at: string;
}

export interface Database {
  episodes: EpisodesTable;
  assessments: AssessmentsTable;
  diary_entries: DiaryEntriesTable;
  session_logs: SessionLogsTable;
  check_ins: CheckInsTable;
  unknot_migrations: MigrationsTable;
  unknot_meta: MetaTable;
  invites: InvitesTable;
  care_links: CareLinksTable;
  programmes: ProgrammesTable;
  peg_scores: PegScoresTable;
  audit_events: AuditEventsTable;
  clinics: ClinicsTable;
  accounts: AccountsTable;
  passkeys: PasskeysTable;
  auth_sessions: AuthSessionsTable;
  auth_challenges: AuthChallengesTable;
  enrolment_links: EnrolmentLinksTable;
  rate_counters: RateCountersTable;
  change_log: ChangeLogTable;
  record_history: RecordHistoryTable;
}

export type DialectName = 'sqlite' | 'postgres';
