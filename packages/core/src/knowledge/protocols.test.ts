/**
 * §6 checks 5 and 6: shared/clinical/protocols.json holds the timed protocols the app's timers use. Every id must
 * be an entry here, and every number must equal the entry's `protocol` value or, where no seed gives one, its
 * `spec_default` value.
 */
import { describe, expect, it } from 'vitest';
import { getEntry } from './lookup.ts';
import { sharedFile } from './test-helpers.ts';
import type { Entry, Protocol, Range } from './types.ts';

interface JsonProtocol {
  id: string;
  kind?: string;
  display: string;
  display_by_phase?: Record<string, string>;
  phases?: string[];
  timer_allowed: boolean | 'after_caveat';
  timer?: Record<string, unknown>;
  suits?: string[];
  caution_with?: string[];
  avoid_with?: string[];
  source_values?: { file: string }[];
  spec_defaults?: Record<string, unknown>;
  limit?: Record<string, number>;
  target?: Record<string, unknown>;
  prompt_days?: number[];
}

interface ProtocolsJson {
  timer_policy: Record<string, string>;
  protocols: JsonProtocol[];
  other_timed_items: JsonProtocol[];
}

const file = sharedFile('clinical/protocols.json', 'the checks against protocols.json (§6 checks 5 and 6)');
const json: ProtocolsJson = file.present
  ? (JSON.parse(file.read()) as ProtocolsJson)
  : { timer_policy: {}, protocols: [], other_timed_items: [] };
const all = [...json.protocols, ...json.other_timed_items];

function entryFor(item: JsonProtocol): Entry {
  const entry = getEntry(item.id);
  if (entry === undefined) throw new Error(`protocols.json names ${item.id}, which is not in the catalogue`);
  return entry;
}

/**
 * The entry's value for a timer field: its protocol field when the seeds give one, otherwise its spec_default.
 * protocols.json writes a single spec number as a pinned range (min = max = default) where the timer wants a range.
 */
function entryValue(entry: Entry, key: string, timerValue: unknown): unknown {
  const protocol: Protocol = entry.protocol ?? {};
  const own = (protocol as Record<string, unknown>)[key];
  if (own !== undefined) return own;
  const spec = protocol.spec_default?.[key];
  const wantsRange = typeof timerValue === 'object' && timerValue !== null && 'min' in timerValue;
  return typeof spec === 'number' && wantsRange ? { min: spec, max: spec, default: spec } : spec;
}

/** Timer keys that are not numbers to compare: free text, or structure checked in its own test below. */
const NOT_NUMBERS = new Set(['progression', 'variants', 'alternate_sides', 'not_before_phase']);

describe.skipIf(!file.present)('protocols.json against the catalogue (§6 checks 5 and 6)', () => {
  it('lists timed protocols', () => {
    expect(json.protocols.length).toBeGreaterThan(5);
  });

  it.each(all.map((item) => [item.id, item] as const))(
    '%s is an entry with the same display',
    (_id, item) => {
      const entry = entryFor(item);
      expect(item.display).toBe(entry.display);
      if (item.kind !== undefined) expect(item.kind).toBe(entry.kind);
      if (item.phases !== undefined) expect(item.phases).toEqual(entry.phases);
      if (item.display_by_phase !== undefined) expect(item.display_by_phase).toEqual(entry.display_by_phase);
      for (const key of ['suits', 'caution_with', 'avoid_with'] as const) {
        if (item[key] !== undefined) expect(item[key], key).toEqual(entry[key] ?? []);
      }
    },
  );

  it.each(all.map((item) => [item.id, item] as const))('%s cites only seeds the entry cites', (_id, item) => {
    const files = entryFor(item).sources.map((source) => source.file);
    for (const value of item.source_values ?? []) expect(files).toContain(value.file);
  });

  it.each(json.protocols.map((item) => [item.id, item] as const))(
    '%s: every timer number equals the entry (protocol or spec_default)',
    (_id, item) => {
      const entry = entryFor(item);
      for (const [key, value] of Object.entries(item.timer ?? {})) {
        if (NOT_NUMBERS.has(key)) continue;
        expect(entryValue(entry, key, value), `${item.id}.timer.${key}`).toEqual(value);
      }
    },
  );

  it.each(json.protocols.map((item) => [item.id, item] as const))(
    '%s: every spec_defaults number equals the entry spec_default',
    (_id, item) => {
      const specDefault = entryFor(item).protocol?.spec_default ?? {};
      for (const [key, value] of Object.entries(item.spec_defaults ?? {})) {
        if (typeof value === 'string') continue; // reasons and notes: wording may differ
        expect(specDefault[key], `${item.id}.spec_defaults.${key}`).toEqual(value);
      }
    },
  );

  it('agrees on the structured timer fields', () => {
    const knee = json.protocols.find((item) => item.id === 'ex-knee-to-chest');
    const kneeEntry = getEntry('ex-knee-to-chest');
    const variants = (knee?.timer?.variants ?? []) as {
      name: string;
      hold_s: Range;
      reps_per_side?: Range;
      reps?: Range;
    }[];
    expect(variants.map((variant) => variant.name)).toEqual(['single_knee', 'both_knees']);
    for (const variant of variants) expect(variant.hold_s).toEqual(kneeEntry?.protocol?.hold_s);
    expect(variants[0]?.reps_per_side).toEqual(kneeEntry?.protocol?.reps_per_side);
    expect(variants[1]?.reps).toEqual(kneeEntry?.protocol?.spec_default?.both_knees_reps);

    const strength = json.protocols.find((item) => item.id === 'ex-core-back-strengthening');
    expect(getEntry('ex-core-back-strengthening')?.phases[0]).toBe(strength?.timer?.not_before_phase);
  });

  it('agrees on the limits and targets of the other timed items', () => {
    const item = (id: string): JsonProtocol | undefined =>
      json.other_timed_items.find((other) => other.id === id);
    expect(item('tx-short-rest-then-activity')?.limit?.max_rest_days).toBe(
      getEntry('tx-short-rest-then-activity')?.protocol?.max_days,
    );
    expect(item('tx-activity-modification')?.limit?.max_days_off_heavy_work).toBe(
      getEntry('tx-activity-modification')?.protocol?.max_days,
    );
    expect(item('tx-sleep-routine')?.target?.sleep_h).toEqual(
      getEntry('tx-sleep-routine')?.protocol?.sleep_h,
    );
    const prompts = getEntry('rf-no-improvement-1-2-weeks')?.protocol?.spec_default;
    expect(item('rf-no-improvement-1-2-weeks')?.prompt_days).toEqual([
      prompts?.first_prompt_day,
      prompts?.second_prompt_day,
      prompts?.long_duration_day,
    ]);
    expect(item('rem-lavender-oil-rub')?.timer?.on_s).toEqual(
      getEntry('rem-lavender-oil-rub')?.protocol?.on_s,
    );
  });

  it('never allows a timer for a do_not_recommend entry (check 6)', () => {
    for (const item of all) {
      if (entryFor(item).display === 'do_not_recommend') expect(item.timer_allowed, item.id).toBe(false);
    }
    expect(json.timer_policy.do_not_recommend).toMatch(/no timer/);
  });

  it('allows an inform_only timer only after the caveat (check 6)', () => {
    for (const item of all) {
      if (entryFor(item).display === 'inform_only') expect(item.timer_allowed, item.id).not.toBe(true);
    }
    expect(json.timer_policy.inform_only).toMatch(/after the caveat/);
  });
});
