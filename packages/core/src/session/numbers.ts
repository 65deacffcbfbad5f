/**
 * Choosing each number of a timeline: the protocol's default (or the §5 progression for the day), a caller's
 * override clamped into the protocol's range, and where the number came from.
 */
import type { RangeSpec, SourceValue, SpecDefaults } from './protocols.ts';
import type { Clamp, NumberOrigin, OverrideKey, TimelineNumber } from './types.ts';

/** What a builder needs to know about the protocol behind a number. */
export type NumberSources = {
  readonly source_values: readonly SourceValue[];
  readonly spec_defaults: SpecDefaults;
};

type Range = { readonly min: number; readonly max: number };

function isRange(value: unknown): value is Range {
  return typeof value === 'object' && value !== null && 'min' in value && 'max' in value;
}

function holds(stated: unknown, value: number): boolean {
  if (typeof stated === 'number') return stated === value;
  return isRange(stated) && stated.min <= value && value <= stated.max;
}

/**
 * `source` when a seed states the value (or a range holding it; a stated progression maximum such as
 * `hold_s_progression_max` extends the range), `spec_default` when the spec chose it, otherwise `app`.
 */
export function originOf(sources: NumberSources, key: string, value: number, specKey = key): NumberOrigin {
  for (const stated of sources.source_values) {
    if (holds(stated[key], value)) return 'source';
    const from = stated[key];
    const upTo = stated[`${key}_progression_max`];
    if (typeof from === 'number' && typeof upTo === 'number' && from <= value && value <= upTo)
      return 'source';
  }
  return holds(sources.spec_defaults[specKey], value) ? 'spec_default' : 'app';
}

export type Take = {
  readonly key: OverrideKey;
  readonly range: RangeSpec;
  readonly unit: TimelineNumber['unit'];
  /** The value before any override; the range default when absent. */
  readonly base?: number;
  readonly origin?: NumberOrigin;
  /** The key this number has in `spec_defaults`, when it differs (`max_cycles`, `both_knees_reps`). */
  readonly specKey?: string;
  readonly byDay?: boolean;
};

/**
 * Collects the numbers of one timeline. `take` returns the value to use and records it; `fixed` records a number
 * nobody may change. Local, short-lived state: it never touches its inputs.
 */
export function numberCollector(
  sources: NumberSources,
  overrides: Readonly<Partial<Record<string, number>>>,
) {
  const numbers: TimelineNumber[] = [];
  const clamped: Clamp[] = [];
  const used = new Set<string>();

  function record(key: string, value: number, take: Omit<Take, 'key'>, origin: NumberOrigin): number {
    numbers.push({
      key,
      value,
      unit: take.unit,
      min: take.range.min,
      max: take.range.max,
      origin,
      ...(take.byDay === true && origin !== 'user' ? { byDay: true as const } : {}),
    });
    return value;
  }

  return {
    numbers,
    clamped,
    used,
    take(take: Take): number {
      used.add(take.key);
      const base = take.base ?? take.range.default;
      const requested = overrides[take.key];
      if (requested === undefined) {
        const origin = take.origin ?? originOf(sources, take.key, base, take.specKey);
        return record(take.key, base, take, origin);
      }
      const value = Math.min(take.range.max, Math.max(take.range.min, requested));
      if (value !== requested) clamped.push({ key: take.key, requested, used: value });
      return record(take.key, value, take, 'user');
    },
    fixed(key: string, take: Omit<Take, 'key'>, origin: NumberOrigin): number {
      return record(key, take.base ?? take.range.default, take, origin);
    },
  };
}

export type NumberCollector = ReturnType<typeof numberCollector>;
