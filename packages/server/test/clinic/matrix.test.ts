/**
 * The authorisation matrix (issue 10 §5): every route of the clinic server's OpenAPI document × six people, with
 * the status each must get, from the one table below. A route the document lists without a row here fails the
 * test, so a new route cannot ship without saying who may call it.
 *
 * Each cell runs on a fresh cast (care-world.ts), so a cell that deletes or leaves cannot weaken the next one.
 * Beyond the status, every answer to anyone but patient A and A's clinician is searched for A's data (ids and a
 * secret written in A's notes), and A's record is compared before and after every cell not made by A: the
 * matrix also counts cross-patient reads and writes, and both must be 0.
 */
import { exportFormat, exportSchemaVersion, type Episode } from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allClearAnswers, makeAssessment, makeDiaryEntry, makeSessionLog } from '../test-app.ts';
import { actors, careWorld, type Actor, type CareWorld } from './care-world.ts';
import { clinicEnabled, startClinicApp, type ClinicTestApp } from './clinic-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface CellRequest {
  url: string;
  payload?: unknown;
}
/** Statuses in the order of `actors`: anonymous, patient A, patient B, A's clinician, another clinic's, admin. */
type Expected = readonly [number, number, number, number, number, number];
interface Row {
  request: (w: CareWorld, t: ClinicTestApp) => CellRequest | Promise<CellRequest>;
  expect: Expected;
}

const v1 = '/api/v1';
const ep = (w: CareWorld) => `${v1}/episodes/${w.episodeA.id}`;
const inputOf = ({ status: _s, createdAt: _c, updatedAt: _u, ...input }: Episode) => input;
const { id: _ignored, ...diaryBody } = makeDiaryEntry();
const { id: _session, ...sessionBody } = makeSessionLog();

// Shorthands for the common shapes of a row.
const everyone = (status: number): Expected => [status, status, status, status, status, status];
const signedInOnly = (status: number): Expected => [401, status, status, status, status, status];
/** A's own episode: A gets it, B gets what a missing one gets, staff are not patients. */
const aEpisode = (status: number): Expected => [401, status, 404, 403, 403, 403];
/** A patient's own things (each patient their own). */
const patients = (status: number): Expected => [401, status, status, 403, 403, 403];
const clinicians = (status: number): Expected => [401, 403, 403, status, status, 403];

