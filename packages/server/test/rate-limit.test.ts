import { afterEach, describe, expect, it } from 'vitest';
import { defaultExpensiveLimit } from '../src/rate-limit.ts';
import type { AppOptions } from '../src/app.ts';
import { dialects, makeEpisode, startTestApp, type TestApp } from './test-app.ts';

const episode = makeEpisode();
const base = `/api/v1/episodes/${episode.id}`;
const expensiveRoutes = [
  `${base}/plan`,
  `${base}/plan.ics`,
  `${base}/summary`,
  `${base}/summary.html`,
  `${base}/summary.pdf`,
  `${base}/summary.fhir.json`,
];

// Why: building a plan or a PDF summary costs far more than a diary write, so a runaway client (a loop in
// a script, a stuck tab) must hit a limit there long before it can slow the whole server down.
describe('rate limits: a lower budget for expensive routes, none for health checks', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const start = async (options: Partial<AppOptions>) => {
    t = await startTestApp(dialects[0], options);
    await t.store.createEpisode(episode);
    return t;
  };
  const status = async (app: TestApp, url: string) =>
    (await app.app.inject({ method: 'GET', url })).statusCode;

  it('the expensive limit defaults to a tenth of the cheap one, at least 1', () => {
    expect(defaultExpensiveLimit(6000)).toBe(600);
    expect(defaultExpensiveLimit(25)).toBe(2);
    expect(defaultExpensiveLimit(5)).toBe(1);
  });

  it('every plan and summary route counts against the expensive budget, which trips before the cheap one', async () => {
    const app = await start({ rateLimitPerMinute: 60 });
    for (const url of expensiveRoutes) expect(await status(app, url), url).not.toBe(429);
    // Six used of six: the next expensive request is refused, whichever it is.
    const refused = await app.app.inject({ method: 'GET', url: `${base}/summary` });
    expect(refused.statusCode).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'rate_limited' });
    expect(refused.body).toContain('at most 6 a minute');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    // The cheap budget is untouched by them.
    for (let i = 0; i < 60; i++) expect(await status(app, base)).toBe(200);
    expect(await status(app, base)).toBe(429);
  });

  it('cheap requests do not use up the expensive budget', async () => {
    const app = await start({ rateLimitPerMinute: 20 });
    for (let i = 0; i < 20; i++) expect(await status(app, base)).toBe(200);
    expect(await status(app, `${base}/plan`)).toBe(200);
    expect(await status(app, `${base}/plan`)).toBe(200);
    expect(await status(app, `${base}/plan`)).toBe(429);
  });

  it('the expensive limit can be set on its own', async () => {
    const app = await start({ rateLimitPerMinute: 1000, expensiveRateLimitPerMinute: 1 });
    expect(await status(app, `${base}/summary`)).toBe(200);
    expect(await status(app, `${base}/summary.pdf`)).toBe(429);
  });

  it('/healthz and /api/v1/healthz are never limited, even for a client over its budget', async () => {
    const app = await start({ rateLimitPerMinute: 1 });
    expect(await status(app, '/api/v1/episodes')).toBe(200);
    expect(await status(app, '/api/v1/episodes')).toBe(429);
    for (let i = 0; i < 50; i++) {
      expect(await status(app, '/healthz')).toBe(200);
      expect(await status(app, '/api/v1/healthz')).toBe(200);
    }
  });

  it('an unknown route counts as a cheap request', async () => {
    const app = await start({ rateLimitPerMinute: 1 });
    expect(await status(app, '/api/v1/nope')).toBe(404);
    expect(await status(app, '/api/v1/nope')).toBe(429);
  });
});
