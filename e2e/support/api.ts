/** Reading what reached the server, straight from the API (not through the app). */
import type { DiaryEntry, Episode, SessionLog } from '@unknot/core';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const api = {
  episodes: (base: string) => getJson<Episode[]>(`${base}/api/v1/episodes`),
  diary: async (base: string, episodeId: string) =>
    (await getJson<{ items: DiaryEntry[] }>(`${base}/api/v1/episodes/${episodeId}/diary?limit=1000`)).items,
  sessions: (base: string, episodeId: string) =>
    getJson<SessionLog[]>(`${base}/api/v1/episodes/${episodeId}/sessions`),
  assessments: (base: string, episodeId: string) =>
    getJson<{ result: { disposition: string } }[]>(`${base}/api/v1/episodes/${episodeId}/assessments`),
};
