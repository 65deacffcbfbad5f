import { maxDiaryEntriesPerEpisode, type DiaryEntry, type DomainError } from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Written } from '../src/store.ts';
import { storeEach } from './store-each.ts';
import { dialects } from './databases.ts';
import { expectDomainError } from './expect-domain-error.ts';
import { makeDiaryEntry, makeEpisode } from './factories.ts';

const fixedNow = new Date('2026-12-03T12:00:00.000Z');

/**
 * A new diary entry is inserted, then counted under the ceiling by a statement that also returns the episode's
 * onset and time zone; a refused entry is taken back by statements (store.ts). These tests hold it to what
 * the slower form (read the episode, then count) did: the count always equals the entries, and dates are
 * checked against the episode as it is now.
 */
for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`the diary write (${dialect.name})`, () => {
    const t = storeEach(dialect, () => fixedNow);

    /** The episode's kept count and its real number of entries. */
    const counts = async (episodeId: string) => {
      const kept = await t.store.db
        .selectFrom('episodes')
        .select('diary_count')
        .where('id', '=', episodeId)
        .executeTakeFirstOrThrow();
      const real = await t.store.db
        .selectFrom('diary_entries')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('episode_id', '=', episodeId)
        .executeTakeFirstOrThrow();
      return { kept: kept.diary_count, real: Number(real.n) };
    };

    /** What a settled write came to: whether it created the entry, or the code it was refused with. */
    const outcome = (settled: PromiseSettledResult<Written<DiaryEntry>>) =>
      settled.status === 'fulfilled' ? settled.value.created : (settled.reason as DomainError).code;

    it('refused writes and retries, together in one batch, leave the last place free', async () => {
      const episode = makeEpisode({ onsetDate: '2026-11-01' });
      const start = Date.parse('2026-11-02T00:00:00.000Z');
      const diary: DiaryEntry[] = Array.from({ length: maxDiaryEntriesPerEpisode - 1 }, (_, i) => ({
        id: uuidv7(),
        at: new Date(start + i * 60_000).toISOString(),
        pain: i % 11,
        episodeId: episode.id,
      }));
      const stamp = fixedNow.toISOString();
      await t.store.importAll({
        format: 'unknot-export',
        schemaVersion: 1,
        exportedAt: stamp,
        episodes: [
          {
            episode: { ...episode, status: 'active', createdAt: stamp, updatedAt: stamp },
            assessments: [],
            diary,
            sessions: [],
            checkIns: [],
          },
        ],
      });
      const stored = diary[0];
      if (!stored) throw new Error('no entry');
      const { episodeId: _e, ...retry } = stored;
      // Sent together, so on SQLite they share one group commit.
      const outcomes = await Promise.allSettled([
        t.store.createDiaryEntry(episode.id, retry),
        t.store.createDiaryEntry(episode.id, { ...retry, pain: 10 }),
        t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-10-31T12:00:00.000Z' })),
        t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-12-05T12:00:00.000Z' })),
        t.store.createDiaryEntry(uuidv7(), makeDiaryEntry({ at: '2026-12-01T09:00:00.000Z' })),
      ]);
      expect(outcomes.map(outcome)).toEqual([
        false,
        'conflict',
        'validation_failed',
        'validation_failed',
        'not_found',
      ]);
      expect(await counts(episode.id)).toEqual({
        kept: maxDiaryEntriesPerEpisode - 1,
        real: maxDiaryEntriesPerEpisode - 1,
      });

      // Two new entries for the one place left: one is stored (on PostgreSQL either may win), one refused.
      const contenders = [
        makeDiaryEntry({ at: '2026-12-01T09:00:00.000Z' }),
        makeDiaryEntry({ at: '2026-12-01T10:00:00.000Z' }),
      ];
      const race = await Promise.allSettled(contenders.map((e) => t.store.createDiaryEntry(episode.id, e)));
      expect(race.map(outcome).sort()).toEqual(['limit_reached', true]);
      const last = contenders[race.findIndex((o) => o.status === 'fulfilled')];
      if (!last) throw new Error('no entry was stored');
      // A full episode still answers a retry, and still checks the date first.
      expect((await t.store.createDiaryEntry(episode.id, last)).created).toBe(false);
      await expectDomainError(
        t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-10-31T12:00:00.000Z' })),
        'validation_failed',
      );
      expect(await counts(episode.id)).toEqual({
        kept: maxDiaryEntriesPerEpisode,
        real: maxDiaryEntriesPerEpisode,
      });
    });

    it('keeps the count equal to the entries through creates, retries, PUTs and deletes', async () => {
      const episode = makeEpisode({ onsetDate: '2026-11-01' });
      await t.store.createEpisode(episode);
      const entries = Array.from({ length: 30 }, (_, i) =>
        makeDiaryEntry({ at: new Date(Date.parse('2026-11-10T00:00:00.000Z') + i * 60_000).toISOString() }),
      );
      await Promise.all(entries.map((e) => t.store.createDiaryEntry(episode.id, e)));
      await Promise.allSettled([
        ...entries.slice(0, 10).map((e) => t.store.createDiaryEntry(episode.id, e)),
        ...entries.slice(10, 15).map((e) => t.store.deleteDiaryEntry(episode.id, e.id)),
        ...entries.slice(15, 20).map((e) => t.store.putDiaryEntry(episode.id, { ...e, pain: 1 })),
        t.store.putDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-11-20T09:00:00.000Z' })),
        t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-10-20T09:00:00.000Z' })),
      ]);
      expect(await counts(episode.id)).toEqual({ kept: 26, real: 26 });
    });

    it('checks dates against the onset and time zone as a change or an import left them', async () => {
      const episode = makeEpisode({ onsetDate: '2026-11-20', timeZone: 'UTC' });
      await t.store.createEpisode(episode);
      // 23:30 UTC on the 19th is the 19th in UTC and already the 20th in Berlin.
      const lateOnThe19th = () => makeDiaryEntry({ at: '2026-11-19T23:30:00.000Z' });
      await expectDomainError(t.store.createDiaryEntry(episode.id, lateOnThe19th()), 'validation_failed');
      await t.store.updateEpisode(episode.id, { timeZone: 'Europe/Berlin' });
      expect((await t.store.createDiaryEntry(episode.id, lateOnThe19th())).created).toBe(true);
      await t.store.updateEpisode(episode.id, { onsetDate: '2026-11-25' });
      await expectDomainError(
        t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-11-24T12:00:00.000Z' })),
        'validation_failed',
      );

      // An imported episode brings its own onset and zone.
      const document = await t.store.exportAll();
      await t.store.eraseAll();
      const imported = document.episodes[0];
      if (!imported) throw new Error('no episode');
      await t.store.importAll({
        ...document,
        episodes: [{ ...imported, diary: [], episode: { ...imported.episode, onsetDate: '2026-11-28' } }],
      });
      await expectDomainError(
        t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-11-27T12:00:00.000Z' })),
        'validation_failed',
      );
      expect(
        (await t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-11-27T23:30:00.000Z' })))
          .created,
      ).toBe(true);
    });
  });
}
