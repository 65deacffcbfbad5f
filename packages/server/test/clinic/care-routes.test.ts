import type { LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessLogEntrySchema,
  inviteSchema,
  myLinkSchema,
  patientPageSchema,
  patientRecordSchema,
  programmeSchema,
} from '../../src/clinic/care-schemas.ts';
import { csvField, toCsv } from '../../src/clinic/csv.ts';
import { planResponseSchema } from '../../src/plan-schema.ts';
import { makeDiaryEntry, makeEpisode, makeSessionLog } from '../test-app.ts';
import { careWorld, json, type CareWorld } from './care-world.ts';
import {
  clinicEnabled,
  createAccount,
  sessionTokenOf,
  signedIn,
  startClinicApp,
  type ClinicTestApp,
} from './clinic-app.ts';

const v1 = '/api/v1';
const day = 86_400_000;

function expectProblem(res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = json(res);
  expect(body.code).toBe(code);
  return body;
}

describe('CSV for a spreadsheet', () => {
  it('quotes commas, quotes and line breaks, and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvField('the "best"')).toBe('"the ""best"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('neutralises a leading = + - @ (and tab, CR) so a spreadsheet shows it instead of running it', () => {
    for (const lead of ['=', '+', '-', '@', '\t']) {
      expect(csvField(`${lead}SUM(A1)`)).toBe(`'${lead}SUM(A1)`);
    }
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('a=b')).toBe('a=b');
  });

  it('joins rows with CRLF after the header', () => {
    expect(toCsv(['a', 'b'], [['1', null]])).toBe('a,b\r\n1,\r\n');
  });
});

