/**
 * The person's preferences, applied to §5.
 *
 * - Heat or cold (D2, D4): heat is always listed first, as the recommended measure, from day 0. `heat` leaves the
 *   cold choices out; `ice` marks the cold choice as preferred and moves it to the top of the choices, never above
 *   heat, and nothing says cold must come first. `either` (or nothing said) keeps §5's order.
 * - No cold pack: the cold timers (cold pack, cold-then-heat) are left out, saying why.
 * - No shower: the contrast shower is not mentioned at all, not even in the library.
 * - Work: only the wording of `prev-break-up-sitting-lying` changes, and `tx-activity-modification` adds one line
 *   for physical work. No intervals are given, because no source gives one (its `spec_default` leaves the
 *   reminder to the user, off by default).
 */
import type { Preferences } from '../records/index.ts';
import type { LeftOutReason } from './types.ts';

/** The entries that need a cold pack. */
export const coldEntryIds: ReadonlySet<string> = new Set(['tx-ice', 'tx-alternate-ice-heat']);

/** Entries that need a shower. */
export const showerEntryIds: ReadonlySet<string> = new Set(['tx-contrast-shower']);

/** Why a cold entry is left out for this person (empty when it is offered). */
export function preferenceReasons(entryId: string, preferences: Preferences): LeftOutReason[] {
  if (!coldEntryIds.has(entryId)) return [];
  const reasons: LeftOutReason[] = [];
  if (preferences.thermal === 'heat') {
    reasons.push({
      code: 'thermal_preference',
      condition: null,
      text: 'You chose heat, so the cold-pack options are not shown. Change your preference to see them.',
    });
  }
  if (preferences.hasIcePack === false) {
    reasons.push({
      code: 'no_ice_pack',
      condition: null,
      text: 'You have no cold pack to hand. A bag of frozen peas or ice in a sealed bag, wrapped in a cloth, also works; update your preferences if you get one.',
    });
  }
  return reasons;
}

/** Whether the person's preferences hide this entry without any mention (no shower: no contrast shower). */
export function hiddenByPreferences(entryId: string, preferences: Preferences): boolean {
  return showerEntryIds.has(entryId) && preferences.hasShower === false;
}

/** Whether this is the person's preferred heat or cold measure. */
export function isPreferredThermal(entryId: string, preferences: Preferences): boolean {
  if (preferences.thermal === 'heat') return entryId === 'tx-heat';
  if (preferences.thermal === 'ice') return coldEntryIds.has(entryId);
  return false;
}

/**
 * Orders one slot's entries: with a preference for cold, the cold choices move to the top of the choices (heat
 * stays first overall, because it sits in the core slot above them). Otherwise §5's order stands.
 */
export function orderChoices<T extends { readonly entryId: string }>(
  rows: readonly T[],
  preferences: Preferences,
): T[] {
  if (preferences.thermal !== 'ice') return [...rows];
  const cold = rows.filter((row) => coldEntryIds.has(row.entryId));
  return [...cold, ...rows.filter((row) => !coldEntryIds.has(row.entryId))];
}

/** Notes for this person on an entry, from their work. */
export function workNotes(entryId: string, preferences: Preferences): string[] {
  const work = preferences.work;
  if (work === undefined) return [];
  if (entryId === 'prev-break-up-sitting-lying') {
    switch (work) {
      case 'sitting':
        return [
          'At a desk: stand up, change position and take a few steps regularly, for example between tasks.',
        ];
      case 'standing':
        return [
          'If you stand for long spells: shift your weight, change position, and sit or walk briefly now and then.',
        ];
      case 'physical':
        return ['In a physical job: vary your tasks, and change position between heavy ones.'];
    }
  }
  if (entryId === 'tx-activity-modification' && work === 'physical') {
    return ['With a physical job, a day or two away from the heaviest tasks may help.'];
  }
  return [];
}
