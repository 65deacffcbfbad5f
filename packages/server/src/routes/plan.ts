import {
  buildPlan,
  calendarDate,
  DomainError,
  localDate,
  planProfileFromRecords,
  planToIcs,
  type BuildPlanResult,
} from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { episodeParams, errorResponses } from '../schemas.ts';
import type { RouteOptions } from './route-options.ts';

const planQuery = z.strictObject({
  today: calendarDate
    .optional()
    .describe("The day to plan from, in the episode's time zone (default: today there)"),
});

/** The episode's plan as of `today` (default: now, in the episode's time zone). */
async function planFor(
  options: RouteOptions,
  episodeId: string,
  today: string | undefined,
): Promise<BuildPlanResult> {
  const records = await options.store.episodeSnapshot(episodeId);
  const now = new Date().toISOString();
  const plan = buildPlan(
    planProfileFromRecords(records, now),
    today ?? localDate(now, records.episode.timeZone),
  );
  if (plan.kind === 'invalid_profile') {
    throw new DomainError('validation_failed', 'The episode cannot be planned as stored.', [
      ...plan.problems,
    ]);
  }
  return plan;
}

export const planRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, options, done) => {
  app.get(
    '/episodes/:id/plan',
    {
      config: { rateLimit: 'expensive' },
      schema: {
        summary: 'The day-by-day recovery plan (or, after a red-flag result, the escalation instead)',
        description:
          '`kind` is `plan`, `escalation` (emergency or urgent triage: no plan) or `triage_needed` (no triage yet, ' +
          'or one older than the current phase).',
        tags: ['plan'],
        params: episodeParams,
        querystring: planQuery,
        response: {
          200: z.unknown().describe('A plan, an escalation or triage_needed, told apart by `kind`'),
          ...errorResponses,
        },
      },
    },
    (request) => planFor(options, request.params.id, request.query.today),
  );

  app.get(
    '/episodes/:id/plan.ics',
    {
      config: { rateLimit: 'expensive' },
      schema: {
        summary: "The plan's session reminders and check-ins as an iCalendar file, with alarms",
        tags: ['plan'],
        params: episodeParams,
        querystring: planQuery,
        produces: ['text/calendar'],
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const plan = await planFor(options, request.params.id, request.query.today);
      if (plan.kind !== 'plan') {
        throw new DomainError(
          'plan_unavailable',
          plan.kind === 'escalation'
            ? 'There is no plan to put in a calendar: the latest check says to see a doctor first.'
            : 'There is no plan yet: answer the red-flag questions first.',
        );
      }
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="unknot-plan.ics"')
        .send(planToIcs(plan));
    },
  );
  done();
};
