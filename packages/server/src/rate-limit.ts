import type { FastifyInstance } from 'fastify';
import { sendProblem } from './error-handler.ts';
import { problem } from './problems.ts';

/**
 * How a route counts against the rate limit, set as its `config.rateLimit`. Routes without it are cheap.
 * - `expensive`: builds a plan, a calendar or a summary from a whole episode (a PDF takes tens of
 *   milliseconds), so a runaway client reaches the store's limits far sooner there; it has its own, lower
 *   budget.
 * - `exempt`: health checks, which monitors poll and which must keep answering when a client is limited.
 */
export type RateLimitClass = 'expensive' | 'exempt';

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimit?: RateLimitClass;
  }
}

export interface RateLimits {
  /** Requests a minute per client address on cheap routes. */
  perMinute: number;
  /** Requests a minute per client address on expensive routes; by default a tenth of `perMinute`. */
  expensivePerMinute?: number | undefined;
}

export function defaultExpensiveLimit(perMinute: number): number {
  return Math.max(1, Math.floor(perMinute / 10));
}

/** A limit, and the requests each client address made against it in the current window. */
interface Budget {
  perMinute: number;
  what: string;
  counts: Map<string, number>;
}

/** Counts one request; true when it is within the budget. */
function take(budget: Budget, client: string): boolean {
  const count = (budget.counts.get(client) ?? 0) + 1;
  budget.counts.set(client, count);
  return count <= budget.perMinute;
}

/**
 * A fixed-window request limit per client address: at most so many requests in each minute, with separate
 * budgets for cheap and expensive routes.
 * Written here instead of @fastify/rate-limit because that plugin cost about 15 % of throughput on the
 * diary write route (bench/api.ts), and personal mode needs nothing more: one process, one person.
 * A multi-process deployment (clinician mode) will need a shared store for this; see docs/architecture.md.
 */
export function registerRateLimit(
  app: FastifyInstance,
  limits: RateLimits,
  now: () => number = Date.now,
): void {
  const windowMs = 60_000;
  let windowStart = now();
  const cheap: Budget = { perMinute: limits.perMinute, what: 'requests', counts: new Map() };
  const expensive: Budget = {
    perMinute: limits.expensivePerMinute ?? defaultExpensiveLimit(limits.perMinute),
    what: 'plans, calendars and summaries',
    counts: new Map(),
  };

  app.addHook('onRequest', (request, reply, done) => {
    const kind = request.routeOptions.config.rateLimit;
    if (kind === 'exempt') {
      done();
      return;
    }
    const t = now();
    if (t - windowStart >= windowMs) {
      // A new window: forget every client at once, so memory never outgrows one minute of clients.
      windowStart = t - ((t - windowStart) % windowMs);
      cheap.counts = new Map();
      expensive.counts = new Map();
    }
    const budget = kind === 'expensive' ? expensive : cheap;
    if (take(budget, request.ip)) {
      done();
      return;
    }
    const retryAfter = Math.ceil((windowStart + windowMs - t) / 1000);
    reply.header('retry-after', String(retryAfter));
    void sendProblem(
      reply,
      problem(
        'rate_limited',
        `Too many ${budget.what}: at most ${budget.perMinute} a minute. Try again in ${retryAfter} s.`,
        request.id,
      ),
    );
  });
}
