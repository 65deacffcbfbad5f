/**
 * Checking a plan profile at run time. TypeScript checks callers in this repo, but a profile also arrives as JSON
 * (HTTP, the CLI's files, an old stored record), so `buildPlan` validates it and answers with every problem as
 * data, never with a throw. Field rules reuse the episode record's schemas, so both accept the same values.
 */
import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { conditions as healthConditionValues } from '../knowledge/index.ts';
import {
  calendarDate,
  distinct,
  preferencesSchema,
  timeZone,
  triageResultSchema,
  utcInstant,
} from '../records/index.ts';
import { backConditions, locations, triggers } from '../triage/index.ts';
import { daysBetween, isCalendarDate } from './dates.ts';
import type { BuildPlanOptions } from './types.ts';

/** Longest plan, in days, that `horizonDays` may ask for. */
export const maxHorizonDays = 120;

/**
 * The profile's schema. Unknown fields are ignored rather than refused, so a whole stored episode (with its id
 * and status) or a whole assessment (with its answers) can be passed as it is.
 */
export const planProfileSchema = z.object({
  onsetDate: calendarDate,
  timeZone,
  location: z.enum(locations),
  trigger: z.enum(triggers),
  knownConditions: distinct(z.enum(backConditions), backConditions.length),
  otherConditions: distinct(z.enum(healthConditionValues), healthConditionValues.length).optional(),
  triage: z.object({ at: utcInstant, result: triageResultSchema }).optional(),
  symptomsChangedAt: utcInstant.optional(),
  preferences: preferencesSchema,
  painIsMild: z.boolean().optional(),
  earlierEpisodes: z.int().min(0).max(10_000).optional(),
});

function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(profile)' : path.map(String).join('.');
}

/**
 * Every problem with the profile, `today` and the options; an empty list when all is well. `today` must be a
 * calendar date on or after the onset date.
 */
export function profileProblems(profile: unknown, today: unknown, options: unknown): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const parsed = planProfileSchema.safeParse(profile);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ field: fieldName(issue.path), problem: issue.message });
  }
  const todayIsDate = typeof today === 'string' && isCalendarDate(today);
  if (!todayIsDate) problems.push({ field: 'today', problem: 'must be a date as YYYY-MM-DD' });
  if (parsed.success && todayIsDate && daysBetween(parsed.data.onsetDate, today) < 0) {
    problems.push({ field: 'today', problem: 'must not be before the onset date' });
  }
  problems.push(...optionProblems(options));
  return problems;
}

function optionProblems(options: unknown): FieldIssue[] {
  if (options === undefined) return [];
  if (typeof options !== 'object' || options === null)
    return [{ field: 'options', problem: 'must be an object' }];
  const horizon = (options as Record<string, unknown>)['horizonDays'];
  if (horizon === undefined) return [];
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1 || horizon > maxHorizonDays) {
    return [{ field: 'options.horizonDays', problem: `must be a whole number from 1 to ${maxHorizonDays}` }];
  }
  return [];
}

/** The options with their defaults filled in. */
export function resolveOptions(options: BuildPlanOptions | undefined): Required<BuildPlanOptions> {
  return { horizonDays: options?.horizonDays ?? 14 };
}
