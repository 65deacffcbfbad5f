import { writeFileSync } from 'node:fs';
import {
  buildPlan,
  episodeConditions,
  isValidationError,
  localDate,
  planProfileFromRecords,
  planToIcs,
  triage,
  type BuildPlanResult,
  type PlanProfile,
} from '@unknot/core';
import { CliError, exitCodes } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { readJsonInput } from '../read-input.ts';
import { renderPlanResult } from '../render/plan.ts';
import { renderValidationError } from '../render/triage-result.ts';
import { localTimeZone } from '../time-zone.ts';

export interface PlanOptions {
  json: boolean;
  ics?: string | undefined;
  onset?: string | undefined;
  location?: string | undefined;
  trigger?: string | undefined;
  conditions?: string | undefined;
  prefer?: string | undefined;
  timezone?: string | undefined;
  answers?: string | undefined;
}

/**
 * A profile without the store: the episode facts from the options, the triage from an answers file. There is
 * deliberately no way to plan without answers: the plan never comes before the red-flag questions.
 */
async function profileFromOptions(options: PlanOptions, now: string, io: CliIo): Promise<PlanProfile> {
  if (options.answers === undefined) {
    throw new CliError(
      'A plan needs the red-flag questions answered first: add --answers FILE (see unknot triage), or use an episode (unknot episode new, unknot triage).',
    );
  }
  const answers = await readJsonInput(io, options.answers);
  const result = triage(answers);
  if (isValidationError(result)) {
    throw new CliError(
      renderValidationError(result, io.style).split('\n').join(' '),
      exitCodes.invalidAnswers,
    );
  }
  const given = (answers ?? {}) as Record<string, unknown>;
  const conditions =
    options.conditions
      ?.split(',')
      .map((c) => c.trim())
      .filter((c) => c && c !== 'none') ??
    (Array.isArray(given.known_conditions) ? given.known_conditions.filter((c) => c !== 'none') : []);
  const unknown = conditions.filter((c) => !(episodeConditions as readonly unknown[]).includes(c));
  if (unknown.length)
    throw new CliError(
      `--conditions: unknown ${unknown.join(', ')} (one of: ${episodeConditions.join(', ')})`,
    );
  const profile = {
    onsetDate: options.onset,
    timeZone: options.timezone ?? localTimeZone(io.env),
    location: options.location ?? given.location,
    trigger: options.trigger ?? given.trigger,
    knownConditions: conditions,
    preferences: options.prefer === undefined ? {} : { thermal: options.prefer },
    triage: { at: now, result },
  };
  return profile as PlanProfile;
}

/** `unknot plan`: the recovery plan of the active episode (or of the episode described by the options). */
export async function planCommand(options: PlanOptions, io: CliIo): Promise<number> {
  const now = new Date().toISOString();
  let plan: BuildPlanResult;
  if (options.onset !== undefined) {
    const profile = await profileFromOptions(options, now, io);
    plan = buildPlan(profile, localDate(now, profile.timeZone));
  } else {
    // The store loads only for a plan from the record: `--onset … --answers` plans without it.
    const { requireActiveEpisode, withStore } = await import('../store-access.ts');
    plan = await withStore(io.env, async (store) => {
      const records = await store.episodeSnapshot(await requireActiveEpisode(store, io.env));
      return buildPlan(planProfileFromRecords(records, now), localDate(now, records.episode.timeZone));
    });
  }
  if (plan.kind === 'invalid_profile') {
    const names: Record<string, string> = {
      onsetDate: '--onset',
      location: '--location',
      trigger: '--trigger',
      timeZone: '--timezone',
      preferences: '--prefer',
    };
    throw new CliError(
      plan.problems.map((p) => `${names[p.field.split('.')[0] ?? ''] ?? p.field}: ${p.problem}`).join('; '),
    );
  }
  if (options.ics !== undefined) {
    if (plan.kind !== 'plan')
      throw new CliError(
        `No calendar: there is no plan. ${renderPlanResult(plan, io.style).split('\n')[0] ?? ''}`,
      );
    writeFileSync(options.ics, planToIcs(plan));
  }
  io.out(options.json ? JSON.stringify(plan) : renderPlanResult(plan, io.style));
  if (options.ics !== undefined && !options.json) io.out(`Calendar written to ${options.ics}.`);
  return 0;
}
