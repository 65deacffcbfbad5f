import { exportDocumentSchema, maxDiaryEntriesPerEpisode, type ExportDocument } from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store.ts';
import { storeEach } from './store-each.ts';
import { dialects } from './databases.ts';
import { expectDomainError } from './expect-domain-error.ts';
import { makeAssessment, makeDiaryEntry, makeEpisode, makeSessionLog } from './factories.ts';

const fixedNow = new Date('2026-12-03T12:00:00.000Z');

/** Two episodes with every kind of record under them. */
async function fillRecord(store: Store): Promise<void> {
  for (const onsetDate of ['2026-11-20', '2026-11-28']) {
    const episode = makeEpisode({ onsetDate, preferences: { thermal: 'heat', work: 'standing' } });
    await store.createEpisode(episode);
    await store.createAssessment(episode.id, makeAssessment({ at: '2026-11-28T08:00:00.000Z' }));
    for (const [hour, pain] of [
      [9, 7],
      [18, 5],
    ] as const) {
      await store.createDiaryEntry(
        episode.id,
        makeDiaryEntry({ at: `2026-11-29T${String(hour).padStart(2, '0')}:00:00.000Z`, pain }),
      );
    }
    await store.createSessionLog(
      episode.id,
      makeSessionLog({ startedAt: '2026-11-29T10:00:00.000Z', endedAt: '2026-11-29T10:20:00.000Z' }),
    );
    await store.createCheckIn(episode.id, {
      id: uuidv7(),
      at: '2026-11-30T09:00:00.000Z',
      redFlagReported: false,
    });
  }
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`the whole record (${dialect.name})`, () => {
    const t = storeEach(dialect, () => fixedNow);

    it('exports everything as one valid document with a schema version', async () => {
      await fillRecord(t.store);
      const document = await t.store.exportAll();
      expect(exportDocumentSchema.parse(document)).toEqual(document);
      expect(document).toMatchObject({ format: 'unknot-export', schemaVersion: 1 });
      expect(document.episodes).toHaveLength(2);
      for (const item of document.episodes) {
        expect(item.episode.preferences).toEqual({ thermal: 'heat', work: 'standing' });
        expect([item.assessments, item.diary, item.sessions, item.checkIns].map((l) => l.length)).toEqual([
          1, 2, 1, 1,
        ]);
      }
    });

    it('round trip: export, erase, import, export gives the same document', async () => {
      await fillRecord(t.store);
      const before = await t.store.exportAll();
      await t.store.eraseAll();
      expect((await t.store.exportAll()).episodes).toEqual([]);
      expect(await t.store.importAll(before)).toEqual({ created: 12, unchanged: 0 });
      expect(await t.store.exportAll()).toEqual(before);
    });

    it('importing twice changes nothing', async () => {
      await fillRecord(t.store);
      const document = await t.store.exportAll();
      expect(await t.store.importAll(document)).toEqual({ created: 0, unchanged: 12 });
      expect(await t.store.exportAll()).toEqual(document);
    });

    it('a record stored with other content is a conflict, and nothing of the import is written', async () => {
      await fillRecord(t.store);
      const document = await t.store.exportAll();
      const first = document.episodes[0];
      if (!first) throw new Error('no episode');
      const entry = first.diary[0];
      if (!entry) throw new Error('no diary entry');
      const newcomer = makeEpisode({ onsetDate: '2026-11-01' });
      const changed: ExportDocument = {
        ...document,
        episodes: [
          {
            episode: {
              ...newcomer,
              status: 'active',
              createdAt: fixedNow.toISOString(),
              updatedAt: fixedNow.toISOString(),
            },
            assessments: [],
            diary: [],
            sessions: [],
            checkIns: [],
          },
          { ...first, diary: [{ ...entry, pain: entry.pain === 0 ? 1 : 0 }] },
        ],
      };
      const error = await expectDomainError(t.store.importAll(changed), 'conflict');
      expect(error.message).toContain(entry.id);
      await expectDomainError(t.store.getEpisode(newcomer.id), 'not_found');
      expect(await t.store.exportAll()).toEqual(document);
    });

    it('refuses an import whose dates are implausible, naming the field', async () => {
      const episode = makeEpisode({ onsetDate: '2026-11-20' });
      const document: ExportDocument = {
        format: 'unknot-export',
        schemaVersion: 1,
        exportedAt: fixedNow.toISOString(),
        episodes: [
          {
            episode: {
              ...episode,
              status: 'active',
              createdAt: fixedNow.toISOString(),
              updatedAt: fixedNow.toISOString(),
            },
            assessments: [],
            diary: [{ ...makeDiaryEntry({ at: '2026-11-10T09:00:00.000Z' }), episodeId: episode.id }],
            sessions: [],
            checkIns: [],
          },
        ],
      };
      const error = await expectDomainError(t.store.importAll(document), 'validation_failed');
      expect(error.fields.map((f) => f.field)).toEqual(['episodes.0.diary.0.at']);
      expect((await t.store.exportAll()).episodes).toEqual([]);
    });

    it('erasing everything leaves no record of any kind', async () => {
      await fillRecord(t.store);
      await t.store.eraseAll();
      expect(await t.store.listEpisodes()).toEqual([]);
      for (const table of ['assessments', 'diary_entries', 'session_logs', 'check_ins'] as const) {
        const rows = await t.store.db.selectFrom(table).select('id').execute();
        expect(rows, table).toEqual([]);
      }
    });

    it('deleting an episode deletes every record under it, and only those', async () => {
      await fillRecord(t.store);
      const [gone, kept] = (await t.store.exportAll()).episodes;
      if (!gone || !kept) throw new Error('two episodes expected');
      await t.store.deleteEpisode(gone.episode.id);
      const after = await t.store.exportAll();
      expect(after.episodes).toEqual([kept]);
      for (const table of ['assessments', 'diary_entries', 'session_logs', 'check_ins'] as const) {
        const rows = await t.store.db
          .selectFrom(table)
          .select('id')
          .where('episode_id', '=', gone.episode.id)
          .execute();
        expect(rows, table).toEqual([]);
      }
    });

    describe('plausible dates', () => {
      it('refuses an onset in the future or before 1900', async () => {
        for (const onsetDate of ['2026-12-05', '1899-12-31']) {
          const error = await expectDomainError(
            t.store.createEpisode(makeEpisode({ onsetDate })),
            'validation_failed',
          );
          expect(error.fields.map((f) => f.field)).toEqual(['onsetDate']);
        }
        const episode = makeEpisode({ onsetDate: '2026-11-20' });
        await t.store.createEpisode(episode);
        await expectDomainError(
          t.store.updateEpisode(episode.id, { onsetDate: '2027-01-01' }),
          'validation_failed',
        );
        expect((await t.store.getEpisode(episode.id)).onsetDate).toBe('2026-11-20');
      });

      it('refuses a diary entry before the onset or more than a day ahead, by POST and by PUT', async () => {
        const episode = makeEpisode({ onsetDate: '2026-11-20' });
        await t.store.createEpisode(episode);
        for (const at of [
          '2026-11-19T12:00:00.000Z',
          '2026-12-04T12:00:00.001Z',
          '0050-01-01T00:00:00.000Z',
        ]) {
          const create = await expectDomainError(
            t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at })),
            'validation_failed',
          );
          expect(create.fields.map((f) => f.field)).toContain('at');
          await expectDomainError(
            t.store.putDiaryEntry(episode.id, makeDiaryEntry({ at })),
            'validation_failed',
          );
        }
        // A day ahead is allowed (a person in a time zone ahead of the server's clock).
        await t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-12-04T12:00:00.000Z' }));
        expect((await t.store.listDiary(episode.id)).items).toHaveLength(1);
      });
    });

    it('refuses a cursor holding anything but what it gave out (a NUL byte, another shape)', async () => {
      const episode = makeEpisode({ onsetDate: '2026-11-20' });
      await t.store.createEpisode(episode);
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      for (const cursor of [
        encode(['2026-11-29T09:00:00.000Z\u0000', uuidv7()]),
        encode(['2026-11-29T09:00:00.000Z', '\u0000']),
        encode(['2026-11-29', uuidv7()]),
        encode(['2026-11-29T09:00:00.000Z', uuidv7(), 'extra']),
      ]) {
        const error = await expectDomainError(t.store.listDiary(episode.id, { cursor }), 'validation_failed');
        expect(error.fields[0]?.field).toBe('cursor');
      }
    });

    it(`holds at most ${maxDiaryEntriesPerEpisode} diary entries in an episode, and a retry still answers`, async () => {
      const episode = makeEpisode({ onsetDate: '2026-11-01' });
      const stored = {
        ...episode,
        status: 'active' as const,
        createdAt: fixedNow.toISOString(),
        updatedAt: fixedNow.toISOString(),
      };
      const start = Date.parse('2026-11-02T00:00:00.000Z');
      const diary = Array.from({ length: maxDiaryEntriesPerEpisode }, (_, i) => ({
        id: uuidv7(),
        at: new Date(start + i * 60_000).toISOString(),
        pain: i % 11,
        episodeId: episode.id,
      }));
      await t.store.importAll({
        format: 'unknot-export',
        schemaVersion: 1,
        exportedAt: fixedNow.toISOString(),
        episodes: [{ episode: stored, assessments: [], diary, sessions: [], checkIns: [] }],
      });
      const error = await expectDomainError(
        t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-12-01T09:00:00.000Z' })),
        'limit_reached',
      );
      expect(error.message).toContain(String(maxDiaryEntriesPerEpisode));
      const last = diary.at(-1);
      if (!last) throw new Error('no entry');
      const { episodeId: _e, ...retry } = last;
      expect((await t.store.createDiaryEntry(episode.id, retry)).created).toBe(false);
      // Deleting one makes room for one, and only one.
      await t.store.deleteDiaryEntry(episode.id, last.id);
      await t.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-12-01T09:00:00.000Z' }));
      await expectDomainError(
        t.store.putDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-12-01T10:00:00.000Z' })),
        'limit_reached',
      );
    });

    it('reports ok health after a real write', async () => {
      expect(await t.store.health()).toEqual({ status: 'ok' });
    });
  });
}
