/**
 * A patient's side of their care links (docs/clinic.md "What is shared"): with whom, whether notes are shared,
 * who looked, and leaving. Read fresh from the server each time a screen opens — these are the server's facts
 * about who may see the record, never a copy on the device that could be out of date.
 */
import { callApi as call, type Answer } from './api-answer.ts';

export interface MyLink {
  id: string;
  clinicianName: string;
  clinicName: string;
  createdAt: string;
  endedAt: string | null;
  shareNotes: boolean;
}

export interface AccessLogEntry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  resource: string;
}

/** Every link, past and present, newest first. */
export const loadLinks = (): Promise<Answer<MyLink[]>> => call('/me/links');

/** Who read or changed the record, newest first. */
export const loadAccessLog = (): Promise<Answer<AccessLogEntry[]>> => call('/me/access-log');

export const setShareNotes = (shareNotes: boolean): Promise<Answer<{ shareNotes: boolean }>> =>
  call('/me/sharing', { method: 'PUT', body: { shareNotes } });

/** Ends a link: from now on that clinician sees nothing of the patient. */
export const leaveLink = (id: string): Promise<Answer<MyLink>> =>
  call(`/me/links/${encodeURIComponent(id)}`, { method: 'DELETE' });
