/**
 * What the clinic API answers, as the workspace reads it (packages/server/openapi-clinic.json, docs/clinic.md).
 * The records themselves are core's types; these are the envelopes the clinician routes wrap them in.
 */
import type { PegRecord } from '../lib/changes.ts';
import type {
  Assessment,
  CheckInRecord,
  DiaryEntry,
  Episode,
  PegTrend,
  ProgrammeItemInput,
  SessionLog,
  WeeklyAdherence,
} from '@unknot/core';

export interface PatientRef {
  id: string;
  displayName: string;
}

export interface RowEscalation {
  id: string;
  level: string;
  title: string;
  since: string;
  protocolId?: string;
}

export interface RowPain {
  trend: 'improving' | 'not_improving' | 'worsening' | 'insufficient_data';
  day: number;
  baseline: number | null;
  latest: number | null;
  changePoints: number | null;
  /** The last days' worst ratings, oldest first (null: not rated). Newer servers only; see need.ts. */
  series?: (number | null)[];
}

/** One row of GET /api/v1/patients. */
export interface PatientRow {
  patient: PatientRef;
  episode: { id: string; onsetDate: string; status: string } | null;
  pain: RowPain | null;
  peg: PegTrend | null;
  adherence: WeeklyAdherence | null;
  escalations: RowEscalation[];
  /** When the patient last recorded anything (null: never). Newer servers only; see need.ts. */
  lastActivityAt?: string | null;
}

export interface PatientPage {
  items: PatientRow[];
  nextCursor: string | null;
}

/** A weekly PEG score: the same shape the patient's sync layer keeps (a type only: no patient code is loaded). */
export type PegScoreRecord = PegRecord;

export interface Programme {
  id: string;
  patientId: string;
  clinicianId: string;
  createdAt: string;
  items: ProgrammeItemInput[];
  note?: string;
}

export interface EpisodeRecords {
  episode: Episode;
  assessments: Assessment[];
  diary: DiaryEntry[];
  checkIns: CheckInRecord[];
  sessions: SessionLog[];
}

/** GET /api/v1/patients/:id. */
export interface PatientRecord {
  patient: PatientRef;
  link: { shareNotes: boolean };
  episodes: EpisodeRecords[];
  peg: { scores: PegScoreRecord[]; trend: PegTrend | null };
  programme: Programme | null;
}

export interface Invite {
  code: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
}

/** A refusal as the server states it (problem+json), as the sign-in code reads it too. */
export type { Problem } from '../lib/account.ts';
