import {
  applyProgramme,
  buildPlan,
  calendarDate,
  compactPlan,
  DomainError,
  localDate,
  planProfileFromRecords,
  planToIcs,
  type AssignedProgramme,
  type BuildPlanResult,
  type PlanProfile,
} from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cacheControl, notModified, sendTagged, tagJson, type TaggedBody } from '../conditional-get.ts';
import { createLru } from '../lru.ts';
import { planResponseSchema } from '../plan-schema.ts';
import { episodeParams, errorResponses } from '../schemas.ts';
import type { RouteOptions } from './route-options.ts';

/** Clinic mode adds the programme a clinician assigned to the episode's patient (clinic/scoping.ts). */
export interface PlanRouteOptions extends RouteOptions {
  programmeOf?: ((episodeId: string) => Promise<AssignedProgramme | undefined>) | undefined;
}

const planQuery = z.strictObject({
  today: calendarDate
    .optional()
    .describe("The day to plan from, in the episode's time zone (default: today there)"),
});

/**
 * Built plans kept, by their inputs. A plan is a pure function of the profile and the day (buildPlan), so an
 * entry never goes stale: new records make a new profile, hence a new key. A compact plan is at most some
 * 70 kB, so the cache stays under 5 MB.
 */
const cachedPlans = 64;

/**
 * What a plan is built from: the episode's plan profile as of now, the day to plan (default: today there) and,
 * in clinic mode, the programme assigned to its patient.
 */
async function planInputs(
  options: PlanRouteOptions,
  episodeId: string,
  today: string | undefined,
): Promise<{ profile: PlanProfile; day: string; programme: AssignedProgramme | undefined }> {
  const { store } = options;
  // The plan reads the episode, its triages and its ratings, not the whole snapshot (sessions, check-ins).
  const episode = await store.getEpisode(episodeId);
  const [assessments, diary, programme] = await Promise.all([
    store.listAssessments(episodeId),
    store.listAllDiary(episodeId),
    options.programmeOf?.(episodeId),
  ]);
  const now = new Date().toISOString();
  return {
    profile: planProfileFromRecords({ episode, assessments, diary }, now),
    day: today ?? localDate(now, episode.timeZone),
    programme,
  };
}

/**
 * buildPlan, with a profile the store returned but the plan refuses turned into a 4xx that lists why. An assigned
 * programme replaces the default items of a plan; an escalation or a missing triage still replaces the plan.
 */
function buildOrRefuse(
  profile: PlanProfile,
  day: string,
  programme: AssignedProgramme | undefined,
): Exclude<BuildPlanResult, { kind: 'invalid_profile' }> {
  const built = buildPlan(profile, day);
  const plan = programme === undefined ? built : applyProgramme(built, programme);
  if (plan.kind === 'invalid_profile') {
    throw new DomainError('validation_failed', 'The episode cannot be planned as stored.', [
      ...plan.problems,
    ]);
  }
  return plan;
}

export const planRoutes: FastifyPluginCallbackZod<PlanRouteOptions> = (app, options, done) => {
  // Per app, so two apps in one process (tests) never share; keyed by the inputs, not the episode.
  const plans = createLru<string, TaggedBody>(cachedPlans);

  /** The plan response as sent: built, compacted, serialised and tagged once per distinct input. */
  const planBody = async (episodeId: string, today: string | undefined): Promise<TaggedBody> => {
    const { profile, day, programme } = await planInputs(options, episodeId, today);
    const key = JSON.stringify([profile, day, programme?.items ?? null]);
    const cached = plans.get(key);
    if (cached !== undefined) return cached;
    const plan = buildOrRefuse(profile, day, programme);
    const tagged = tagJson(plan.kind === 'plan' ? compactPlan(plan) : plan);
    plans.set(key, tagged);
    return tagged;
  };

  app.get(
    '/episodes/:id/plan',
    {
      config: { rateLimit: 'expensive' },
      schema: {
        summary: 'The day-by-day recovery plan (or, after a red-flag result, the escalation instead)',
        description:
          '`kind` is `plan`, `escalation` (emergency or urgent triage: no plan) or `triage_needed` (no triage yet, ' +
          'or one older than the current phase). A plan comes in its compact form: every text once, days naming ' +
          'their items by index (see the CompactPlan schema and docs/plan.md). Sent with a strong ETag; with ' +
          'If-None-Match naming it the answer is 304 Not Modified, with no body.',
        tags: ['plan'],
        params: episodeParams,
        querystring: planQuery,
        response: {
          200: planResponseSchema,
          304: notModified,
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      sendTagged(
        request,
        reply.type('application/json; charset=utf-8'),
        await planBody(request.params.id, request.query.today),
        cacheControl.healthData,
        { memoised: true },
      ),
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
      const { profile, day, programme } = await planInputs(options, request.params.id, request.query.today);
      const plan = buildOrRefuse(profile, day, programme);
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
