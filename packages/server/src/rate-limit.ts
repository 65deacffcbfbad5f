import type { FastifyInstance } from 'fastify';
import { sendProblem } from './error-handler.ts';
import { problem } from './problems.ts';

/**
 * A fixed-window request limit per client address: at most `perMinute` requests in each minute.
 * Written here instead of @fastify/rate-limit because that plugin cost about 15 % of throughput on the
 * diary write route (bench/api.ts), and personal mode needs nothing more: one process, one person.
 * A multi-process deployment (clinician mode) will need a shared store for this; see docs/architecture.md.
 */
export function registerRateLimit(
  app: FastifyInstance,
  perMinute: number,
  now: () => number = Date.now,
): void {
  const windowMs = 60_000;
  let windowStart = now();
  let counts = new Map<string, number>();

  app.addHook('onRequest', (request, reply, done) => {
    const t = now();
    if (t - windowStart >= windowMs) {
      // A new window: forget every client at once, so memory never outgrows one minute of clients.
      windowStart = t - ((t - windowStart) % windowMs);
      counts = new Map();
    }
    const count = (counts.get(request.ip) ?? 0) + 1;
    counts.set(request.ip, count);
    if (count <= perMinute) {
      done();
      return;
    }
    const retryAfter = Math.ceil((windowStart + windowMs - t) / 1000);
    reply.header('retry-after', String(retryAfter));
    void sendProblem(
      reply,
      problem(
        'rate_limited',
        `Too many requests: at most ${perMinute} a minute. Try again in ${retryAfter} s.`,
        request.id,
      ),
    );
  });
}
