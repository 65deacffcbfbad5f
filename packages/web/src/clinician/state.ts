/**
 * The caseload, shared by the screens that read it (the invites page names who joined from it), loaded once and
 * kept in a signal; a screen that changes something asks for a reload. Who is signed in is lib/account.ts's
 * `account` signal.
 */
import { signal } from '@preact/signals';
import { loadPatients } from './clinic-api.ts';
import type { PatientRow, Problem } from './types.ts';

export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; problem: Problem };

export const caseload = signal<Loadable<PatientRow[]>>({ state: 'loading' });

export async function refreshCaseload(): Promise<void> {
  if (caseload.value.state !== 'ready') caseload.value = { state: 'loading' };
  const answer = await loadPatients();
  caseload.value = answer.ok
    ? { state: 'ready', value: answer.value }
    : { state: 'failed', problem: answer.problem };
}
