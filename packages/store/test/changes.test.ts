/**
 * The change feed and the history (changes.ts, migration 8) on both dialects: what a syncing client relies on.
 * A client pulls `changesSince(cursor)` page by page and keeps the latest version of each record; these tests hold
 * the store to never letting that client miss a change, see one twice, or end up with anything but the server's
 * records.
 */
import type { DiaryEntry, Episode } from '@unknot/core';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Change } from '../src/changes.ts';
import type { Store } from '../src/store.ts';
import { clinicStoresEach, clinicTestStart } from './clinic-stores.ts';
import { dialects } from './databases.ts';
import { expectDomainError } from './expect-domain-error.ts';
import { makeAssessment, makeDiaryEntry, makeEpisode, makeSessionLog } from './factories.ts';
import { storeEach } from './store-each.ts';

/** Every change after `cursor`, in pages of `limit`. */
async function pullAll(store: Store, cursor?: string, limit = 1000) {
  const changes: Change[] = [];
  let since = cursor;
  for (;;) {
    const page = await store.changesSince(since, limit);
    changes.push(...page.changes);
    since = page.cursor;
    if (!page.more) return { changes, cursor: since };
  }
}

const entryInput = ({ episodeId: _e, ...input }: DiaryEntry) => input;

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`the change feed (${dialect.name})`, () => {
    const t = storeEach(dialect);

    async function episodeWithEntries(count: number) {
      const { record: episode } = await t.store.createEpisode(makeEpisode());
      const entries: DiaryEntry[] = [];
      for (let i = 0; i < count; i += 1) {
        entries.push((await t.store.createDiaryEntry(episode.id, makeDiaryEntry({ pain: i % 11 }))).record);
      }
      return { episode, entries };
    }

    it('pages in sequence order: every change once, whatever the page size', async () => {
      const { episode, entries } = await episodeWithEntries(7);
      const expected = [episode.id, ...entries.map((e) => e.id)];
      for (const limit of [1, 2, 3, 7, 8, 1000]) {
        const { changes } = await pullAll(t.store, undefined, limit);
        expect(
          changes.map((c) => c.id),
          `limit ${String(limit)}`,
        ).toEqual(expected);
      }
      const { cursor } = await pullAll(t.store);
      expect(await t.store.changesSince(cursor, 10)).toEqual({ changes: [], cursor, more: false });
    });

    it('keeps one row per record, at its latest version, after the cursor of whoever saw the older one', async () => {
      const { episode, entries } = await episodeWithEntries(2);
      const [first, second] = entries as [DiaryEntry, DiaryEntry];
      const { cursor } = await pullAll(t.store);
      await t.store.putDiaryEntry(episode.id, { ...entryInput(first), pain: 9 });
      await t.store.putDiaryEntry(episode.id, { ...entryInput(first), pain: 10 });
      await t.store.editEpisode(episode.id, { status: 'closed' });
      const { changes } = await pullAll(t.store);
      expect(changes.map((c) => [c.kind, c.id, c.version])).toEqual([
        ['diary', second.id, 1],
        ['diary', first.id, 3],
        ['episode', episode.id, 2],
      ]);
      expect((await pullAll(t.store, cursor)).changes.map((c) => c.id)).toEqual([first.id, episode.id]);
      expect(changes[1]?.record).toEqual({ ...first, pain: 10 });
    });

    it('a retry writes nothing: no new version, no history', async () => {
      const { episode, entries } = await episodeWithEntries(1);
      const entry = entries[0] as DiaryEntry;
      const { cursor } = await pullAll(t.store);
      const again = await t.store.putDiaryEntry(episode.id, entryInput(entry), 1);
      expect(again).toEqual({ record: entry, version: 1, created: false });
      expect(await t.store.editEpisode(episode.id, { location: episode.location })).toEqual({
        record: episode,
        version: 1,
      });
      expect((await t.store.createDiaryEntry(episode.id, entryInput(entry))).version).toBe(1);
      expect((await pullAll(t.store, cursor)).changes).toEqual([]);
      expect(await t.store.history(episode.id)).toEqual([]);
    });

    it('leaves tombstones for deletes, and only the episode’s own when an episode goes', async () => {
      const { episode, entries } = await episodeWithEntries(2);
      const [gone, kept] = entries as [DiaryEntry, DiaryEntry];
      await t.store.putDiaryEntry(episode.id, { ...entryInput(kept), pain: 1 });
      await t.store.deleteDiaryEntry(episode.id, gone.id);
      let { changes } = await pullAll(t.store);
      expect(changes.at(-1)).toEqual({
        kind: 'diary',
        id: gone.id,
        episodeId: episode.id,
        op: 'delete',
        version: 2,
        record: null,
        conflicted: false,
      });
      // Made again under its id (an upsert after a delete), it carries on from its tombstone's version.
      expect((await t.store.putDiaryEntry(episode.id, entryInput(gone))).version).toBe(3);

      await t.store.createSessionLog(episode.id, makeSessionLog());
      await t.store.deleteEpisode(episode.id);
      ({ changes } = await pullAll(t.store));
      expect(changes).toEqual([
        {
          kind: 'episode',
          id: episode.id,
          episodeId: episode.id,
          op: 'delete',
          version: 2,
          record: null,
          conflicted: false,
        },
      ]);
      const history = await t.store.db.selectFrom('record_history').select('record_id').execute();
      expect(history).toEqual([]);
    });

    it('marks a write made on an older version as conflicted and keeps what it replaced', async () => {
      const { episode, entries } = await episodeWithEntries(1);
      const entry = entries[0] as DiaryEntry;
      const phone = await t.store.putDiaryEntry(episode.id, { ...entryInput(entry), pain: 2 }, 1);
      expect(phone.version).toBe(2);
      const laptop = await t.store.putDiaryEntry(episode.id, { ...entryInput(entry), pain: 8 }, 1);
      expect(laptop.version).toBe(3);
      // Without a base version a write is taken as made on what it replaces.
      await t.store.putDiaryEntry(episode.id, { ...entryInput(entry), pain: 4 });
      const last = (await pullAll(t.store)).changes.at(-1);
      expect(last).toMatchObject({ id: entry.id, version: 4, conflicted: false });
      const history = await t.store.history(episode.id);
      expect(history.map((h) => [h.version, h.conflicted, h.record.pain])).toEqual([
        [3, false, 8],
        [2, true, 2],
        [1, false, entry.pain],
      ]);
      // A record's history goes with it.
      await t.store.deleteDiaryEntry(episode.id, entry.id);
      expect(await t.store.history(episode.id)).toEqual([]);
      await expectDomainError(t.store.history(uuidv7()), 'not_found');
    });

    it('session logs upsert by id: in progress, then finished', async () => {
      const { record: episode } = await t.store.createEpisode(makeEpisode());
      const log = makeSessionLog();
      const started = await t.store.putSessionLog(episode.id, {
        ...log,
        inProgress: true,
        stepsCompleted: 1,
      });
      expect(started).toMatchObject({ version: 1, created: true, record: { inProgress: true } });
      const finished = await t.store.putSessionLog(episode.id, log, 1);
      expect(finished).toMatchObject({ version: 2, created: false });
      expect(await t.store.listSessionLogs(episode.id)).toEqual([{ ...log, episodeId: episode.id }]);
      const { record: other } = await t.store.createEpisode(makeEpisode());
      await expectDomainError(t.store.putSessionLog(other.id, log), 'conflict');
    });

    it('stores an early stop only when it is an emergency', async () => {
      const { record: episode } = await t.store.createEpisode(makeEpisode());
      const early = await t.store.createAssessment(
        episode.id,
        makeAssessment({ answers: { chest_pain_or_breathlessness: true }, complete: false, unsure: ['age'] }),
      );
      expect(early.record).toMatchObject({
        complete: false,
        unsure: ['age'],
        result: { disposition: 'emergency' },
      });
      await expectDomainError(
        t.store.createAssessment(episode.id, makeAssessment({ answers: { age: 40 }, complete: false })),
        'early_stop_refused',
      );
      expect((await t.store.createAssessment(episode.id, makeAssessment())).record).toMatchObject({
        complete: true,
        unsure: [],
      });
    });

    it('erase leaves only the erase change, and what follows comes after it', async () => {
      await episodeWithEntries(3);
      const { cursor } = await pullAll(t.store);
      await t.store.eraseAll();
      const erase = {
        kind: 'erase',
        id: 'all',
        episodeId: null,
        op: 'delete',
        version: 1,
        record: null,
        conflicted: false,
      };
      expect((await pullAll(t.store)).changes).toEqual([erase]);
      expect((await pullAll(t.store, cursor)).changes).toEqual([erase]);
      const { record: next } = await t.store.createEpisode(makeEpisode());
      await t.store.eraseAll();
      expect((await pullAll(t.store, cursor)).changes).toEqual([{ ...erase, version: 2 }]);
      expect(next.id).toBeDefined();
    });

    it('an import enters the feed too', async () => {
      const { episode, entries } = await episodeWithEntries(2);
      const exported = await t.store.exportAll();
      await t.store.eraseAll();
      const { cursor } = await pullAll(t.store);
      await t.store.importAll(exported);
      const { changes } = await pullAll(t.store, cursor);
      expect(changes.map((c) => [c.kind, c.id])).toEqual([
        ['episode', episode.id],
        ...entries.map((e) => ['diary', e.id]),
      ]);
    });

    // Why: the sync contract in one law. Two devices write and pull in any interleaving, with any page size; once
    // both have pulled to the end they hold exactly the server's records at the server's versions, they never
    // saw a version of a record twice or go backwards, and every write made on a stale version left the version
    // it replaced in history as conflicted.
    it('two devices converge to the server’s state, whatever the interleaving', async () => {
      type Local = Map<string, Change>;
      const command = fc.oneof(
        fc.record({ type: fc.constant('add' as const), pain: fc.integer({ min: 0, max: 10 }) }),
        fc.record({
          type: fc.constant('edit' as const),
          pick: fc.nat(),
          pain: fc.integer({ min: 0, max: 10 }),
        }),
        fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }),
        fc.record({
          type: fc.constant('episode' as const),
          thermal: fc.constantFrom('heat', 'ice', 'either'),
        }),
        fc.record({ type: fc.constant('pull' as const), limit: fc.integer({ min: 1, max: 3 }) }),
      );
      const step = fc.record({ device: fc.constantFrom(0, 1), command });

      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          const start = (await pullAll(t.store)).cursor;
          const { record: episode } = await t.store.createEpisode(makeEpisode());
          const devices = [0, 1].map(() => ({ local: new Map() as Local, cursor: start }));
          const stale: { id: string; replaced: number; conflicted: boolean }[] = [];

          const apply = (local: Local, change: Change) => {
            if (change.episodeId !== episode.id) return;
            const key = `${change.kind} ${change.id}`;
            const known = local.get(key);
            expect(change.version, key).toBeGreaterThan(known?.version ?? 0);
            local.set(key, change);
          };
          const pull = async (device: (typeof devices)[number], limit: number) => {
            const page = await t.store.changesSince(device.cursor, limit);
            for (const change of page.changes) apply(device.local, change);
            device.cursor = page.cursor;
            return page.more;
          };
          const liveEntries = (local: Local) =>
            [...local.values()].filter((c) => c.kind === 'diary' && c.op === 'put');

          for (const { device: index, command: c } of steps) {
            const device = devices[index] as (typeof devices)[number];
            const entries = liveEntries(device.local);
            const picked = 'pick' in c ? entries[c.pick % Math.max(1, entries.length)] : undefined;
            if (c.type === 'pull') await pull(device, c.limit);
            else if (c.type === 'add') {
              await t.store.createDiaryEntry(episode.id, makeDiaryEntry({ pain: c.pain }));
            } else if (c.type === 'edit' && picked) {
              const current = await t.store.db
                .selectFrom('change_log')
                .select(['version', 'op'])
                .where('kind', '=', 'diary')
                .where('record_id', '=', picked.id)
                .executeTakeFirstOrThrow();
              const written = await t.store.putDiaryEntry(
                episode.id,
                { ...entryInput(picked.record as DiaryEntry), pain: c.pain },
                picked.version,
              );
              if (current.op === 'put' && written.version > current.version) {
                stale.push({
                  id: picked.id,
                  replaced: current.version,
                  conflicted: picked.version < current.version,
                });
              }
            } else if (c.type === 'delete' && picked) {
              await t.store.deleteDiaryEntry(episode.id, picked.id).then(
                // Its history went with it.
                () => stale.splice(0, stale.length, ...stale.filter((w) => w.id !== picked.id)),
                (error: unknown) => {
                  // The other device deleted it first: nothing left to delete.
                  if ((error as { code?: string }).code !== 'not_found') throw error;
                  return [];
                },
              );
            } else if (c.type === 'episode') {
              const seen = device.local.get(`episode ${episode.id}`)?.version;
              await t.store.editEpisode(episode.id, { preferences: { thermal: c.thermal } }, seen);
            }
          }
          for (const device of devices) while (await pull(device, 2));

          const server = new Map<string, { record: unknown; version: number }>();
          for (const change of (await pullAll(t.store)).changes) {
            if (change.episodeId === episode.id && change.op === 'put') {
              server.set(`${change.kind} ${change.id}`, { record: change.record, version: change.version });
            }
          }
          const records: [string, unknown][] = [
            [`episode ${episode.id}`, await t.store.getEpisode(episode.id)],
            ...(await t.store.listAllDiary(episode.id)).map((e): [string, unknown] => [`diary ${e.id}`, e]),
          ];
          expect(new Map([...server].map(([key, v]) => [key, v.record]))).toEqual(new Map(records));
          for (const device of devices) {
            const held = [...device.local].filter(([, change]) => change.op === 'put');
            expect(
              new Map(held.map(([key, change]) => [key, { record: change.record, version: change.version }])),
            ).toEqual(server);
          }
          const history = await t.store.history(episode.id);
          for (const write of stale.filter((w) => server.has(`diary ${w.id}`))) {
            expect(history).toContainEqual(
              expect.objectContaining({
                id: write.id,
                version: write.replaced,
                conflicted: write.conflicted,
              }),
            );
          }
          // The run's episode as in the real app: Episode is what its change holds.
          expect((server.get(`episode ${episode.id}`)?.record as Episode).id).toBe(episode.id);
        }),
        { numRuns: dialect.name === 'sqlite' ? 40 : 15 },
      );
    }, 120_000);
  });

  describe.skipIf(!dialect.enabled)(`the change feed in clinic mode (${dialect.name})`, () => {
    const c = clinicStoresEach(dialect);

    it('gives each owner their own changes, an episode entering its owner’s feed when claimed', async () => {
      const patient = await c.identity.createAccount({ role: 'patient', displayName: 'A' });
      const other = await c.identity.createAccount({ role: 'patient', displayName: 'B' });
      const { record: episode } = await c.store.createEpisode(makeEpisode({ onsetDate: '2026-03-01' }));
      expect((await c.store.changesSince(undefined, 100, patient.id)).changes).toEqual([]);
      await c.care.setEpisodeOwner(episode.id, patient.id);
      const entry = (await c.store.createDiaryEntry(episode.id, makeDiaryEntry({ at: clinicTestStart })))
        .record;
      const peg = await c.care.addPegScore({
        id: uuidv7(),
        patientId: patient.id,
        at: new Date().toISOString(),
        pain: 5,
        enjoyment: 4,
        activity: 6,
      });
      const mine = await c.store.changesSince(undefined, 100, patient.id);
      expect(mine.changes.map((x) => [x.kind, x.id])).toEqual([
        ['episode', episode.id],
        ['diary', entry.id],
        ['peg', peg.id],
      ]);
      expect(mine.changes[2]?.record).toEqual(peg);
      expect((await c.store.changesSince(undefined, 100, other.id)).changes).toEqual([]);
      // Claiming again (a retried create) moves nothing.
      await c.care.setEpisodeOwner(episode.id, patient.id);
      expect((await c.store.changesSince(mine.cursor, 100, patient.id)).changes).toEqual([]);

      // One patient's erase is theirs alone, and takes their PEG answers with it.
      const { record: theirs } = await c.store.createEpisode(makeEpisode({ onsetDate: '2026-03-01' }));
      await c.care.setEpisodeOwner(theirs.id, other.id);
      await c.store.eraseAll({ owner: patient.id });
      expect(
        (await c.store.changesSince(undefined, 100, patient.id)).changes.map((x) => [x.kind, x.id]),
      ).toEqual([['erase', 'all']]);
      expect(await c.care.pegScores(patient.id)).toEqual([]);
      expect((await c.store.changesSince(undefined, 100, other.id)).changes.map((x) => x.id)).toEqual([
        theirs.id,
      ]);
      expect(await c.store.getEpisode(theirs.id)).toMatchObject({ id: theirs.id });
    });
  });
}
