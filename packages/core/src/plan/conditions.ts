/**
 * Matching a person's conditions against an entry's `suits`, `caution_with` and `avoid_with`
 * (knowledge-base.md §1.6, D13).
 *
 * The episode records back conditions in the triage vocabulary. Five of them are §1.6 values under the same name;
 * `osteoporosis` has no §1.6 counterpart (no entry is matched on it: triage.md weighs fragile bones instead).
 */
import type { Entry, HealthCondition } from '../knowledge/index.ts';
import { conditionLabels } from '../labels.ts';
import type { BackCondition, ConditionBadge, ConditionBanner, LeftOutReason } from './types.ts';

/** Triage vocabulary → §1.6 vocabulary; `null` when §1.6 has no such condition. */
export const backConditionToHealth: Readonly<Record<BackCondition, HealthCondition | null>> = {
  disc_herniation: 'disc_herniation',
  spinal_stenosis: 'spinal_stenosis',
  degenerative_disc_disease: 'degenerative_disc_disease',
  arthritis: 'arthritis',
  spondylolisthesis: 'spondylolisthesis',
  osteoporosis: null,
};

/** The person's conditions in the §1.6 vocabulary: back conditions mapped, other conditions added, no repeats. */
export function healthConditions(
  known: readonly BackCondition[],
  other: readonly HealthCondition[] = [],
): HealthCondition[] {
  const mapped = known.map((condition) => backConditionToHealth[condition]);
  const all = [...mapped, ...other].filter((condition): condition is HealthCondition => condition !== null);
  return [...new Set(all)];
}

/** How an entry meets the person's conditions. */
export interface ConditionMatch {
  readonly avoid: readonly HealthCondition[];
  readonly caution: readonly HealthCondition[];
  readonly suits: readonly HealthCondition[];
}

type Matchable = Pick<Entry, 'suits' | 'avoid_with' | 'caution_with'>;

/** Which of `conditions` the entry avoids, takes care with, and suits. */
export function matchConditions(entry: Matchable, conditions: readonly HealthCondition[]): ConditionMatch {
  const has = (list: readonly HealthCondition[] | undefined) =>
    conditions.filter((condition) => list?.includes(condition) ?? false);
  return { avoid: has(entry.avoid_with), caution: has(entry.caution_with), suits: has(entry.suits) };
}

/** The `suits` badge. */
export function badgeFor(condition: HealthCondition): ConditionBadge {
  return { condition, text: `Suits ${conditionLabels[condition]}.` };
}

/** The `caution_with` banner: §1.1 "use with care, stop if symptoms increase". */
export function bannerFor(condition: HealthCondition): ConditionBanner {
  return {
    condition,
    text: `You told us about ${conditionLabels[condition]}: use this with care, and stop if your symptoms increase.`,
  };
}

/** Why an `avoid_with` entry is left out: §1.1 "avoided, or only done after a clinician says so". */
export function avoidReason(condition: HealthCondition): LeftOutReason {
  return {
    code: 'avoid_with',
    condition,
    text: `Left out because you told us about ${conditionLabels[condition]}. Ask a doctor, pharmacist or physiotherapist before trying it.`,
  };
}

/**
 * D13: without a diagnosis that decides the direction of bending, both direction-specific stretches are offered
 * with this general rule. It is added to the entries whose `suits` or `caution_with` name a diagnosis, when the
 * person has none of the diagnoses named there.
 */
export const directionRule = 'General rule for this stretch: stop if pain spreads down a leg.';

/** Whether D13's general rule applies to this entry for this person. */
export function needsDirectionRule(entry: Matchable, conditions: readonly HealthCondition[]): boolean {
  const named = [...entry.suits, ...(entry.caution_with ?? [])];
  return named.length > 0 && !named.some((condition) => conditions.includes(condition));
}
