/**
 * The baseline for bench/api.ts: the smallest Fastify app there is, optionally with the per-response
 * protections unknot needs (issue 13 §5), to price them:
 * - HELLO_MIDDLEWARE unset or `none`: bare;
 * - `ours`: unknot's hand-written security headers and rate limit (packages/server/src/security.ts, rate-limit.ts);
 * - `libraries`: @fastify/helmet (with unknot's Content Security Policy) and @fastify/rate-limit.
 * The limits are far above what the benchmark sends, so every request is counted and none is refused.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { registerRateLimit } from '../packages/server/src/rate-limit.ts';
import { contentSecurityPolicy, registerSecurityHeaders } from '../packages/server/src/security.ts';

const mode = process.env.HELLO_MIDDLEWARE ?? 'none';
const perMinute = 100_000_000;

/** unknot's policy as helmet's directives: `default-src 'self'; …` → `{ 'default-src': ["'self'"], … }`. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

const app = Fastify();
if (mode === 'ours') {
  registerSecurityHeaders(app);
  registerRateLimit(app, { perMinute });
} else if (mode === 'libraries') {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: directives(contentSecurityPolicy) },
  });
  await app.register(rateLimit, { max: perMinute, timeWindow: 60_000 });
} else if (mode !== 'none') {
  throw new Error(`HELLO_MIDDLEWARE must be none, ours or libraries (got "${mode}")`);
}
app.get('/', () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address() as { port: number };
console.log(`running at http://127.0.0.1:${address.port}`);
