/**
 * A property on PostgreSQL (issue 10 §5): whatever clinics, links and leavings happen, a clinician reads a patient
 * iff a live link joins them, and each patient's access log lists exactly the reads made of them: no more (a
 * refused read leaves no trace), no fewer (every read, list rows included, is there with its request id).
 */
import fc from 'fast-check';
import type { Account } from '@unknot/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEpisode } from '../test-app.ts';
import { careWorld, json } from './care-world.ts';
import { clinicEnabled, createAccount, signedIn, startClinicApp, type ClinicTestApp } from './clinic-app.ts';

const scenario = fc.record({
  clinics: fc.integer({ min: 1, max: 3 }),
  /** The clinic of each clinician (an index, taken modulo the number of clinics). */
  clinicians: fc.array(fc.nat(2), { minLength: 1, maxLength: 4 }),
  patients: fc.integer({ min: 1, max: 4 }),
  ops: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('link' as const), clinician: fc.nat(3), patient: fc.nat(3) }),
      fc.record({ kind: fc.constant('leave' as const), clinician: fc.nat(3), patient: fc.nat(3) }),
      fc.record({ kind: fc.constant('read' as const), clinician: fc.nat(3), patient: fc.nat(3) }),
      fc.record({ kind: fc.constant('list' as const), clinician: fc.nat(3) }),
    ),
    { maxLength: 14 },
  ),
});

interface Person {
  account: Account;
  headers: Record<string, string>;
}

describe.skipIf(!clinicEnabled)(
  'property: reads follow live links, and the access log lists them all',
  () => {
    let t: ClinicTestApp;
    beforeAll(async () => {
      t = await startClinicApp();
    });
    afterAll(async () => {
      await t.close();
    });

    const person = async (account: Account): Promise<Person> => ({
      account,
      headers: await signedIn(t, account),
    });

    it('holds for random clinics, links, leavings and reads', { timeout: 240_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const clinics = await Promise.all(
            Array.from({ length: s.clinics }, (_, i) => t.identity.createClinic(`Clinic ${String(i)}`)),
          );
          const clinicians: Person[] = [];
          for (const c of s.clinicians) {
            const clinic = clinics[c % clinics.length];
            clinicians.push(await person(await createAccount(t, 'clinician', clinic ? { clinic } : {})));
          }
          const patients: Person[] = [];
          for (let i = 0; i < s.patients; i += 1) {
            const p = await person(await createAccount(t, 'patient'));
            const { record } = await t.store.createEpisode(makeEpisode());
            await t.care.setEpisodeOwner(record.id, p.account.id);
            patients.push(p);
          }

          /** The model: live links as `clinician|patient` → link id, and the reads each patient should see. */
          const live = new Map<string, string>();
          const reads = new Map<string, Set<string>>(patients.map((p) => [p.account.id, new Set()]));
          const key = (c: Person, p: Person) => `${c.account.id}|${p.account.id}`;
          const logRead = (p: string, clinician: Person, requestId: unknown) =>
            reads.get(p)?.add(`${clinician.account.id} ${String(requestId)}`);

          const read = async (c: Person, p: Person) => {
            const res = await t.request({
              method: 'GET',
              url: `/api/v1/patients/${p.account.id}`,
              headers: c.headers,
            });
            expect(res.statusCode, res.body).toBe(live.has(key(c, p)) ? 200 : 403);
            if (res.statusCode === 200) logRead(p.account.id, c, res.headers['x-request-id']);
          };

          for (const op of s.ops) {
            const c = clinicians[op.clinician % clinicians.length] as Person;
            if (op.kind === 'list') {
              const res = await t.request({
                method: 'GET',
                url: '/api/v1/patients?limit=200',
                headers: c.headers,
              });
              expect(res.statusCode, res.body).toBe(200);
              const shown = json<{ items: { patient: { id: string } }[] }>(res).items.map(
                (r) => r.patient.id,
              );
              const expected = patients.filter((p) => live.has(key(c, p))).map((p) => p.account.id);
              expect(shown.sort()).toEqual(expected.sort());
              for (const id of shown) logRead(id, c, res.headers['x-request-id']);
              continue;
            }
            const p = patients[op.patient % patients.length] as Person;
            if (op.kind === 'read') await read(c, p);
            if (op.kind === 'link' && !live.has(key(c, p))) {
              const { code } = await t.care.createInvite(c.account.id);
              const res = await t.request({
                method: 'POST',
                url: '/api/v1/invites/redeem',
                headers: p.headers,
                payload: { code, displayName: 'ignored when signed in' },
              });
              expect(res.statusCode, res.body).toBe(201);
              live.set(key(c, p), json<{ link: { id: string } }>(res).link.id);
            }
            if (op.kind === 'leave' && live.has(key(c, p))) {
              const res = await t.request({
                method: 'DELETE',
                url: `/api/v1/me/links/${String(live.get(key(c, p)))}`,
                headers: p.headers,
              });
              expect(res.statusCode, res.body).toBe(200);
              live.delete(key(c, p));
            }
          }

          // Every clinician × patient, whatever the ops did.
          for (const c of clinicians) for (const p of patients) await read(c, p);

          for (const p of patients) {
            const res = await t.request({ method: 'GET', url: '/api/v1/me/access-log', headers: p.headers });
            expect(res.statusCode).toBe(200);
            const logged = json<{ actorId: string; requestId: string; patientId: string }[]>(res);
            expect(logged.every((e) => e.patientId === p.account.id)).toBe(true);
            expect(new Set(logged.map((e) => `${e.actorId} ${e.requestId}`))).toEqual(
              reads.get(p.account.id),
            );
            expect(logged).toHaveLength(reads.get(p.account.id)?.size ?? 0);
          }
        }),
        { numRuns: 12 },
      );
    });
  },
);

