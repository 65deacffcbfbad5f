import { afterEach, describe, expect, it, vi } from 'vitest';
import { checks, diary, episode, forgetEverything, type LocalEpisode } from './records.ts';

const kept: LocalEpisode = {
  id: '01900000-0000-7000-8000-000000000000',
  onsetDate: '2026-01-01',
  timeZone: 'UTC',
  location: 'lower',
  trigger: 'lifting',
  knownConditions: [],
  preferences: {},
  preferencesAsked: true,
};

describe('forgetEverything when the server does not erase', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  // Anything else would leave the records half deleted: gone here, still on the server (or the reverse).
  it.each([
    ['cannot be reached', () => Promise.reject(new TypeError('fetch failed')), null],
    ['answers an error', () => Promise.resolve(new Response(null, { status: 503 })), 503],
  ])('touches nothing on this device when the server %s', async (_case, answer, status) => {
    vi.stubGlobal('fetch', vi.fn(answer));
    episode.value = kept;
    diary.value = [{ id: 'd1', episodeId: kept.id, at: '2026-01-02T08:00:00.000Z', pain: 5 }];
    expect(await forgetEverything()).toEqual({ ok: false, where: 'server', status });
    expect(episode.value).toEqual(kept);
    expect(diary.value).toHaveLength(1);
    expect(checks.value).toEqual([]);
  });
});
