import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, makeDiaryEntry, makeEpisode, startTestApp, type TestApp } from './test-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const methods: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Every route of the OpenAPI document with each method it accepts, `{id}` written `:id` to be filled with
 * good, bad and unknown ids. Read from the document, so a route added later is fuzzed without a list to update.
 */
function documentedRoutes(app: FastifyInstance): [Method, string][] {
  const { paths } = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .map((m) => m.toUpperCase())
      .filter((m): m is Method => methods.includes(m))
      .map((method): [Method, string] => [method, path.replace(/\{(\w+)\}/g, ':$1')]),
  );
}

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
    let routes: [Method, string][];
    const episode = makeEpisode();
    const entry = makeDiaryEntry();
    const episodeId = episode.id;
    const entryId = entry.id;
    /** Stores the episode and entry the good ids name (again, after a request deleted them). */
    const seed = async () => {
      await t.store.createEpisode(episode);
      await t.store.createDiaryEntry(episodeId, entry);
    };
    beforeAll(async () => {
      t = await startTestApp(dialect, { rateLimitPerMinute: 1_000_000 });
      routes = documentedRoutes(t.app);
      await seed();
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

    it('covers every route of the OpenAPI document, plans, summaries and check-ins included', () => {
      expect(routes).toEqual(
        expect.arrayContaining([
          ['GET', '/api/v1/episodes/:id/plan'],
          ['GET', '/api/v1/episodes/:id/plan.ics'],
          ['GET', '/api/v1/episodes/:id/summary'],
          ['GET', '/api/v1/episodes/:id/summary.html'],
          ['GET', '/api/v1/episodes/:id/summary.pdf'],
          ['GET', '/api/v1/episodes/:id/summary.fhir.json'],
          ['POST', '/api/v1/episodes/:id/check-ins'],
          ['GET', '/api/v1/episodes/:id/check-ins'],
          ['PUT', '/api/v1/episodes/:id/diary/:entryId'],
          ['GET', '/api/v1/healthz'],
        ]),
      );
    });

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
            // Plans and summaries are only fuzzed for real while there is an episode to build them from.
            if (method === 'DELETE' && res.statusCode === 204) await seed();
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