describe.skipIf(!clinicEnabled)('fuzz: nothing sent to a care route causes a 5xx', () => {
  let t: ClinicTestApp;
  beforeAll(async () => {
    t = await startClinicApp({ signInRateLimitPerMinute: 100_000 });
  });
  afterAll(async () => {
    await t.close();
  });

  it(
    'random requests to the care routes and the scoped record routes get a 2xx-4xx',
    { timeout: 240_000 },
    async () => {
      const w = await careWorld(t);
      const { paths } = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
      const careRoute = /^\/api\/v1\/(invites|me|patients|clinic|episodes|export|import|data)(\/|$)/;
      const routes = Object.entries(paths)
        .filter(([path]) => careRoute.test(path))
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path] as const));
      const id = fc.oneof(
        fc.constantFrom(w.patientA.id, w.linkA.id, w.episodeA.id, w.diaryA.id, w.patientB.id),
        fc.uuid(),
        fc.string(),
        fc.constantFrom('..', '%00', 'a'.repeat(3000)),
      );
      const body = fc.oneof(
        fc.constant(undefined),
        fc.jsonValue(),
        fc.record(
          {
            code: fc.oneof(fc.string(), fc.constant('ABCD-EFGH')),
            displayName: fc.oneof(fc.string(), fc.constant(''), fc.integer()),
            shareNotes: fc.oneof(fc.boolean(), fc.string()),
            items: fc.oneof(
              fc.array(
                fc.record(
                  {
                    entryId: fc.oneof(
                      fc.string(),
                      fc.constantFrom('ex-walking', 'tx-ice', 'med-oral-nsaid-otc'),
                    ),
                    timesPerWeek: fc.oneof(fc.integer(), fc.double()),
                    holdSeconds: fc.integer(),
                    reps: fc.integer(),
                  },
                  { requiredKeys: [] },
                ),
              ),
              fc.jsonValue(),
            ),
            pain: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.string()),
            enjoyment: fc.integer({ min: -2, max: 12 }),
            activity: fc.integer({ min: -2, max: 12 }),
            id: fc.oneof(fc.uuid(), fc.string()),
            at: fc.oneof(fc.constant(new Date().toISOString()), fc.string()),
          },
          { requiredKeys: [] },
        ),
      );
      const who = fc.constantFrom(
        w.headers.patientA,
        w.headers.clinicianA,
        w.headers.admin,
        w.headers.anonymous,
      );
      const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'x'), fc.string());
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          id,
          id,
          body,
          who,
          query,
          async ([method, path], a, b, payload, headers, q) => {
            const url =
              path.replace('{id}', encodeURIComponent(a)).replace('{entryId}', encodeURIComponent(b)) +
              (Object.keys(q).length > 0 ? `?${new URLSearchParams(q).toString()}` : '');
            const res = await t.request({
              method,
              url,
              headers: {
                ...headers,
                ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
            });
            expect(res.statusCode, `${method} ${url} -> ${res.body.slice(0, 300)}`).toBeLessThan(500);
            if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/problem\+json/);
          },
        ),
        { numRuns: 400 },
      );
    },
  );
});