describe.skipIf(!clinicEnabled)('care routes (clinic mode, PostgreSQL)', () => {
  let t: ClinicTestApp;
  let w: CareWorld;
  beforeAll(async () => {
    t = await startClinicApp({ signInRateLimitPerMinute: 100_000 });
  });
  afterAll(async () => {
    await t.close();
  });
  const fresh = async () => {
    w = await careWorld(t);
    return w;
  };

  describe('invites', () => {
    it('a clinician makes an invite; redeemed signed out, it makes a signed-in patient linked to them', async () => {
      await fresh();
      const made = await t.request({ method: 'POST', url: `${v1}/invites`, headers: w.headers.clinicianA });
      expect(made.statusCode, made.body).toBe(201);
      const invite = inviteSchema.parse(json(made));
      expect(invite.code).toMatch(/^[A-Z0-9]{8}$/);

      const listed = await t.request({ method: 'GET', url: `${v1}/invites`, headers: w.headers.clinicianA });
      expect(json<{ code: string }[]>(listed).map((i) => i.code)).toContain(invite.code);

      // Typed as a person would: lower case, with a dash in the middle.
      const typed = `${invite.code.slice(0, 4)}-${invite.code.slice(4)}`.toLowerCase();
      const redeemed = await t.request({
        method: 'POST',
        url: `${v1}/invites/redeem`,
        payload: { code: typed, displayName: 'Sam' },
      });
      expect(redeemed.statusCode, redeemed.body).toBe(201);
      const body = json<{ account: { id: string; role: string }; csrfToken: string; link: { id: string } }>(
        redeemed,
      );
      expect(body.account.role).toBe('patient');
      expect(body.csrfToken).toBeTruthy();
      const token = sessionTokenOf(redeemed, t.publicOrigin);
      expect(token).toBeTruthy();

      const links = await t.request({
        method: 'GET',
        url: `${v1}/me/links`,
        headers: { cookie: `__Host-unknot=${String(token)}` },
      });
      expect(links.statusCode, links.body).toBe(200);
      const [link] = json<unknown[]>(links).map((l) => myLinkSchema.parse(l));
      expect(link).toMatchObject({ id: body.link.id, clinicianId: w.clinicianA.id, shareNotes: false });
      expect(link?.clinicName).toBe('Riverside Physiotherapy');
    });

    it('an invite is single use: the second redeem is 410', async () => {
      await fresh();
      const { code } = await t.care.createInvite(w.clinicianA.id);
      const first = await t.request({
        method: 'POST',
        url: `${v1}/invites/redeem`,
        payload: { code, displayName: 'First' },
      });
      expect(first.statusCode, first.body).toBe(201);
      const again = await t.request({
        method: 'POST',
        url: `${v1}/invites/redeem`,
        headers: w.headers.patientB,
        payload: { code, displayName: 'Second' },
      });
      expectProblem(again, 410, 'invite_unusable');
    });

    it('an invite older than 14 days is 410', async () => {
      await fresh();
      const { code } = await t.care.createInvite(w.clinicianA.id);
      t.advanceClock(15 * day);
      try {
        const res = await t.request({
          method: 'POST',
          url: `${v1}/invites/redeem`,
          headers: await signedIn(t, w.patientB),
          payload: { code, displayName: 'Late' },
        });
        expectProblem(res, 410, 'invite_unusable');
      } finally {
        t.advanceClock(-15 * day);
      }
    });

    it('signed out, a redeem without a name is 400 naming it; signed in, none is needed', async () => {
      await fresh();
      const { code } = await t.care.createInvite(w.clinicianA.id);
      const anonymous = await t.request({ method: 'POST', url: `${v1}/invites/redeem`, payload: { code } });
      const body = expectProblem(anonymous, 400, 'validation_failed');
      expect(body.fields).toEqual([
        { field: 'body.displayName', problem: 'is needed to make a new account' },
      ]);
      const signedInPatient = await t.request({
        method: 'POST',
        url: `${v1}/invites/redeem`,
        headers: w.headers.patientB,
        payload: { code },
      });
      expect(signedInPatient.statusCode, signedInPatient.body).toBe(201);
      expect(json(signedInPatient)).toEqual({
        link: expect.objectContaining({ patientId: w.patientB.id }) as unknown,
      });
    });

    it('a code that cannot be one, an unknown one or a used one is 410 and makes no account', async () => {
      await fresh();
      const accounts = () =>
        t.store.db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst();
      const used = await t.care.createInvite(w.clinicianA.id);
      await t.care.redeemInvite(used.code, w.patientB.id);
      const before = await accounts();
      for (const code of ['not a code!', 'ABCDEFGH', used.code]) {
        const res = await t.request({
          method: 'POST',
          url: `${v1}/invites/redeem`,
          payload: { code, displayName: 'Guess' },
        });
        expectProblem(res, 410, 'invite_unusable');
        expect(res.headers['set-cookie'], code).toBeUndefined();
      }
      expect(await accounts()).toEqual(before);
    });
  });

  describe('a clinician reads a linked patient', () => {
    it('the record comes without notes until the patient shares them', async () => {
      await fresh();
      const read = () =>
        t.request({ method: 'GET', url: `${v1}/patients/${w.patientA.id}`, headers: w.headers.clinicianA });
      const first = await read();
      expect(first.statusCode, first.body).toBe(200);
      const record = patientRecordSchema.parse(json(first));
      const [episode] = record.episodes;
      expect(episode?.episode.id).toBe(w.episodeA.id);
      expect(episode?.diary.map((d) => d.id)).toEqual([w.diaryA.id]);
      expect(episode?.diary[0]?.pain).toBe(w.diaryA.pain);
      expect(episode?.diary[0]).not.toHaveProperty('note');
      expect(episode?.checkIns[0]).not.toHaveProperty('note');
      expect(first.body).not.toContain(w.secret);

      const shared = await t.request({
        method: 'PUT',
        url: `${v1}/me/sharing`,
        headers: w.headers.patientA,
        payload: { shareNotes: true },
      });
      expect(shared.statusCode, shared.body).toBe(200);
      const second = patientRecordSchema.parse(json(await read()));
      expect(second.link.shareNotes).toBe(true);
      expect(second.episodes[0]?.diary[0]?.note).toBe(w.diaryA.note);
      expect(second.episodes[0]?.checkIns[0]?.note).toBe(w.checkInA.note);
    });

    it('after the patient leaves, the clinician is refused (403) and the list no longer shows them', async () => {
      await fresh();
      const before = await t.request({
        method: 'GET',
        url: `${v1}/patients/${w.patientA.id}`,
        headers: w.headers.clinicianA,
      });
      expect(before.statusCode).toBe(200);
      const left = await t.request({
        method: 'DELETE',
        url: `${v1}/me/links/${w.linkA.id}`,
        headers: w.headers.patientA,
      });
      expect(left.statusCode, left.body).toBe(200);
      expect(json(left).endedAt).toEqual(expect.any(String));

      const after = await t.request({
        method: 'GET',
        url: `${v1}/patients/${w.patientA.id}`,
        headers: w.headers.clinicianA,
      });
      expectProblem(after, 403, 'forbidden');
      const programme = await t.request({
        method: 'PUT',
        url: `${v1}/patients/${w.patientA.id}/programme`,
        headers: w.headers.clinicianA,
        payload: { items: [{ entryId: 'ex-walking', timesPerWeek: 5 }] },
      });
      expectProblem(programme, 403, 'forbidden');
      const list = patientPageSchema.parse(
        json(await t.request({ method: 'GET', url: `${v1}/patients`, headers: w.headers.clinicianA })),
      );
      expect(list.items.map((r) => r.patient.id)).not.toContain(w.patientA.id);
      // The former link still shows to the patient, ended.
      const links = json<{ id: string; endedAt: string | null }[]>(
        await t.request({ method: 'GET', url: `${v1}/me/links`, headers: w.headers.patientA }),
      );
      expect(links.find((l) => l.id === w.linkA.id)?.endedAt).toEqual(expect.any(String));
    });

    it('a colleague in the same clinic is not a carer: 403', async () => {
      await fresh();
      const res = await t.request({
        method: 'GET',
        url: `${v1}/patients/${w.patientA.id}`,
        headers: await signedIn(t, w.colleague),
      });
      expectProblem(res, 403, 'forbidden');
    });

    it('an unknown patient id answers like a patient not linked (403), so ids reveal nothing', async () => {
      await fresh();
      const res = await t.request({
        method: 'GET',
        url: `${v1}/patients/${uuidv7()}`,
        headers: w.headers.clinicianA,
      });
      expectProblem(res, 403, 'forbidden');
    });
  });

  describe('the patient list', () => {
    it('shows each linked patient with figures, a page at a time, and audits one read per patient shown', async () => {
      await fresh();
      // Two more patients for clinician A, one with a programme and a PEG history.
      const more = [await createAccount(t, 'patient'), await createAccount(t, 'patient')];
      for (const patient of more) {
        const { code } = await t.care.createInvite(w.clinicianA.id);
        await t.care.redeemInvite(code, patient.id);
      }
      await t.care.assignProgramme({
        patientId: w.patientA.id,
        clinicianId: w.clinicianA.id,
        items: [{ entryId: 'tx-ice', timesPerWeek: 7 }],
      });
      const now = Date.now();
      for (const [i, pain] of [8, 4].entries()) {
        await t.care.addPegScore({
          id: uuidv7(),
          patientId: w.patientA.id,
          at: new Date(now - (1 - i) * 7 * day).toISOString(),
          pain,
          enjoyment: pain,
          activity: pain,
        });
      }

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const res = await t.request({
          method: 'GET',
          url: `${v1}/patients?limit=2${query}`,
          headers: w.headers.clinicianA,
        });
        expect(res.statusCode, res.body).toBe(200);
        const page = patientPageSchema.parse(json(res));
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((r) => r.patient.id));
        const rowA = page.items.find((r) => r.patient.id === w.patientA.id);
        if (rowA) {
          expect(rowA.episode?.id).toBe(w.episodeA.id);
          expect(rowA.pain?.trend).toEqual(expect.any(String));
          expect(rowA.peg).toMatchObject({ change: -4, improved: true, count: 2 });
          // The one ice session of the world counts towards this week's 7.
          expect(rowA.adherence?.items).toEqual([
            { entryId: 'tx-ice', assigned: 7, done: expect.any(Number) as unknown, tracked: true },
          ]);
          expect(JSON.stringify(rowA)).not.toContain(w.secret);
        }
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);
      expect(seen.sort()).toEqual([w.patientA.id, ...more.map((p) => p.id)].sort());
      expect(pages).toBe(2);

      for (const id of seen) {
        const log = await t.care.accessLog(id);
        expect(log.filter((e) => e.actorId === w.clinicianA.id && e.resource === 'overview')).toHaveLength(1);
      }
    });

    it("shows a patient's new diary entry on the next list (figures are reused only while nothing changed)", async () => {
      await fresh();
      const painRow = async () => {
        const res = await t.request({ method: 'GET', url: `${v1}/patients`, headers: w.headers.clinicianA });
        expect(res.statusCode, res.body).toBe(200);
        return patientPageSchema.parse(json(res)).items.find((r) => r.patient.id === w.patientA.id)?.pain;
      };
      const before = await painRow();
      expect(await painRow()).toEqual(before);
      // The world's episode is in its first days, so its baseline (the daily worst of days 0-2) moves with a 10.
      expect(before?.baseline).toBeLessThan(10);
      await t.store.createDiaryEntry(w.episodeA.id, makeDiaryEntry({ pain: 10 }));
      const after = await painRow();
      expect(after?.baseline).toBeGreaterThan(before?.baseline ?? 10);
    });

    it('reads a page in a fixed number of queries, whatever its size (no query per patient)', async () => {
      await fresh();
      const clinician = await createAccount(t, 'clinician');
      const headers = await signedIn(t, clinician);
      const executor = t.store.db.getExecutor();
      const execute = executor.executeQuery.bind(executor);
      let queries = 0;
      executor.executeQuery = ((...args: Parameters<typeof execute>) => {
        queries += 1;
        return execute(...args);
      }) as typeof execute;
      const queriesFor = async (patients: number) => {
        while ((await t.care.linksOfClinician(clinician.id)).length < patients) {
          const patient = await createAccount(t, 'patient');
          await t.care.redeemInvite((await t.care.createInvite(clinician.id)).code, patient.id);
          const { record } = await t.store.createEpisode(makeEpisode());
          await t.care.setEpisodeOwner(record.id, patient.id);
        }
        // The first request of a session may write its sliding expiry; count a later one.
        await t.request({ method: 'GET', url: `${v1}/patients?limit=${String(patients)}`, headers });
        queries = 0;
        const res = await t.request({
          method: 'GET',
          url: `${v1}/patients?limit=${String(patients)}`,
          headers,
        });
        expect(json<{ items: unknown[] }>(res).items).toHaveLength(patients);
        return queries;
      };
      try {
        const few = await queriesFor(2);
        const many = await queriesFor(12);
        // The audit of the page is one insert too (auditMany).
        expect(many).toBe(few);
      } finally {
        executor.executeQuery = execute;
      }
    });

    it('shows a check-in warning sign as an escalation', async () => {
      await fresh();
      await t.store.createCheckIn(w.episodeA.id, {
        id: uuidv7(),
        at: new Date().toISOString(),
        redFlagReported: true,
      });
      const page = patientPageSchema.parse(
        json(await t.request({ method: 'GET', url: `${v1}/patients`, headers: w.headers.clinicianA })),
      );
      const row = page.items.find((r) => r.patient.id === w.patientA.id);
      expect(row?.escalations.map((e) => e.id)).toContain('triage_again_now');
    });

    it('gives each row its last activity and a pain series for the sparkline', async () => {
      await fresh();
      const list = async () =>
        patientPageSchema
          .parse(
            json(await t.request({ method: 'GET', url: `${v1}/patients`, headers: w.headers.clinicianA })),
          )
          .items.find((r) => r.patient.id === w.patientA.id);
      const before = await list();
      // Newer than everything the world made, so it is the newest activity.
      const rated = new Date().toISOString();
      await t.store.createDiaryEntry(w.episodeA.id, makeDiaryEntry({ at: rated, pain: 7 }));
      // A session still running is not yet activity: only its end is.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const running = new Date().toISOString();
      await t.store.createSessionLog(
        w.episodeA.id,
        makeSessionLog({ startedAt: running, endedAt: running, inProgress: true }),
      );
      const row = await list();
      expect(row?.lastActivityAt).toBe(rated);
      expect(row?.lastActivityAt).not.toBe(before?.lastActivityAt);
      expect(row?.pain?.series.at(-1)).toBe(7);
      expect(row?.pain?.series.length).toBeLessThanOrEqual(14);
    });

    it('refuses a cursor it did not give out (400 naming it)', async () => {
      await fresh();
      const res = await t.request({
        method: 'GET',
        url: `${v1}/patients?cursor=bm9wZQ`,
        headers: w.headers.clinicianA,
      });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.fields).toEqual([
        { field: 'querystring.cursor', problem: 'is not one this list gave out' },
      ]);
    });
  });

  describe('programmes', () => {
    const assign = (items: unknown[]) =>
      t.request({
        method: 'PUT',
        url: `${v1}/patients/${w.patientA.id}/programme`,
        headers: w.headers.clinicianA,
        payload: { items, note: 'Little and often.' },
      });

    it('refuses a medicine, naming the rule and the field (422)', async () => {
      await fresh();
      const body = expectProblem(
        await assign([{ entryId: 'med-oral-nsaid-otc', timesPerWeek: 3 }]),
        422,
        'programme_refused',
      );
      expect(body.fields).toEqual([
        { field: 'items.0.entryId', problem: expect.stringContaining('medication') as unknown },
      ]);
    });

    it('refuses a dose outside the protocol range, naming the field', async () => {
      await fresh();
      const body = expectProblem(
        await assign([{ entryId: 'ex-childs-pose', holdSeconds: 3600, reps: 3, timesPerWeek: 7 }]),
        422,
        'programme_refused',
      );
      expect((body.fields as { field: string }[]).map((f) => f.field)).toEqual(['items.0.holdSeconds']);
    });

    it("refuses an entry the patient's conditions rule out, naming the condition", async () => {
      await fresh();
      const pressUp = [{ entryId: 'ex-prone-press-up', timesPerWeek: 3 }];
      // Without the condition the same item is fine: the refusal below is the condition's doing.
      expect((await assign(pressUp)).statusCode).toBe(200);
      // A second episode of A tells of it; the rule reads every episode of the patient.
      const { record } = await t.store.createEpisode(makeEpisode({ knownConditions: ['spondylolisthesis'] }));
      await t.care.setEpisodeOwner(record.id, w.patientA.id);
      const body = expectProblem(await assign(pressUp), 422, 'programme_refused');
      expect(body.fields).toEqual([
        {
          field: 'items.0.entryId',
          problem: expect.stringContaining('avoid_with spondylolisthesis') as unknown,
        },
      ]);
    });

    it('a valid programme is stored, audited, shown to the patient and used in their plan', async () => {
      await fresh();
      const res = await assign([{ entryId: 'ex-walking', timesPerWeek: 5 }]);
      expect(res.statusCode, res.body).toBe(200);
      const programme = programmeSchema.parse(json(res));
      expect(programme).toMatchObject({ patientId: w.patientA.id, clinicianId: w.clinicianA.id });

      const mine = json<{ programme: { id: string } | null }>(
        await t.request({ method: 'GET', url: `${v1}/me/programme`, headers: w.headers.patientA }),
      );
      expect(mine.programme?.id).toBe(programme.id);

      const log = await t.care.accessLog(w.patientA.id);
      expect(log[0]).toMatchObject({
        actorId: w.clinicianA.id,
        action: 'change',
        resource: 'programme',
        resourceId: programme.id,
        requestId: res.headers['x-request-id'],
      });

      const plan = await t.request({
        method: 'GET',
        url: `${v1}/episodes/${w.episodeA.id}/plan`,
        headers: w.headers.patientA,
      });
      expect(plan.statusCode, plan.body).toBe(200);
      expect(plan.body).toContain('"from":"clinician"');
      expect(planResponseSchema.safeParse(json(plan)).error).toBeUndefined();
    });

    it('triage still wins over the programme', async () => {
      await fresh();
      expect((await assign([{ entryId: 'ex-walking', timesPerWeek: 5 }])).statusCode).toBe(200);
      const { makeAssessment, allClearAnswers } = await import('../test-app.ts');
      await t.store.createAssessment(
        w.episodeA.id,
        makeAssessment({ answers: { ...allClearAnswers, saddle_numbness: true } }),
      );
      const plan = await t.request({
        method: 'GET',
        url: `${v1}/episodes/${w.episodeA.id}/plan`,
        headers: w.headers.patientA,
      });
      expect(plan.statusCode, plan.body).toBe(200);
      expect(json(plan).kind).toBe('escalation');
      expect(plan.body).not.toContain('"from":"clinician"');
    });
  });

  describe('the audit trail', () => {
    it("a clinician's read appears in the patient's access log and in the clinic's CSV", async () => {
      await fresh();
      const read = await t.request({
        method: 'GET',
        url: `${v1}/patients/${w.patientA.id}`,
        headers: w.headers.clinicianA,
      });
      expect(read.statusCode).toBe(200);
      const requestId = read.headers['x-request-id'];

      const log = json<unknown[]>(
        await t.request({ method: 'GET', url: `${v1}/me/access-log`, headers: w.headers.patientA }),
      ).map((e) => accessLogEntrySchema.parse(e));
      expect(log).toEqual([
        expect.objectContaining({
          actorId: w.clinicianA.id,
          actorName: w.clinicianA.displayName,
          actorRole: 'clinician',
          action: 'read',
          resource: 'record',
          requestId,
        }),
      ]);
      // B's log knows nothing of it.
      const logB = json<unknown[]>(
        await t.request({ method: 'GET', url: `${v1}/me/access-log`, headers: w.headers.patientB }),
      );
      expect(logB).toEqual([]);

      const csv = await t.request({ method: 'GET', url: `${v1}/clinic/audit.csv`, headers: w.headers.admin });
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'at,actor_id,actor_name,actor_role,patient_id,action,resource,resource_id,request_id',
      );
      expect(lines.filter((l) => l.includes(String(requestId)))).toEqual([
        expect.stringContaining(`,${w.patientA.id},read,record,`),
      ]);
      // The other clinic's admin sees none of it.
      const otherAdmin = await createAccount(t, 'clinic_admin', { clinic: w.otherClinic });
      const otherCsv = await t.request({
        method: 'GET',
        url: `${v1}/clinic/audit.csv`,
        headers: await signedIn(t, otherAdmin),
      });
      expect(otherCsv.body).not.toContain(String(requestId));
    });

    it('a display name that is a formula is neutralised in the CSV', async () => {
      await fresh();
      const sly = await createAccount(t, 'clinician', {
        clinic: w.clinic,
        displayName: '=HYPERLINK("http://evil.example","Dr, \nSly")',
      });
      const { code } = await t.care.createInvite(sly.id);
      await t.care.redeemInvite(code, w.patientB.id);
      const read = await t.request({
        method: 'GET',
        url: `${v1}/patients/${w.patientB.id}`,
        headers: await signedIn(t, sly),
      });
      expect(read.statusCode, read.body).toBe(200);
      const csv = (
        await t.request({ method: 'GET', url: `${v1}/clinic/audit.csv`, headers: w.headers.admin })
      ).body;
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Dr, \nSly"")"`);
      expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    });

    it('the audit table refuses UPDATE and DELETE', async () => {
      await fresh();
      await t.request({
        method: 'GET',
        url: `${v1}/patients/${w.patientA.id}`,
        headers: w.headers.clinicianA,
      });
      await expect(
        t.store.db
          .updateTable('audit_events')
          .set({ resource: 'nothing' })
          .where('patient_id', '=', w.patientA.id)
          .execute(),
      ).rejects.toThrow();
      await expect(
        t.store.db.deleteFrom('audit_events').where('patient_id', '=', w.patientA.id).execute(),
      ).rejects.toThrow();
      expect(await t.care.accessLog(w.patientA.id)).toHaveLength(1);
    });
  });

  describe("a patient's own records in clinic mode", () => {
    it('a new episode is the patient’s; lists, export and erase cover their own only', async () => {
      await fresh();
      const input = makeEpisode();
      const created = await t.request({
        method: 'POST',
        url: `${v1}/episodes`,
        headers: w.headers.patientB,
        payload: input,
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(await t.care.episodeOwner(input.id)).toBe(w.patientB.id);

      const listB = json<{ id: string }[]>(
        await t.request({ method: 'GET', url: `${v1}/episodes`, headers: w.headers.patientB }),
      );
      expect(listB.map((e) => e.id).sort()).toEqual([input.id, w.episodes.patientB?.id].sort());

      const exportB = await t.request({ method: 'GET', url: `${v1}/export`, headers: w.headers.patientB });
      expect(exportB.statusCode).toBe(200);
      const ids = json<{ episodes: { episode: { id: string } }[] }>(exportB).episodes.map(
        (e) => e.episode.id,
      );
      expect(ids.sort()).toEqual([input.id, w.episodes.patientB?.id].sort());

      const erased = await t.request({ method: 'DELETE', url: `${v1}/data`, headers: w.headers.patientB });
      expect(erased.statusCode).toBe(204);
      expect(await t.care.episodeIdsOf(w.patientB.id)).toEqual([]);
      expect(await t.care.episodeIdsOf(w.patientA.id)).toEqual([w.episodeA.id]);
    });

    it('HEAD answers for the patient’s own records only, like GET', async () => {
      await fresh();
      for (const url of [`${v1}/episodes`, `${v1}/export`]) {
        const get = await t.request({ method: 'GET', url, headers: w.headers.patientB });
        const head = await t.request({ method: 'HEAD', url, headers: w.headers.patientB });
        expect(head.statusCode).toBe(200);
        // Same length as B's own answer: not the length of everyone's records.
        expect(head.headers['content-length'], url).toBe(String(Buffer.byteLength(get.body)));
      }
    });

    it('an import becomes the patient’s', async () => {
      await fresh();
      const exported = json(
        await t.request({ method: 'GET', url: `${v1}/export`, headers: w.headers.patientA }),
      );
      await t.request({ method: 'DELETE', url: `${v1}/data`, headers: w.headers.patientA });
      const res = await t.request({
        method: 'POST',
        url: `${v1}/import`,
        headers: w.headers.patientA,
        payload: exported,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(await t.care.episodeOwner(w.episodeA.id)).toBe(w.patientA.id);
    });
  });

  describe('CSRF on the care writes', () => {
    it('a signed-in change without the session token is 403 csrf_failed and changes nothing', async () => {
      await fresh();
      const without = (headers: Record<string, string>) => {
        const { 'x-csrf-token': _token, ...rest } = headers;
        return rest;
      };
      const writes = [
        { method: 'POST', url: `${v1}/invites`, headers: w.headers.clinicianA },
        {
          method: 'PUT',
          url: `${v1}/me/sharing`,
          headers: w.headers.patientA,
          payload: { shareNotes: true },
        },
        { method: 'DELETE', url: `${v1}/me/links/${w.linkA.id}`, headers: w.headers.patientA },
        {
          method: 'POST',
          url: `${v1}/me/peg`,
          headers: w.headers.patientA,
          payload: { id: uuidv7(), at: new Date().toISOString(), pain: 1, enjoyment: 1, activity: 1 },
        },
        {
          method: 'PUT',
          url: `${v1}/patients/${w.patientA.id}/programme`,
          headers: w.headers.clinicianA,
          payload: { items: [{ entryId: 'ex-walking', timesPerWeek: 5 }] },
        },
      ] as const;
      for (const { headers, ...write } of writes) {
        const res = await t.request({ ...write, headers: without(headers) });
        expectProblem(res, 403, 'csrf_failed');
      }
      expect(await t.care.invitesOf(w.clinicianA.id)).toHaveLength(
        // makeClinicWorld made two invites of clinician A (patient A and the former patient), none since.
        2,
      );
      expect(await t.care.liveLink(w.clinicianA.id, w.patientA.id)).toMatchObject({ shareNotes: false });
      expect(await t.care.pegScores(w.patientA.id)).toEqual([]);
      expect(await t.care.currentProgramme(w.patientA.id)).toBeUndefined();
    });
  });

  describe('PEG', () => {
    it('records weekly scores idempotently and shows the trend', async () => {
      await fresh();
      const first = {
        id: uuidv7(),
        at: new Date(Date.now() - 7 * day).toISOString(),
        pain: 8,
        enjoyment: 7,
        activity: 9,
      };
      const second = { id: uuidv7(), at: new Date().toISOString(), pain: 5, enjoyment: 4, activity: 6 };
      for (const peg of [first, second, second]) {
        const res = await t.request({
          method: 'POST',
          url: `${v1}/me/peg`,
          headers: w.headers.patientA,
          payload: peg,
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const series = json<{ scores: unknown[]; trend: { change: number; improved: boolean } }>(
        await t.request({ method: 'GET', url: `${v1}/me/peg`, headers: w.headers.patientA }),
      );
      expect(series.scores).toHaveLength(2);
      expect(series.trend.change).toBe(-3);
      const out = await t.request({
        method: 'POST',
        url: `${v1}/me/peg`,
        headers: w.headers.patientA,
        payload: { ...second, id: uuidv7(), pain: 11 },
      });
      const body = expectProblem(out, 400, 'validation_failed');
      expect(JSON.stringify(body.fields)).toContain('pain');
    });
  });
});
