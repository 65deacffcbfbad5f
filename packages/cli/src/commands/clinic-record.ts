import type { DiaryEntry, DiaryEntryInput, Episode, EpisodeInput } from '@unknot/core';
import { CliError } from '../cli-error.ts';
import { clinicApi, ClinicRefusal } from '../clinic-client.ts';
import { writeClinicSession, type ClinicSession } from '../clinic-session.ts';

/**
 * The record commands' clinic side: the same episode and diary routes the web app uses, as the signed-in patient.
 * Which episode is active stays a choice of this terminal, kept in the session file (the local `active-episode`
 * file names an episode of the local record).
 */

const howToStart = (session: ClinicSession): string =>
  `Start one with: unknot episode new --onset YYYY-MM-DD --location lower|middle|upper --trigger lifting (at ${session.origin})`;

function setActive(session: ClinicSession, env: NodeJS.ProcessEnv, id: string | undefined): void {
  const { activeEpisodeId: _old, ...rest } = session;
  writeClinicSession(env, id === undefined ? rest : { ...rest, activeEpisodeId: id });
}

const episodePath = (id: string): string => `/episodes/${encodeURIComponent(id)}`;

export async function createClinicEpisode(
  session: ClinicSession,
  env: NodeJS.ProcessEnv,
  input: EpisodeInput,
): Promise<Episode> {
  const episode = await clinicApi<Episode>(session, env, { method: 'POST', path: '/episodes', body: input });
  setActive(session, env, episode.id);
  return episode;
}

export function listClinicEpisodes(session: ClinicSession, env: NodeJS.ProcessEnv): Promise<Episode[]> {
  return clinicApi<Episode[]>(session, env, { method: 'GET', path: '/episodes' });
}

/** One of the patient's episodes at the clinic; another's id answers as a missing one does. */
export function getClinicEpisode(
  session: ClinicSession,
  env: NodeJS.ProcessEnv,
  id: string,
): Promise<Episode> {
  return clinicApi<Episode>(session, env, { method: 'GET', path: episodePath(id) });
}

export async function useClinicEpisode(
  session: ClinicSession,
  env: NodeJS.ProcessEnv,
  id: string,
): Promise<Episode> {
  const episode = await getClinicEpisode(session, env, id);
  setActive(session, env, episode.id);
  return episode;
}

/** The active episode at the clinic, or a message saying how to make one. */
export async function activeClinicEpisode(session: ClinicSession, env: NodeJS.ProcessEnv): Promise<Episode> {
  const id = session.activeEpisodeId;
  if (id === undefined) throw new CliError(`No active episode. ${howToStart(session)}`);
  try {
    return await getClinicEpisode(session, env, id);
  } catch (error) {
    // Erased on the web, say: the same advice as when there is none. Other failures say what they are.
    if (!(error instanceof ClinicRefusal && error.status === 404)) throw error;
    throw new CliError(`The active episode ${id} is not at the clinic any more. ${howToStart(session)}`);
  }
}

export async function closeClinicEpisode(session: ClinicSession, env: NodeJS.ProcessEnv): Promise<Episode> {
  const episode = await activeClinicEpisode(session, env);
  const closed = await clinicApi<Episode>(session, env, {
    method: 'PATCH',
    path: episodePath(episode.id),
    body: { status: 'closed' },
  });
  setActive(session, env, undefined);
  return closed;
}

export function addClinicDiaryEntry(
  session: ClinicSession,
  env: NodeJS.ProcessEnv,
  episodeId: string,
  input: DiaryEntryInput,
): Promise<DiaryEntry> {
  return clinicApi<DiaryEntry>(session, env, {
    method: 'POST',
    path: `${episodePath(episodeId)}/diary`,
    body: input,
  });
}
