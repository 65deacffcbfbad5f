import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, makeDiaryEntry, makeEpisode, startTestApp, type TestApp } from './test-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Every route, with the methods it accepts; `:id`/`:entryId` are filled with good, bad and unknown ids. */
const routes: [Method, string][] = [
  ['GET', '/api/v1/questionnaire'],
  ['POST', '/api/v1/triage'],
  ['POST', '/api/v1/episodes'],
  ['GET', '/api/v1/episodes'],
  ['GET', '/api/v1/episodes/:id'],
  ['PATCH', '/api/v1/episodes/:id'],
  ['DELETE', '/api/v1/episodes/:id'],
  ['POST', '/api/v1/episodes/:id/assessments'],
  ['GET', '/api/v1/episodes/:id/assessments'],
  ['POST', '/api/v1/episodes/:id/diary'],
  ['GET', '/api/v1/episodes/:id/diary'],
  ['PUT', '/api/v1/episodes/:id/diary/:entryId'],
  ['DELETE', '/api/v1/episodes/:id/diary/:entryId'],
  ['POST', '/api/v1/episodes/:id/sessions'],
  ['GET', '/api/v1/episodes/:id/sessions'],
  ['GET', '/api/v1/knowledge'],
  ['GET', '/api/v1/knowledge/:id'],
  ['GET', '/api/v1/healthz'],
];

const hugeString = fc.constantFrom('x'.repeat(70_000), 'é'.repeat(40_000), '\u0000'.repeat(1000));

/** Bodies that are wrong in every way we can think of, and some that are nearly right. */
const body = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  hugeString,
  fc.record({ id: fc.string(), pain: fc.oneof(fc.integer(), fc.string(), fc.double()), at: fc.string() }),
  fc
    .constant(makeDiaryEntry())
    .chain((e) =>
      fc.record(
        { ...Object.fromEntries(Object.keys(e).map((k) => [k, fc.anything()])), extra: fc.anything() },
        { requiredKeys: [] },
      ),
    ),
  fc
    .constant(makeEpisode())
    .map((e) => ({ ...e, knownConditions: ['none', 'none'], timeZone: 'Nowhere/Land' })),
  fc.dictionary(fc.string(), fc.anything()),
);

const rawPayload = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '{',
    '[',
    '{"a":',
    'null',
    '"',
    '{"__proto__": {"x": 1}}',
    '{"constructor": {"prototype": 1}}',
  ),
);

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`fuzz on ${dialect.name}: nothing a client sends causes a 5xx`, () => {
    let t: TestApp;
    let episodeId: string;
    let entryId: string;
    beforeAll(async () => {
      t = await startTestApp(dialect, { rateLimitPerMinute: 1_000_000 });
      const episode = makeEpisode();
      episodeId = episode.id;
      await t.store.createEpisode(episode);
      const entry = makeDiaryEntry();
      entryId = entry.id;
      await t.store.createDiaryEntry(episodeId, entry);
    });
    afterAll(async () => {
      await t.close();
    });

    const id = () =>
      fc.oneof(
        fc.constant(episodeId),
        fc.constant(entryId),
        fc.uuid(),
        fc.string(),
        fc.constantFrom(
          '..',
          '%00',
          '%2e%2e',
          'a'.repeat(5000),
          '0193a0b0-0000-7000-8000-000000000000',
          'tx-ice',
        ),
      );

    it('random requests on every route get a 2xx–4xx, never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          id(),
          id(),
          fc.oneof(
            fc.constant(undefined),
            body.map((b) => ({ json: b })),
            rawPayload.map((r) => ({ raw: r })),
          ),
          fc.dictionary(fc.constantFrom('limit', 'cursor', 'from', 'to', 'q', 'x'), fc.string()),
          async ([method, path], a, b, payload, query) => {
            const url =
              path.replace(':id', encodeURIComponent(a)).replace(':entryId', encodeURIComponent(b)) +
              (Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '');
            const res = await t.app.inject({
              method,
              url,
              ...(payload === undefined
                ? {}
                : 'raw' in payload
                  ? { payload: payload.raw, headers: { 'content-type': 'application/json' } }
                  : // JSON.stringify(undefined) is undefined: send the literal null instead.
                    {
                      payload: JSON.stringify(payload.json ?? null),
                      headers: { 'content-type': 'application/json' },
                    }),
            });
            expect(res.statusCode, `${method} ${url} -> ${res.body.slice(0, 300)}`).toBeLessThan(500);
            if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/problem\+json/);
          },
        ),
        { numRuns: 600 },
      );
      // And the server still serves, with the data it had.
      const health = await t.app.inject({ method: 'GET', url: '/api/v1/healthz' });
      expect(health.statusCode).toBe(200);
    });
  });
}
