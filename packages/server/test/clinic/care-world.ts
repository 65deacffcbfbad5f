/**
 * The cast of the care tests on a running clinic app: store-factories' ClinicWorld (two clinics, a clinician
 * with patient A, a clinician of another clinic with patient B, a clinic admin, a patient who left), with
 * patient A's episode filled in (a triage, a diary entry, a session, a check-in) and a signed-in client each.
 */
import type { CheckInRecord, DiaryEntry, Episode } from '@unknot/core';
import type { LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import {
  makeAssessment,
  makeClinicWorld,
  makeDiaryEntry,
  makeSessionLog,
  type ClinicWorld,
} from '../test-app.ts';
import { signedIn, type ClinicTestApp } from './clinic-app.ts';

export const actors = ['anonymous', 'patientA', 'patientB', 'clinicianA', 'clinicianOther', 'admin'] as const;
export type Actor = (typeof actors)[number];

export interface CareWorld extends ClinicWorld {
  episodeA: Episode;
  diaryA: DiaryEntry;
  checkInA: CheckInRecord;
  /** Written in A's diary note and check-in note: only A may ever read it (notes are not shared by default). */
  secret: string;
  headers: Record<Actor, Record<string, string>>;
}

export async function careWorld(t: ClinicTestApp): Promise<CareWorld> {
  const world = await makeClinicWorld({ identity: t.identity, care: t.care, store: t.store });
  const episodeA = world.episodes.patientA;
  if (!episodeA) throw new Error('makeClinicWorld made no episode for patient A');
  const secret = `secret-${uuidv7()}`;
  await t.store.createAssessment(episodeA.id, makeAssessment());
  const { record: diaryA } = await t.store.createDiaryEntry(
    episodeA.id,
    makeDiaryEntry({ note: `${secret} in the diary` }),
  );
  await t.store.createSessionLog(episodeA.id, makeSessionLog());
  const { record: checkInA } = await t.store.createCheckIn(episodeA.id, {
    id: uuidv7(),
    at: new Date().toISOString(),
    redFlagReported: false,
    note: `${secret} in a check-in`,
  });
  const accounts = {
    patientA: world.patientA,
    patientB: world.patientB,
    clinicianA: world.clinicianA,
    clinicianOther: world.clinicianOther,
    admin: world.admin,
  };
  const headers = { anonymous: {} } as Record<Actor, Record<string, string>>;
  for (const [actor, account] of Object.entries(accounts)) {
    headers[actor as Actor] = await signedIn(t, account);
  }
  return { ...world, episodeA, diaryA, checkInA, secret, headers };
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}
