import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from './raw-http.ts';
import { dialects, listenTestApp, type ListeningTestApp } from './test-app.ts';

// Why: Fastify and @fastify/static answer some requests themselves. Those answers must look like every
// other error (problem+json, security headers, a request id) and stay 4xx: a client's mistake is never a 500.
describe('errors Fastify and the static file server raise, over real HTTP', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await listenTestApp(dialects[0]);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (target: string, headers: Record<string, string> = {}) =>
    rawRequest({ port: t.port, target, headers });

  function expectProblem(res: RawResponse, status: number, code: string): void {
    expect(res.status, res.body.slice(0, 300)).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.body) as { code: string; status: number; requestId: string };
    expect(body).toMatchObject({ code, status });
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  }

  it('a path parameter over 8,192 characters is 414 uri_too_long', async () => {
    const res = await get(`/api/v1/episodes/${'a'.repeat(9000)}`);
    expectProblem(res, 414, 'uri_too_long');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a path parameter within the limit still reaches validation (400 naming the field)', async () => {
    const res = await get(`/api/v1/episodes/${'a'.repeat(8000)}`);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body).toContain('params.id');
  });

  it.each(['/api/v1/episodes/%E0%A4%A', '/api/v1/%E0%A4%A', '/%E0%A4%A'])(
    'a malformed URL (%s) is 400 bad_request',
    async (target) => {
      expectProblem(await get(target), 400, 'bad_request');
    },
  );

  it('those early answers still refuse a request addressed to another host', async () => {
    expectProblem(
      await get('/api/v1/episodes/%E0%A4%A', { host: 'evil.example' }),
      421,
      'misdirected_request',
    );
  });

  it.each([
    '/api/docs/static/a/../swagger-ui.css',
    '/api/docs/static/a/%2e%2e/swagger-ui.css',
    '/api/docs/static//swagger-ui.css',
    '/api/docs/static/a%5c..%5cswagger-ui.css',
    '/api/docs/static/%00',
  ])('a non-canonical static path (%s) is 403 forbidden_path', async (target) => {
    expectProblem(await get(target), 403, 'forbidden_path');
  });

  it('a static file with a failed precondition is 412 precondition_failed', async () => {
    const res = await get('/api/docs/static/swagger-ui.css', { 'if-match': '"not-this-one"' });
    expectProblem(res, 412, 'precondition_failed');
  });

  it('a range outside a static file is 416 range_not_satisfiable, with its size in Content-Range', async () => {
    const res = await get('/api/docs/static/swagger-ui.css', { range: 'bytes=999999999-' });
    expectProblem(res, 416, 'range_not_satisfiable');
    expect(res.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
  });

  it('the static file itself is still served', async () => {
    const res = await get('/api/docs/static/swagger-ui.css');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/css/);
  });
});
