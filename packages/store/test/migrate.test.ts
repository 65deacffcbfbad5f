import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, openStore } from '../src/open.ts';
import { migrate, MigrationHistoryError } from '../src/migrate.ts';
import { migrationSteps } from '../src/migrations/index.ts';
import { dialects, type TestDatabase } from './databases.ts';
import { expectDomainError } from './expect-domain-error.ts';
import { SqlCareStore } from '../src/clinic/care-store.ts';
import { SqlIdentityStore } from '../src/clinic/identity-store.ts';
import { makeAssessment, makeDiaryEntry, makeEpisode, makeSessionLog } from './factories.ts';

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`migrations (${dialect.name})`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.fresh();
    });
    afterEach(async () => {
      await database.dispose();
    });

    it('applies every step once; a second run changes nothing and keeps the data', async () => {
      const store = await openStore(database.config);
      const history = await store.db.selectFrom('unknot_migrations').selectAll().orderBy('step').execute();
      expect(history.map((h) => h.name)).toEqual(migrationSteps.map((s) => s.name));
      const episode = makeEpisode();
      await store.createEpisode(episode);

      expect(await migrate(store.db, store.dialect)).toEqual({ applied: [] });
      const again = await store.db.selectFrom('unknot_migrations').selectAll().orderBy('step').execute();
      expect(again).toEqual(history);
      expect((await store.getEpisode(episode.id)).id).toBe(episode.id);
      await store.close();

      // Reopening (a restart) also changes nothing.
      const reopened = await openStore(database.config);
      expect(await reopened.db.selectFrom('unknot_migrations').selectAll().orderBy('step').execute()).toEqual(
        history,
      );
      await reopened.close();
    });

    it('refuses a database whose history has a step this program does not know', async () => {
      const store = await openStore(database.config);
      await store.db
        .insertInto('unknot_migrations')
        .values({ step: 999, name: '0999-from-the-future', applied_at: 'x' })
        .execute();
      await store.close();
      const error = await openStore(database.config).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigrationHistoryError);
      expect((error as Error).message).toContain('0999-from-the-future');
      expect((error as Error).message).toContain('Refusing to open it');
    });

    it('step 5 copies the onset date and time zone of the episodes already stored into their columns', async () => {
      const { db, dialect: name } = createDb(database.config);
      const before = migrationSteps.findIndex((s) => s.name === '0005-episode-dates');
      await migrate(db, name, migrationSteps.slice(0, before));
      const episode = makeEpisode({ onsetDate: '2026-11-20', timeZone: 'Asia/Tokyo' });
      const stamp = '2026-11-21T08:00:00.000Z';
      const body = JSON.stringify({ ...episode, status: 'active', createdAt: stamp, updatedAt: stamp });
      await sql`insert into episodes (id, status, created_at, updated_at, data, request)
        values (${episode.id}, 'active', ${stamp}, ${stamp}, ${body}, '{}')`.execute(db);
      await migrate(db, name);
      expect(
        await db
          .selectFrom('episodes')
          .select(['onset_date', 'time_zone'])
          .where('id', '=', episode.id)
          .executeTakeFirstOrThrow(),
      ).toEqual({ onset_date: '2026-11-20', time_zone: 'Asia/Tokyo' });
      await db.destroy();

      // The diary write checks against them: in Tokyo 14:30 UTC on the 19th is still the 19th, 15:30 the 20th.
      const store = await openStore(database.config);
      await expectDomainError(
        store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-11-19T14:30:00.000Z' })),
        'validation_failed',
      );
      expect(
        (await store.createDiaryEntry(episode.id, makeDiaryEntry({ at: '2026-11-19T15:30:00.000Z' })))
          .created,
      ).toBe(true);
      await store.close();
    });

    // Why: a server upgraded to step 8 must offer the records it already holds to a client's first pull.
    it('step 8 puts every record already stored into the change feed at version 1', async () => {
      const store = await openStore(database.config);
      const identity = new SqlIdentityStore(store.db, store.dialect);
      const care = new SqlCareStore(store.db, store.dialect);
      const { record: episode } = await store.createEpisode(makeEpisode());
      const diary = (await store.createDiaryEntry(episode.id, makeDiaryEntry())).record;
      const assessment = (await store.createAssessment(episode.id, makeAssessment())).record;
      const session = (await store.createSessionLog(episode.id, makeSessionLog())).record;
      const clinic = await identity.createClinic('Riverside');
      const clinician = await identity.createAccount({
        role: 'clinician',
        clinicId: clinic.id,
        displayName: 'C',
      });
      const patient = await identity.createAccount({ role: 'patient', displayName: 'P' });
      const programme = (items: number) =>
        care.assignProgramme({
          patientId: patient.id,
          clinicianId: clinician.id,
          items: [{ entryId: 'ex-walking', timesPerWeek: items }],
          ...(items === 5 ? { note: 'Walk after lunch' } : {}),
        });
      await programme(3);
      const current = await programme(5);
      const peg = await care.addPegScore({
        id: makeDiaryEntry().id,
        patientId: patient.id,
        at: new Date().toISOString(),
        pain: 4,
        enjoyment: 5,
        activity: 6,
      });
      // Back to a database of step 7 with these records in it.
      await sql`drop table change_log`.execute(store.db);
      await sql`drop table record_history`.execute(store.db);
      await store.db.deleteFrom('unknot_migrations').where('step', '=', 8).execute();
      expect(await migrate(store.db, store.dialect)).toEqual({ applied: ['0008-change-log'] });

      const { changes } = await store.changesSince(undefined, 100);
      expect(changes.map((c) => [c.kind, c.id, c.op, c.version])).toEqual([
        ['episode', episode.id, 'put', 1],
        ['assessment', assessment.id, 'put', 1],
        ['diary', diary.id, 'put', 1],
        ['session', session.id, 'put', 1],
        ['programme', current.id, 'put', 1],
        ['peg', peg.id, 'put', 1],
      ]);
      expect(changes.map((c) => c.record)).toEqual([episode, assessment, diary, session, current, peg]);
      // The feed then goes on from there.
      expect((await store.putDiaryEntry(episode.id, { ...diary, pain: 1 })).version).toBe(2);
      await store.close();
    });

    it('refuses a database whose history diverges from the files (a step renamed)', async () => {
      const store = await openStore(database.config);
      await store.db
        .updateTable('unknot_migrations')
        .set({ name: '0001-something-else' })
        .where('step', '=', 1)
        .execute();
      await store.close();
      await expect(openStore(database.config)).rejects.toThrow(MigrationHistoryError);
    });
  });
}
