/**
 * Test-only helpers for the plan tests: typed factories for profiles and triage results, a helper that insists on
 * a plan, and fast-check arbitraries for whole profiles.
 */
import fc from 'fast-check';
import { conditions as healthConditionValues, type HealthCondition } from '../knowledge/index.ts';
import type { Preferences } from '../records/index.ts';
import {
  backConditions,
  rulesVersion,
  type Disposition,
  type Reason,
  type TriageResult,
} from '../triage/index.ts';
import { buildPlan } from './build-plan.ts';
import { addDays } from './dates.ts';
import type {
  BackCondition,
  BuildPlanOptions,
  BuildPlanResult,
  Plan,
  PlanDay,
  PlanItem,
  PlanProfile,
} from './types.ts';

/** The date tests build plans on, unless they say otherwise (before the UK clocks change in 2026). */
export const TODAY = '2026-03-10';
export const ZONE = 'Europe/London';

/** A triage result with a made-up reason for anything above self_care. */
export function makeTriageResult(disposition: Disposition, reasons?: Reason[]): TriageResult {
  return {
    disposition,
    reasons:
      reasons ??
      (disposition === 'self_care'
        ? []
        : [
            { rule: `test_${disposition}`, disposition, text: `A ${disposition} reason.`, sources: ['TEST'] },
          ]),
    rulesVersion,
  };
}

export interface ProfileSpec {
  /** Days since onset on `today` (default 0). */
  readonly onsetDaysAgo?: number;
  readonly today?: string;
  readonly timeZone?: string;
  readonly conditions?: readonly BackCondition[];
  readonly otherConditions?: readonly HealthCondition[];
  /** `null` for no triage at all (default self_care). */
  readonly disposition?: Disposition | null;
  /** When the triage was answered (default noon UTC on `today`). */
  readonly triageAt?: string;
  readonly symptomsChangedAt?: string;
  readonly preferences?: Preferences;
  readonly painIsMild?: boolean;
  readonly earlierEpisodes?: number;
}

/** A valid plan profile: a lower-back spasm after lifting, triaged self_care today, no conditions. */
export function makeProfile(spec: ProfileSpec = {}): PlanProfile {
  const today = spec.today ?? TODAY;
  const disposition = spec.disposition === undefined ? 'self_care' : spec.disposition;
  return {
    onsetDate: addDays(today, -(spec.onsetDaysAgo ?? 0)),
    timeZone: spec.timeZone ?? ZONE,
    location: 'lower',
    trigger: 'lifting',
    knownConditions: [...(spec.conditions ?? [])],
    ...(spec.otherConditions === undefined ? {} : { otherConditions: [...spec.otherConditions] }),
    ...(disposition === null
      ? {}
      : { triage: { at: spec.triageAt ?? `${today}T12:00:00.000Z`, result: makeTriageResult(disposition) } }),
    ...(spec.symptomsChangedAt === undefined ? {} : { symptomsChangedAt: spec.symptomsChangedAt }),
    preferences: { ...(spec.preferences ?? {}) },
    ...(spec.painIsMild === undefined ? {} : { painIsMild: spec.painIsMild }),
    ...(spec.earlierEpisodes === undefined ? {} : { earlierEpisodes: spec.earlierEpisodes }),
  };
}

/** `buildPlan` for a spec, on the spec's `today`. */
export function build(spec: ProfileSpec = {}, options?: BuildPlanOptions): BuildPlanResult {
  return buildPlan(makeProfile(spec), spec.today ?? TODAY, options);
}

/** `buildPlan` for a spec, failing the test unless the result is a plan. */
export function planFor(spec: ProfileSpec = {}, options?: BuildPlanOptions): Plan {
  const result = build(spec, options);
  if (result.kind !== 'plan')
    throw new Error(`expected a plan, got ${result.kind}: ${JSON.stringify(result)}`);
  return result;
}

/** The plan's day `day` (days since onset); fails when the plan does not list it. */
export function dayOf(plan: Plan, day: number): PlanDay {
  const found = plan.days.find((candidate) => candidate.day === day);
  if (found === undefined) throw new Error(`the plan does not list day ${day}`);
  return found;
}

/** Today's plan day. */
export function todayOf(plan: Plan): PlanDay {
  return dayOf(plan, plan.todayDay);
}

/** Entry ids of a day's items, optionally of one slot only. */
export function idsOf(day: PlanDay, slot?: PlanItem['slot']): string[] {
  return day.items.filter((item) => slot === undefined || item.slot === slot).map((item) => item.entryId);
}

/** A day's item for an entry; fails when it is not there. */
export function itemOf(day: PlanDay, entryId: string): PlanItem {
  const item = day.items.find((candidate) => candidate.entryId === entryId);
  if (item === undefined) throw new Error(`day ${day.day} has no item ${entryId}`);
  return item;
}

/** A spec with one condition: a back condition in `conditions`, any other §1.6 condition in `otherConditions`. */
export function withCondition(condition: HealthCondition, spec: ProfileSpec = {}): ProfileSpec {
  const back = (backConditions as readonly string[]).includes(condition);
  return back
    ? { ...spec, conditions: [condition as BackCondition] }
    : { ...spec, otherConditions: [condition] };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Zones with and without daylight saving, both hemispheres, and a non-hour offset. */
export const testZones = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'UTC',
] as const;

const preferencesArb: fc.Arbitrary<Preferences> = fc.record(
  {
    thermal: fc.constantFrom('heat', 'ice', 'either'),
    hasShower: fc.boolean(),
    hasIcePack: fc.boolean(),
    work: fc.constantFrom('sitting', 'standing', 'physical'),
  },
  { requiredKeys: [] },
);

/** Any profile spec whose triage is current (so the result is a plan or an escalation). */
export const profileSpecArb: fc.Arbitrary<ProfileSpec> = fc.record({
  onsetDaysAgo: fc.integer({ min: 0, max: 80 }),
  today: fc.integer({ min: 0, max: 3 * 365 }).map((offset) => addDays('2025-01-01', offset)),
  timeZone: fc.constantFrom(...testZones),
  conditions: fc.subarray([...backConditions]),
  otherConditions: fc.subarray([...healthConditionValues]),
  disposition: fc.constantFrom<Disposition>('self_care', 'soon', 'urgent', 'emergency'),
  preferences: preferencesArb,
  painIsMild: fc.boolean(),
  earlierEpisodes: fc.integer({ min: 0, max: 3 }),
});

/** Profile specs that always give a plan (self_care or soon). */
export const planSpecArb: fc.Arbitrary<ProfileSpec> = fc
  .tuple(profileSpecArb, fc.constantFrom<Disposition>('self_care', 'soon'))
  .map(([spec, disposition]) => ({ ...spec, disposition }));
