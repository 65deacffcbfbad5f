import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { storeEach } from './store-each.ts';
import { dialects } from './databases.ts';
import { expectDomainError } from './expect-domain-error.ts';
import { makeAssessment, makeDiaryEntry, makeEpisode, makeSessionLog } from './factories.ts';

// One contract, two real databases: every behaviour below must hold on SQLite and on PostgreSQL.
for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`store contract (${dialect.name})`, () => {
    const t = storeEach(dialect);

    describe('episodes', () => {
      it('creates an active episode and reads it back', async () => {
        const input = makeEpisode();
        const { record, created } = await t.store.createEpisode(input);
        expect(created).toBe(true);
        expect(record).toMatchObject({ ...input, status: 'active' });
        expect(record.createdAt).toBe(record.updatedAt);
        expect(await t.store.getEpisode(input.id)).toEqual(record);
      });

      it('answers a retry (same id, same body) with the stored record and writes nothing new', async () => {
        const input = makeEpisode();
        const first = await t.store.createEpisode(input);
        // Key order must not matter: a client may serialise the same body differently on retry.
        const reordered = Object.fromEntries(Object.entries(input).reverse()) as typeof input;
        const second = await t.store.createEpisode(reordered);
        expect(second).toEqual({ record: first.record, version: 1, created: false });
        expect(await t.store.listEpisodes()).toHaveLength(1);
      });

      it('rejects the same id with a different body as a conflict and keeps the original', async () => {
        const input = makeEpisode();
        await t.store.createEpisode(input);
        await expectDomainError(t.store.createEpisode({ ...input, location: 'upper' }), 'conflict');
        expect((await t.store.getEpisode(input.id)).location).toBe('lower');
      });

      it('answers racing retries of one create consistently: one created, the rest the same record', async () => {
        const input = makeEpisode();
        const results = await Promise.all(Array.from({ length: 20 }, () => t.store.createEpisode(input)));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => JSON.stringify(r.record))).size).toBe(1);
        expect(await t.store.listEpisodes()).toHaveLength(1);
      });

      it('lists newest first', async () => {
        const a = makeEpisode();
        const b = makeEpisode();
        await t.store.createEpisode(a);
        await t.store.createEpisode(b);
        expect((await t.store.listEpisodes()).map((e) => e.id)).toEqual([b.id, a.id]);
      });

      it('updates only the fields given', async () => {
        const input = makeEpisode();
        await t.store.createEpisode(input);
        const updated = await t.store.updateEpisode(input.id, { status: 'closed', location: undefined });
        expect(updated).toMatchObject({ status: 'closed', location: 'lower', onsetDate: input.onsetDate });
        expect(await t.store.getEpisode(input.id)).toEqual(updated);
      });

      it('reports unknown episodes as not_found', async () => {
        const id = uuidv7();
        await expectDomainError(t.store.getEpisode(id), 'not_found');
        await expectDomainError(t.store.updateEpisode(id, { status: 'closed' }), 'not_found');
        await expectDomainError(t.store.deleteEpisode(id), 'not_found');
        await expectDomainError(t.store.createDiaryEntry(id, makeDiaryEntry()), 'not_found');
        await expectDomainError(t.store.listDiary(id), 'not_found');
      });

      it('deleting an episode deletes everything under it, and only that', async () => {
        const gone = makeEpisode();
        const kept = makeEpisode();
        await t.store.createEpisode(gone);
        await t.store.createEpisode(kept);
        await t.store.createDiaryEntry(gone.id, makeDiaryEntry());
        await t.store.createAssessment(gone.id, makeAssessment());
        await t.store.createSessionLog(gone.id, makeSessionLog());
        await t.store.createCheckIn(gone.id, {
          id: uuidv7(),
          at: new Date().toISOString(),
          redFlagReported: false,
        });
        const keptEntry = makeDiaryEntry();
        await t.store.createDiaryEntry(kept.id, keptEntry);

        await t.store.deleteEpisode(gone.id);

        await expectDomainError(t.store.getEpisode(gone.id), 'not_found');
        for (const table of ['diary_entries', 'assessments', 'session_logs', 'check_ins'] as const) {
          const rows = await t.store.db
            .selectFrom(table)
            .select('id')
            .where('episode_id', '=', gone.id)
            .execute();
          expect(rows, table).toEqual([]);
        }
        expect((await t.store.listDiary(kept.id)).items.map((e) => e.id)).toEqual([keptEntry.id]);
      });
    });

    describe('assessments', () => {
      it('stores the answers with the result the engine computes and its rules version', async () => {
        const episode = makeEpisode();
        await t.store.createEpisode(episode);
        const input = makeAssessment({ answers: { ...makeAssessment().answers, saddle_numbness: true } });
        const { record } = await t.store.createAssessment(episode.id, input);
        expect(record.result.disposition).toBe('emergency');
        expect(record.rulesVersion).toBe(record.result.rulesVersion);
        expect(await t.store.listAssessments(episode.id)).toEqual([record]);
      });

      it('refuses incomplete answers, naming each field, and stores nothing', async () => {
        const episode = makeEpisode();
        await t.store.createEpisode(episode);
        const { age: _age, ...answers } = makeAssessment().answers;
        const error = await expectDomainError(
          t.store.createAssessment(episode.id, makeAssessment({ answers: { ...answers, pain_score: '6' } })),
          'validation_failed',
        );
        expect(error.fields.map((f) => f.field)).toEqual(['answers.age', 'answers.pain_score']);
        expect(await t.store.listAssessments(episode.id)).toEqual([]);
      });
    });

    describe('diary', () => {
      let episodeId: string;
      beforeEach(async () => {
        // The tests below write entries on fixed days of November 2026: the onset must come before them.
        const episode = makeEpisode({ onsetDate: '2026-10-01' });
        episodeId = episode.id;
        await t.store.createEpisode(episode);
      });

      it('keeps every field of an entry', async () => {
        const input = makeDiaryEntry();
        await t.store.createDiaryEntry(episodeId, input);
        expect((await t.store.listDiary(episodeId)).items).toEqual([{ ...input, episodeId }]);
      });

      it('pages oldest first with a cursor until it is null, each entry exactly once', async () => {
        const start = Date.parse('2026-11-01T00:00:00.000Z');
        const inputs = Array.from({ length: 250 }, (_, i) =>
          // Several entries share a timestamp, so the cursor must also order by id.
          makeDiaryEntry({ at: new Date(start + Math.floor(i / 3) * 60_000).toISOString() }),
        );
        await Promise.all(inputs.map((e) => t.store.createDiaryEntry(episodeId, e)));
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await t.store.listDiary(episodeId, { limit: 100, cursor });
          seen.push(...page.items.map((e) => `${e.at} ${e.id}`));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor);
        expect(pages).toBe(3);
        expect(seen).toHaveLength(250);
        expect(new Set(seen).size).toBe(250);
        expect(seen).toEqual([...seen].sort());
      });

      it('filters by from (inclusive) and to (exclusive)', async () => {
        const at = (h: number) => `2026-11-10T${String(h).padStart(2, '0')}:00:00.000Z`;
        for (const h of [8, 9, 10, 11])
          await t.store.createDiaryEntry(episodeId, makeDiaryEntry({ at: at(h) }));
        const page = await t.store.listDiary(episodeId, { from: at(9), to: at(11) });
        expect(page.items.map((e) => e.at)).toEqual([at(9), at(10)]);
        expect(page.nextCursor).toBeNull();
      });

      it('rejects a cursor it did not make', async () => {
        const error = await expectDomainError(
          t.store.listDiary(episodeId, { cursor: 'not-a-cursor' }),
          'validation_failed',
        );
        expect(error.fields[0]?.field).toBe('cursor');
      });

      it('PUT creates, then replaces; the same PUT twice leaves one entry', async () => {
        const input = makeDiaryEntry({ pain: 7 });
        expect((await t.store.putDiaryEntry(episodeId, input)).created).toBe(true);
        expect((await t.store.putDiaryEntry(episodeId, { ...input, pain: 4 })).created).toBe(false);
        await t.store.putDiaryEntry(episodeId, { ...input, pain: 4 });
        expect((await t.store.listDiary(episodeId)).items.map((e) => e.pain)).toEqual([4]);
      });

      it('an entry id belongs to one episode: reuse under another is a conflict', async () => {
        const other = makeEpisode();
        await t.store.createEpisode(other);
        const input = makeDiaryEntry();
        await t.store.createDiaryEntry(episodeId, input);
        await expectDomainError(t.store.createDiaryEntry(other.id, input), 'conflict');
        await expectDomainError(t.store.putDiaryEntry(other.id, input), 'conflict');
        await expectDomainError(t.store.deleteDiaryEntry(other.id, input.id), 'not_found');
      });

      it('deletes an entry; deleting it again is not_found', async () => {
        const input = makeDiaryEntry();
        await t.store.createDiaryEntry(episodeId, input);
        await t.store.deleteDiaryEntry(episodeId, input.id);
        expect((await t.store.listDiary(episodeId)).items).toEqual([]);
        await expectDomainError(t.store.deleteDiaryEntry(episodeId, input.id), 'not_found');
      });

      // On PostgreSQL one person's writes commit one at a time (the change feed's lock, changes.ts), so a burst
      // of hundreds takes a while on a busy machine.
      it(
        'acknowledges 300 concurrent writes, all stored once, and retries change nothing',
        { timeout: 120_000 },
        async () => {
          const inputs = Array.from({ length: 300 }, () => makeDiaryEntry());
          const results = await Promise.all(inputs.map((e) => t.store.createDiaryEntry(episodeId, e)));
          expect(results.every((r) => r.created)).toBe(true);
          const retries = await Promise.all(inputs.map((e) => t.store.createDiaryEntry(episodeId, e)));
          expect(retries.every((r) => !r.created)).toBe(true);
          expect((await t.store.listDiary(episodeId, { limit: 1000 })).items).toHaveLength(300);
        },
      );

      it('one conflicting write in a batch does not undo the others', async () => {
        const taken = makeDiaryEntry();
        await t.store.createDiaryEntry(episodeId, taken);
        const fresh = Array.from({ length: 5 }, () => makeDiaryEntry());
        const outcomes = await Promise.allSettled([
          ...fresh.map((e) => t.store.createDiaryEntry(episodeId, e)),
          t.store.createDiaryEntry(episodeId, { ...taken, pain: 1 }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual([...fresh.map(() => 'fulfilled'), 'rejected']);
        expect((await t.store.listDiary(episodeId)).items).toHaveLength(6);
      });
    });

    describe('episode snapshot', () => {
      it(
        'gathers the episode, every diary entry (past one page), assessments and sessions',
        { timeout: 120_000 },
        async () => {
          const episode = makeEpisode();
          await t.store.createEpisode(episode);
          const entries = Array.from({ length: 1005 }, () => makeDiaryEntry());
          await Promise.all(entries.map((e) => t.store.createDiaryEntry(episode.id, e)));
          await t.store.createAssessment(episode.id, makeAssessment());
          await t.store.createSessionLog(episode.id, makeSessionLog());
          const snapshot = await t.store.episodeSnapshot(episode.id);
          expect(snapshot.episode.id).toBe(episode.id);
          expect(snapshot.diary).toHaveLength(1005);
          expect(snapshot.assessments).toHaveLength(1);
          expect(snapshot.sessions).toHaveLength(1);
        },
      );
    });

    describe('check-ins', () => {
      it('stores and lists check-ins oldest first; retries are idempotent, other bodies conflict', async () => {
        const episode = makeEpisode();
        await t.store.createEpisode(episode);
        const later = {
          id: uuidv7(),
          at: '2026-11-12T09:00:00.000Z',
          redFlagReported: true,
          note: 'numb foot',
        };
        const earlier = { id: uuidv7(), at: '2026-11-11T09:00:00.000Z', redFlagReported: false };
        await t.store.createCheckIn(episode.id, later);
        await t.store.createCheckIn(episode.id, earlier);
        expect((await t.store.createCheckIn(episode.id, later)).created).toBe(false);
        await expectDomainError(
          t.store.createCheckIn(episode.id, { ...later, redFlagReported: false }),
          'conflict',
        );
        expect((await t.store.listCheckIns(episode.id)).map((c) => c.id)).toEqual([earlier.id, later.id]);
        expect((await t.store.episodeSnapshot(episode.id)).checkIns).toHaveLength(2);
      });
    });

    describe('session logs', () => {
      it('stores and lists sessions in start order; retries are idempotent', async () => {
        const episode = makeEpisode();
        await t.store.createEpisode(episode);
        const later = makeSessionLog({
          startedAt: '2026-11-10T10:00:00.000Z',
          endedAt: '2026-11-10T10:20:00.000Z',
        });
        const earlier = makeSessionLog({
          startedAt: '2026-11-10T08:00:00.000Z',
          endedAt: '2026-11-10T08:20:00.000Z',
        });
        await t.store.createSessionLog(episode.id, later);
        await t.store.createSessionLog(episode.id, earlier);
        expect((await t.store.createSessionLog(episode.id, earlier)).created).toBe(false);
        await expectDomainError(
          t.store.createSessionLog(episode.id, { ...earlier, painAfter: 9 }),
          'conflict',
        );
        expect((await t.store.listSessionLogs(episode.id)).map((s) => s.id)).toEqual([earlier.id, later.id]);
      });
    });
  });
}
