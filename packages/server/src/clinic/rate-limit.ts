import type { IdentityStore } from '@unknot/store';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../error-handler.ts';
import { problem } from '../problems.ts';
import { defaultExpensiveLimit } from '../rate-limit.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route that checks a secret (sign-in, enrolment): guessing there gets a far smaller budget. */
    signIn?: boolean;
  }
}

export interface ClinicRateLimits {
  perMinute: number;
  expensivePerMinute?: number | undefined;
  /** Sign-in attempts a minute per client address, whatever the account (lockout is per account). */
  signInPerMinute: number;
}

export const defaultSignInPerMinute = 20;

/**
 * The rate limit of clinic mode: the same budgets as personal mode's (rate-limit.ts) plus one for sign-in
 * routes, but counted in the database (identity.hit) so that many server processes behind a load balancer
 * share one count per client: an in-process count would multiply the limit by the number of processes.
 */
export function registerClinicRateLimit(
  app: FastifyInstance,
  identity: IdentityStore,
  limits: ClinicRateLimits,
): void {
  const budgets = {
    cheap: { limit: limits.perMinute, what: 'requests' },
    expensive: {
      limit: limits.expensivePerMinute ?? defaultExpensiveLimit(limits.perMinute),
      what: 'plans, calendars and summaries',
    },
    signIn: { limit: limits.signInPerMinute, what: 'sign-in attempts' },
  };

  app.addHook('onRequest', async (request, reply) => {
    const { rateLimit, signIn } = request.routeOptions.config;
    if (rateLimit === 'exempt') return;
    const kind = signIn ? 'signIn' : rateLimit === 'expensive' ? 'expensive' : 'cheap';
    const budget = budgets[kind];
    const verdict = await identity.hit(`${kind}:${request.ip}`, budget.limit, 60);
    if (verdict.allowed) return;
    reply.header('retry-after', String(verdict.retryAfterSeconds));
    return sendProblem(
      reply,
      problem(
        'rate_limited',
        `Too many ${budget.what}: at most ${budget.limit} a minute. Try again in ${verdict.retryAfterSeconds} s.`,
        request.id,
      ),
    );
  });
}