const matrix: Record<string, Row> = {
  // Personal mode's public routes stay public.
  'GET /api/v1/healthz': { request: () => ({ url: `${v1}/healthz` }), expect: everyone(200) },
  'GET /api/v1/questionnaire': { request: () => ({ url: `${v1}/questionnaire` }), expect: everyone(200) },
  'POST /api/v1/triage': {
    request: () => ({ url: `${v1}/triage`, payload: allClearAnswers }),
    expect: everyone(200),
  },
  'GET /api/v1/knowledge': { request: () => ({ url: `${v1}/knowledge` }), expect: everyone(200) },
  'GET /api/v1/knowledge/{id}': {
    request: () => ({ url: `${v1}/knowledge/ex-walking` }),
    expect: everyone(200),
  },
  // Which mode the server runs in: the web app asks before anyone signs in.
  'GET /api/v1/instance': { request: () => ({ url: `${v1}/instance` }), expect: everyone(200) },

  // Records: a patient's own only.
  'POST /api/v1/episodes': {
    // A's episode again: A's retry is idempotent; B must not learn it exists, let alone take it.
    request: (w) => ({ url: `${v1}/episodes`, payload: inputOf(w.episodeA) }),
    expect: aEpisode(200),
  },
  'GET /api/v1/episodes': { request: () => ({ url: `${v1}/episodes` }), expect: patients(200) },
  'GET /api/v1/episodes/{id}': { request: (w) => ({ url: ep(w) }), expect: aEpisode(200) },
  'PATCH /api/v1/episodes/{id}': {
    request: (w) => ({ url: ep(w), payload: { status: 'closed' } }),
    expect: aEpisode(200),
  },
  'DELETE /api/v1/episodes/{id}': { request: (w) => ({ url: ep(w) }), expect: aEpisode(204) },
  'POST /api/v1/episodes/{id}/assessments': {
    request: (w) => ({ url: `${ep(w)}/assessments`, payload: makeAssessment() }),
    expect: aEpisode(201),
  },
  'GET /api/v1/episodes/{id}/assessments': {
    request: (w) => ({ url: `${ep(w)}/assessments` }),
    expect: aEpisode(200),
  },
  'POST /api/v1/episodes/{id}/diary': {
    request: (w) => ({ url: `${ep(w)}/diary`, payload: makeDiaryEntry() }),
    expect: aEpisode(201),
  },
  'GET /api/v1/episodes/{id}/diary': { request: (w) => ({ url: `${ep(w)}/diary` }), expect: aEpisode(200) },
  'PUT /api/v1/episodes/{id}/diary/{entryId}': {
    request: (w) => ({ url: `${ep(w)}/diary/${w.diaryA.id}`, payload: diaryBody }),
    expect: aEpisode(200),
  },
  'DELETE /api/v1/episodes/{id}/diary/{entryId}': {
    request: (w) => ({ url: `${ep(w)}/diary/${w.diaryA.id}` }),
    expect: aEpisode(204),
  },
  'POST /api/v1/episodes/{id}/sessions': {
    request: (w) => ({ url: `${ep(w)}/sessions`, payload: makeSessionLog() }),
    expect: aEpisode(201),
  },
  'PUT /api/v1/episodes/{id}/sessions/{sessionId}': {
    request: (w) => ({ url: `${ep(w)}/sessions/${uuidv7()}`, payload: sessionBody }),
    expect: aEpisode(201),
  },
  'GET /api/v1/episodes/{id}/history': {
    request: (w) => ({ url: `${ep(w)}/history` }),
    expect: aEpisode(200),
  },
  'GET /api/v1/episodes/{id}/sessions': {
    request: (w) => ({ url: `${ep(w)}/sessions` }),
    expect: aEpisode(200),
  },
  'POST /api/v1/episodes/{id}/check-ins': {
    request: (w) => ({
      url: `${ep(w)}/check-ins`,
      payload: { id: uuidv7(), at: new Date().toISOString(), redFlagReported: false },
    }),
    expect: aEpisode(201),
  },
  'GET /api/v1/episodes/{id}/check-ins': {
    request: (w) => ({ url: `${ep(w)}/check-ins` }),
    expect: aEpisode(200),
  },
  'GET /api/v1/episodes/{id}/plan': { request: (w) => ({ url: `${ep(w)}/plan` }), expect: aEpisode(200) },
  'GET /api/v1/episodes/{id}/plan.ics': {
    request: (w) => ({ url: `${ep(w)}/plan.ics` }),
    expect: aEpisode(200),
  },
  'GET /api/v1/episodes/{id}/summary': {
    request: (w) => ({ url: `${ep(w)}/summary` }),
    expect: aEpisode(200),
  },
  'GET /api/v1/episodes/{id}/summary.html': {
    request: (w) => ({ url: `${ep(w)}/summary.html` }),
    expect: aEpisode(200),
  },
  'GET /api/v1/episodes/{id}/summary.pdf': {
    request: (w) => ({ url: `${ep(w)}/summary.pdf` }),
    expect: aEpisode(200),
  },
  'GET /api/v1/episodes/{id}/summary.fhir.json': {
    request: (w) => ({ url: `${ep(w)}/summary.fhir.json` }),
    expect: aEpisode(200),
  },
  'GET /api/v1/export': { request: () => ({ url: `${v1}/export` }), expect: patients(200) },
  'POST /api/v1/import': {
    // A's own export: A takes it back unchanged; B cannot import A's episode into their account.
    request: async (w, t) => ({
      url: `${v1}/import`,
      payload: {
        format: exportFormat,
        schemaVersion: exportSchemaVersion,
        exportedAt: new Date().toISOString(),
        episodes: [await t.store.episodeSnapshot(w.episodeA.id)],
      },
    }),
    expect: aEpisode(200),
  },
  // Each patient syncs their own changes; staff read patients through /patients.
  'GET /api/v1/changes': { request: () => ({ url: `${v1}/changes` }), expect: patients(200) },
  // Each patient erases their own (the after-check proves B's erase left A's record alone).
  'DELETE /api/v1/data': { request: () => ({ url: `${v1}/data` }), expect: patients(204) },

  // Sign-in (auth-server's routes): secrets that do not match are refused alike for everyone.
  'POST /api/v1/auth/enrol': {
    request: () => ({ url: `${v1}/auth/enrol`, payload: { token: 'not-a-real-enrolment-token' } }),
    expect: everyone(410),
  },
  'POST /api/v1/auth/sign-in': {
    request: () => ({
      url: `${v1}/auth/sign-in`,
      payload: { email: 'nobody@example.org', password: 'not the password at all' },
    }),
    expect: everyone(401),
  },
  'POST /api/v1/auth/password': {
    request: () => ({ url: `${v1}/auth/password`, payload: { password: 'a long and fresh passphrase' } }),
    expect: signedInOnly(204),
  },
  'POST /api/v1/auth/passkeys/options': {
    request: () => ({ url: `${v1}/auth/passkeys/options` }),
    expect: signedInOnly(200),
  },
  'POST /api/v1/auth/passkeys': {
    request: () => ({
      url: `${v1}/auth/passkeys`,
      payload: {
        challengeId: 'unknown-challenge',
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          clientExtensionResults: {},
          response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' },
        },
      },
    }),
    // Signed in, the made-up challenge is refused as a bad request naming the field.
    expect: signedInOnly(400),
  },
  'POST /api/v1/auth/passkey-sign-in/options': {
    request: () => ({ url: `${v1}/auth/passkey-sign-in/options` }),
    expect: everyone(200),
  },
  'POST /api/v1/auth/passkey-sign-in': {
    request: () => ({
      url: `${v1}/auth/passkey-sign-in`,
      payload: {
        challengeId: 'unknown-challenge',
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          clientExtensionResults: {},
          response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
        },
      },
    }),
    expect: everyone(401),
  },
  'GET /api/v1/auth/session': { request: () => ({ url: `${v1}/auth/session` }), expect: signedInOnly(200) },
  'POST /api/v1/auth/sign-out': { request: () => ({ url: `${v1}/auth/sign-out` }), expect: everyone(204) },
  'POST /api/v1/auth/sign-out-everywhere': {
    request: () => ({ url: `${v1}/auth/sign-out-everywhere` }),
    expect: signedInOnly(204),
  },

  // Care.
  'POST /api/v1/invites': { request: () => ({ url: `${v1}/invites` }), expect: clinicians(201) },
  'GET /api/v1/invites': { request: () => ({ url: `${v1}/invites` }), expect: clinicians(200) },
  'POST /api/v1/invites/redeem': {
    // A is already linked to this clinician (409); signed out, it makes a new patient.
    request: async (w, t) => ({
      url: `${v1}/invites/redeem`,
      payload: { code: (await t.care.createInvite(w.clinicianA.id)).code, displayName: 'New patient' },
    }),
    expect: [201, 409, 201, 403, 403, 403],
  },
  'GET /api/v1/me/links': { request: () => ({ url: `${v1}/me/links` }), expect: patients(200) },
  'DELETE /api/v1/me/links/{id}': {
    request: (w) => ({ url: `${v1}/me/links/${w.linkA.id}` }),
    expect: aEpisode(200),
  },
  'PUT /api/v1/me/sharing': {
    request: () => ({ url: `${v1}/me/sharing`, payload: { shareNotes: true } }),
    expect: patients(200),
  },
  'GET /api/v1/me/access-log': { request: () => ({ url: `${v1}/me/access-log` }), expect: patients(200) },
  'GET /api/v1/me/peg': { request: () => ({ url: `${v1}/me/peg` }), expect: patients(200) },
  'POST /api/v1/me/peg': {
    request: () => ({
      url: `${v1}/me/peg`,
      payload: { id: uuidv7(), at: new Date().toISOString(), pain: 6, enjoyment: 5, activity: 7 },
    }),
    expect: patients(201),
  },
  'GET /api/v1/me/programme': { request: () => ({ url: `${v1}/me/programme` }), expect: patients(200) },
  'GET /api/v1/patients': { request: () => ({ url: `${v1}/patients` }), expect: clinicians(200) },
  'GET /api/v1/patients/{id}': {
    request: (w) => ({ url: `${v1}/patients/${w.patientA.id}` }),
    expect: [401, 403, 403, 200, 403, 403],
  },
  'PUT /api/v1/patients/{id}/programme': {
    request: (w) => ({
      url: `${v1}/patients/${w.patientA.id}/programme`,
      payload: { items: [{ entryId: 'ex-walking', timesPerWeek: 5 }] },
    }),
    expect: [401, 403, 403, 200, 403, 403],
  },
  'GET /api/v1/clinic/audit.csv': {
    request: () => ({ url: `${v1}/clinic/audit.csv` }),
    expect: [401, 403, 403, 403, 403, 200],
  },
};

