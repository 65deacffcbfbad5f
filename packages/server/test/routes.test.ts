import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import {
  assessmentSchema,
  diaryEntrySchema,
  episodeSchema,
  sessionLogSchema,
  triageResultSchema,
} from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allClearAnswers,
  dialects,
  injectJson,
  makeAssessment,
  makeDiaryEntry,
  makeEpisode,
  makeSessionLog,
  startTestApp,
  type Json,
  type TestApp,
} from './test-app.ts';

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`/api/v1 on ${dialect.name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
    });

    const request = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
      injectJson(t.app, method, url, body);

    /** Every error is RFC 9457 problem+json with a stable code and the request id of its response. */
    function expectProblem(
      res: { status: number; headers: Record<string, unknown>; body: Json | null },
      status: number,
      code: string,
    ): Json {
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, type: `urn:unknot:problem:${code}` });
      expect(res.body?.requestId).toBe(res.headers['x-request-id']);
      return res.body as Json;
    }

    describe('triage', () => {
      it('GET /questionnaire lists the 25 questions in the recommended order', async () => {
        const res = await request('GET', '/api/v1/questionnaire');
        expect(res.status).toBe(200);
        expect((res.body?.questions as unknown[]).length).toBe(25);
        expect((res.body?.recommendedOrder as string[])[0]).toBe('saddle_numbness');
      });

      it('POST /triage returns the spec result for worked example 1, byte for byte', async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/triage', payload: allClearAnswers });
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe(
          '{"disposition":"self_care","reasons":[{"rule":"no_red_flags","disposition":"self_care","text":"None of the warning signs we ask about are present. Most back spasms like this settle within days to a few weeks with gentle activity and simple pain relief.","sources":["https://www.nice.org.uk/guidance/ng59/chapter/Recommendations","000_2f3779810b56e61f.txt","003_e4685ed4c058ddb9.txt"]}],"rulesVersion":"1.1.0"}',
        );
      });

      it('POST /triage with invalid answers is 400 with the §4 field list and no disposition', async () => {
        const { age: _age, ...rest } = allClearAnswers;
        const res = await request('POST', '/api/v1/triage', { ...rest, pain_score: '6' });
        const body = expectProblem(res, 400, 'validation_failed');
        expect(body.fields).toEqual([
          { field: 'age', problem: 'missing' },
          { field: 'pain_score', problem: 'wrong_type' },
        ]);
        expect(body).toMatchObject({ error: 'validation_failed', rulesVersion: '1.1.0' });
        expect(body).not.toHaveProperty('disposition');
      });

      it('POST /triage with a JSON array is a 400, not a result', async () => {
        expectProblem(await request('POST', '/api/v1/triage', [1, 2]), 400, 'validation_failed');
      });
    });

    describe('episodes', () => {
      it('creates (201), retries (200, same body), conflicts (409), reads, patches, lists and deletes', async () => {
        const input = makeEpisode();
        const created = await request('POST', '/api/v1/episodes', input);
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ ...input, status: 'active' });

        const retried = await request('POST', '/api/v1/episodes', input);
        expect(retried.status).toBe(200);
        expect(retried.body).toEqual(created.body);

        expectProblem(
          await request('POST', '/api/v1/episodes', { ...input, trigger: 'other' }),
          409,
          'conflict',
        );

        expect((await request('GET', `/api/v1/episodes/${input.id}`)).body).toEqual(created.body);
        const patched = await request('PATCH', `/api/v1/episodes/${input.id}`, { status: 'closed' });
        expect(patched.body).toMatchObject({ status: 'closed', trigger: 'lifting' });
        const list = await request('GET', '/api/v1/episodes');
        expect((list.body as unknown as Json[]).map((e) => e.id)).toContain(input.id);

        const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v1/episodes/${input.id}` });
        expect(deleted.statusCode).toBe(204);
        expectProblem(await request('GET', `/api/v1/episodes/${input.id}`), 404, 'not_found');
      });

      it('names every invalid field of a body', async () => {
        const res = await request('POST', '/api/v1/episodes', {
          ...makeEpisode(),
          id: 'not-a-uuid',
          timeZone: 'Mars/Olympus',
          location: 'neck',
          extra: 1,
        });
        const body = expectProblem(res, 400, 'validation_failed');
        const fields = (body.fields as { field: string }[]).map((f) => f.field);
        expect(fields).toEqual(expect.arrayContaining(['body.id', 'body.timeZone', 'body.location']));
        expect(JSON.stringify(body.fields)).toContain('extra');
      });

      it('rejects a malformed id in the path as 400 naming params.id', async () => {
        const body = expectProblem(await request('GET', '/api/v1/episodes/123'), 400, 'validation_failed');
        expect((body.fields as { field: string }[])[0]?.field).toBe('params.id');
      });

      it('rejects an empty PATCH', async () => {
        const input = makeEpisode();
        await request('POST', '/api/v1/episodes', input);
        expectProblem(await request('PATCH', `/api/v1/episodes/${input.id}`, {}), 400, 'validation_failed');
      });
    });

    describe('records under an episode', () => {
      // Entries below are written on fixed days of November 2026: the onset must come before them.
      const episode = makeEpisode({ onsetDate: '2026-10-01' });
      beforeAll(async () => {
        await request('POST', '/api/v1/episodes', episode);
      });

      it('assessments: the server computes the result from the answers', async () => {
        const input = makeAssessment({ answers: { ...allClearAnswers, vomiting: true } });
        const res = await request('POST', `/api/v1/episodes/${episode.id}/assessments`, input);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ result: { disposition: 'urgent' }, rulesVersion: '1.1.0' });
        const list = await request('GET', `/api/v1/episodes/${episode.id}/assessments`);
        expect(list.body).toEqual([res.body]);
      });

      it('assessments: incomplete answers are 400 naming answers.<question>', async () => {
        const res = await request(
          'POST',
          `/api/v1/episodes/${episode.id}/assessments`,
          makeAssessment({ answers: { age: 40 } }),
        );
        const body = expectProblem(res, 400, 'validation_failed');
        expect((body.fields as { field: string }[]).map((f) => f.field)).toContain(
          'answers.days_since_onset',
        );
      });

      it('diary: add, page with cursor, filter, replace with PUT, delete', async () => {
        const base = Date.parse('2026-11-02T09:00:00.000Z');
        const inputs = Array.from({ length: 5 }, (_, i) =>
          makeDiaryEntry({ at: new Date(base + i * 3_600_000).toISOString(), pain: 8 - i }),
        );
        for (const e of inputs)
          expect((await request('POST', `/api/v1/episodes/${episode.id}/diary`, e)).status).toBe(201);

        const first = await request('GET', `/api/v1/episodes/${episode.id}/diary?limit=2`);
        expect((first.body?.items as Json[]).map((e) => e.pain)).toEqual([8, 7]);
        const second = await request(
          'GET',
          `/api/v1/episodes/${episode.id}/diary?limit=2&cursor=${String(first.body?.nextCursor)}`,
        );
        expect((second.body?.items as Json[]).map((e) => e.pain)).toEqual([6, 5]);
        const third = await request(
          'GET',
          `/api/v1/episodes/${episode.id}/diary?limit=2&cursor=${String(second.body?.nextCursor)}`,
        );
        expect((third.body?.items as Json[]).map((e) => e.pain)).toEqual([4]);
        expect(third.body?.nextCursor).toBeNull();

        const from = encodeURIComponent(inputs[1]?.at ?? '');
        const to = encodeURIComponent(inputs[3]?.at ?? '');
        const filtered = await request('GET', `/api/v1/episodes/${episode.id}/diary?from=${from}&to=${to}`);
        expect((filtered.body?.items as Json[]).map((e) => e.pain)).toEqual([7, 6]);

        const target = inputs[0];
        if (!target) throw new Error('no input');
        const { id, ...withoutId } = { ...target, pain: 2 };
        const put = await request('PUT', `/api/v1/episodes/${episode.id}/diary/${id}`, withoutId);
        expect(put.status).toBe(200);
        expect(put.body?.pain).toBe(2);
        const del = await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/episodes/${episode.id}/diary/${id}`,
        });
        expect(del.statusCode).toBe(204);
        expectProblem(
          await request('DELETE', `/api/v1/episodes/${episode.id}/diary/${id}`),
          404,
          'not_found',
        );
      });

      it('diary: limit above 1000, a bad cursor and unknown query keys are 400s that name the field', async () => {
        const tooMany = expectProblem(
          await request('GET', `/api/v1/episodes/${episode.id}/diary?limit=1001`),
          400,
          'validation_failed',
        );
        expect(JSON.stringify(tooMany.fields)).toContain('querystring.limit');
        const cursor = expectProblem(
          await request('GET', `/api/v1/episodes/${episode.id}/diary?cursor=zzz`),
          400,
          'validation_failed',
        );
        expect(JSON.stringify(cursor.fields)).toContain('cursor');
      });

      it('diary: out-of-range pain and unknown treatments are named', async () => {
        const res = await request(
          'POST',
          `/api/v1/episodes/${episode.id}/diary`,
          makeDiaryEntry({ pain: 11, treatments: ['tx-nonsense'] }),
        );
        const body = expectProblem(res, 400, 'validation_failed');
        const fields = (body.fields as { field: string }[]).map((f) => f.field);
        expect(fields).toEqual(expect.arrayContaining(['body.pain', 'body.treatments.0']));
      });

      it('sessions: log and list', async () => {
        const input = makeSessionLog();
        expect((await request('POST', `/api/v1/episodes/${episode.id}/sessions`, input)).status).toBe(201);
        const list = await request('GET', `/api/v1/episodes/${episode.id}/sessions`);
        expect((list.body as unknown as Json[]).map((s) => s.id)).toEqual([input.id]);
        const backwards = makeSessionLog({
          startedAt: '2026-11-02T10:00:00.000Z',
          endedAt: '2026-11-02T09:00:00.000Z',
        });
        const body = expectProblem(
          await request('POST', `/api/v1/episodes/${episode.id}/sessions`, backwards),
          400,
          'validation_failed',
        );
        expect(JSON.stringify(body.fields)).toContain('body.endedAt');
      });

      it('a record for an unknown episode is 404', async () => {
        expectProblem(
          await request('POST', `/api/v1/episodes/${uuidv7()}/diary`, makeDiaryEntry()),
          404,
          'not_found',
        );
      });
    });

    describe('knowledge', () => {
      it('searches and returns entries with display, evidence and sources', async () => {
        const res = await request('GET', '/api/v1/knowledge?q=slipped%20disc');
        const list = res.body as unknown as Json[];
        expect(list[0]?.id).toBe('cause-herniated-disc');
        expect(list[0]).toHaveProperty('evidence');
        expect(list[0]).toHaveProperty('sources');
      });

      it('never sends how-to for a do_not_recommend entry', async () => {
        const res = await request('GET', '/api/v1/knowledge/tx-prolonged-bed-rest');
        expect(res.body?.display).toBe('do_not_recommend');
        expect(res.body?.protocol).toBeNull();
        expect(res.body?.display_note).toEqual(expect.any(String));
      });

      it('an unknown entry is 404 unknown_knowledge_entry', async () => {
        expectProblem(await request('GET', '/api/v1/knowledge/tx-nope'), 404, 'unknown_knowledge_entry');
      });
    });

    describe('HTTP edges', () => {
      it('unknown routes are 404 problem+json', async () => {
        expectProblem(await request('GET', '/api/v1/nope'), 404, 'route_not_found');
      });

      it('malformed JSON is a 400 malformed_json', async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/episodes',
          headers: { 'content-type': 'application/json' },
          payload: '{"id": ',
        });
        expectProblem(
          { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) as Json },
          400,
          'malformed_json',
        );
      });

      it('a body over the limit is 413', async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/v1/episodes/${uuidv7()}/diary`,
          payload: { ...makeDiaryEntry(), note: 'x'.repeat(100_000) },
        });
        expectProblem(
          { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) as Json },
          413,
          'payload_too_large',
        );
      });

      it('a non-JSON content type is 415', async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/episodes',
          headers: { 'content-type': 'text/plain' },
          payload: 'hello',
        });
        expectProblem(
          { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) as Json },
          415,
          'unsupported_media_type',
        );
      });

      it('API responses: deny-all CSP, nosniff, same-origin only, never cached, with a request id', async () => {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/healthz' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('pages (the API docs) get the strict CSP: scripts from this origin only, no inline script', async () => {
        const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
      });

      // Why: responses are serialised without re-validation (for speed), so check they match their schemas.
      it('responses match the schemas the OpenAPI document promises', async () => {
        const episode = makeEpisode();
        const created = await request('POST', '/api/v1/episodes', episode);
        expect(episodeSchema.safeParse(created.body).success).toBe(true);
        const entry = await request('POST', `/api/v1/episodes/${episode.id}/diary`, makeDiaryEntry());
        expect(diaryEntrySchema.safeParse(entry.body).success).toBe(true);
        const session = await request('POST', `/api/v1/episodes/${episode.id}/sessions`, makeSessionLog());
        expect(sessionLogSchema.safeParse(session.body).success).toBe(true);
        const assessment = await request(
          'POST',
          `/api/v1/episodes/${episode.id}/assessments`,
          makeAssessment(),
        );
        expect(assessmentSchema.safeParse(assessment.body).success).toBe(true);
        const triage = await request('POST', '/api/v1/triage', allClearAnswers);
        expect(triageResultSchema.safeParse(triage.body).success).toBe(true);
      });
    });
  });
}

