/**
 * The workspace's requests to the clinic API. Every one goes through `apiFetch` (lib/api.ts), which adds the CSRF
 * token to writes and raises `signInNeeded` on a 401, so the workspace notices an expired session in one place.
 * A refusal comes back as a `Problem` value, not an exception: the screens show what the server said. Who is
 * signed in (and the CSRF token) is lib/account.ts's business, shared with the sign-in screens.
 */
import type { ProgrammeInput } from '@unknot/core';
import { apiBase, apiFetch } from '../lib/api.ts';
import type { Invite, PatientPage, PatientRecord, PatientRow, Problem, Programme } from './types.ts';

export type Answer<T> = { ok: true; value: T } | { ok: false; problem: Problem };

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    // A proxy's HTML error page, or no body at all: the status is all there is to say.
    return { status: response.status };
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await apiFetch(`${apiBase}${path}`, init);
  } catch {
    // Offline or the server is down: status 0 is how the screens tell "no answer" from a refusal.
    return { ok: false, problem: { status: 0 } };
  }
  if (!response.ok) return { ok: false, problem: await problemOf(response) };
  return { ok: true, value: (await response.json()) as T };
}

/**
 * Every linked patient: the server pages its list (oldest link first), and the caseload is sorted by need on the
 * client (need.ts), which needs all of it. A clinic's caseload is tens to a few hundred, so pages of 200 are read
 * until the last.
 */
export async function loadPatients(): Promise<Answer<PatientRow[]>> {
  const rows: PatientRow[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page: Answer<PatientPage> = await call<PatientPage>(`/patients?limit=200${query}`);
    if (!page.ok) return page;
    rows.push(...page.value.items);
    cursor = page.value.nextCursor;
  } while (cursor !== null);
  return { ok: true, value: rows };
}

export function loadPatient(id: string): Promise<Answer<PatientRecord>> {
  return call<PatientRecord>(`/patients/${encodeURIComponent(id)}`);
}

export function saveProgramme(patientId: string, programme: ProgrammeInput): Promise<Answer<Programme>> {
  return call<Programme>(`/patients/${encodeURIComponent(patientId)}/programme`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(programme),
  });
}

export function loadInvites(): Promise<Answer<Invite[]>> {
  return call<Invite[]>('/invites');
}

export function createInvite(): Promise<Answer<Invite>> {
  return call<Invite>('/invites', { method: 'POST' });
}