/** Who may see A's data at all: A, and A's clinician (without A's notes, which A has not shared). */
function forbiddenIn(actor: Actor, w: CareWorld): string[] {
  if (actor === 'patientA') return [];
  if (actor === 'clinicianA') return [w.secret];
  return [w.secret, w.episodeA.id, w.diaryA.id, w.checkInA.id, w.patientA.id];
}

/** The routes the app documents, as `METHOD /path` with OpenAPI's `{param}`. */
function documentedRoutes(t: ClinicTestApp): string[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe.skipIf(!clinicEnabled)('the authorisation matrix (clinic mode, PostgreSQL)', () => {
  let t: ClinicTestApp;
  const tally = { cells: 0, crossReads: 0, crossWrites: 0 };
  beforeAll(async () => {
    // Every cell signs in afresh from one address: the sign-in limit would otherwise end the run.
    t = await startClinicApp({ signInRateLimitPerMinute: 100_000 });
  });
  afterAll(async () => {
    console.info(
      `authorisation matrix: ${String(Object.keys(matrix).length)} routes × ${String(actors.length)} people = ` +
        `${String(tally.cells)} cells; cross-patient reads ${String(tally.crossReads)}, writes ${String(tally.crossWrites)}`,
    );
    await t.close();
  });

  it('has exactly one row for every documented route', () => {
    expect(Object.keys(matrix).sort()).toEqual(documentedRoutes(t).sort());
  });

  for (const [route, row] of Object.entries(matrix)) {
    const [method, path] = route.split(' ') as [Method, string];
    it(`${route}: ${row.expect.join(' ')}`, { timeout: 60_000 }, async () => {
      const got: number[] = [];
      for (const actor of actors) {
        const w = await careWorld(t);
        const before = JSON.stringify(await t.store.episodeSnapshot(w.episodeA.id));
        const { url, payload } = await row.request(w, t);
        const res = await t.request({
          method,
          url,
          headers: w.headers[actor],
          ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
        });
        tally.cells += 1;
        got.push(res.statusCode);
        if (res.statusCode >= 400) {
          // Every refusal is a problem document, never a bare error page.
          expect(res.headers['content-type'], `${actor}: ${res.body}`).toMatch(/^application\/problem\+json/);
        }
        // What the caller sent (an id in the path, say) may come back in a refusal; anything else of A's may not.
        const sent = url + JSON.stringify(payload ?? null);
        const leaked = forbiddenIn(actor, w).filter(
          (token) => !sent.includes(token) && res.body.includes(token),
        );
        if (leaked.length > 0) tally.crossReads += 1;
        expect(leaked, `${actor} got A's data from ${route}`).toEqual([]);
        if (actor !== 'patientA') {
          const after = await t.store.episodeSnapshot(w.episodeA.id).then(JSON.stringify, () => 'gone');
          if (after !== before) tally.crossWrites += 1;
          expect(after, `${actor} changed A's record through ${route}`).toBe(before);
        }
      }
      expect(Object.fromEntries(actors.map((a, i) => [a, got[i]])), path).toEqual(
        Object.fromEntries(actors.map((a, i) => [a, row.expect[i]])),
      );
    });
  }

  it('found no cross-patient read or write', () => {
    expect(tally).toMatchObject({ crossReads: 0, crossWrites: 0 });
  });
});