describe('rate limits', () => {
  it('answers 429 problem+json once a client exceeds its budget', async () => {
    const t = await startTestApp(dialects[0], { rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await t.app.inject({ method: 'GET', url: '/api/v1/questionnaire' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/questionnaire' });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'rate_limited', status: 429 });
    } finally {
      await t.close();
    }
  });
});

describe('docs/errors.md', () => {
  it('lists exactly the problem codes the server can send', async () => {
    const { problemTypes } = await import('../src/problems.ts');
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(Object.fromEntries(documented)).toEqual(
      Object.fromEntries(Object.entries(problemTypes).map(([code, t]) => [code, t.status])),
    );
  });
});

describe('serving the built web app', () => {
  it('serves index.html for app routes and keeps API 404s as problem+json', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'unknot-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>unknot</title>');
    const t = await startTestApp(dialects[0], { webDist: dist });
    try {
      const page = await t.app.inject({ method: 'GET', url: '/diary' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>unknot</title>');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      const api = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await t.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('sends the precompressed copy a build wrote, when the browser accepts it', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'unknot-dist-'));
    const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>unknot</title>');
    writeFileSync(join(dist, 'app.js'), script);
    writeFileSync(join(dist, 'app.js.br'), brotliCompressSync(script));
    const t = await startTestApp(dialects[0], { webDist: dist });
    try {
      const br = await t.app.inject({ method: 'GET', url: '/app.js', headers: { 'accept-encoding': 'br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
      const plain = await t.app.inject({
        method: 'GET',
        url: '/app.js',
        headers: { 'accept-encoding': 'identity' },
      });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(script);
    } finally {
      await t.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
