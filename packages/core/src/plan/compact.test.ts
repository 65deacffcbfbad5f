import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactPlan, expandPlan, type CompactPlan } from './compact.ts';
import { planFor, planSpecArb } from './test-factories.ts';
import type { Plan } from './types.ts';

const json = (value: unknown) => JSON.stringify(value);
/** What a client does: the compact plan over the wire, then expanded. */
const overTheWire = (plan: Plan): Plan => expandPlan(JSON.parse(json(compactPlan(plan))) as CompactPlan);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** How many times `text` occurs in `haystack`. */
const occurrences = (haystack: string, text: string) => haystack.split(text).length - 1;

describe('compactPlan and expandPlan', () => {
  it('give back the default plan, on every day of the episode, directly and over JSON', () => {
    for (const onsetDaysAgo of [0, 1, 2, 3, 8, 15, 30, 80]) {
      const plan = planFor({ onsetDaysAgo });
      expect(expandPlan(compactPlan(plan))).toStrictEqual(plan);
      expect(overTheWire(plan)).toStrictEqual(plan);
    }
  });

  it('give back any plan: any profile, day, condition, preference and horizon', () => {
    fc.assert(
      fc.property(planSpecArb, fc.integer({ min: 1, max: 40 }), (spec, horizonDays) => {
        const plan = planFor(spec, { horizonDays });
        const back = overTheWire(plan);
        // The same check as toStrictEqual, several times faster; the matcher runs only to show a difference.
        if (!isDeepStrictEqual(back, plan)) expect(back).toStrictEqual(plan);
      }),
      { numRuns: 100 },
    );
  });

  // Why: the point of the form. A text that slipped back into each day would keep the round trip green.
  it("carries each entry's texts once, however many days list the entry", () => {
    const plan = planFor({ onsetDaysAgo: 0 });
    const text = json(compactPlan(plan));
    const items = [...plan.days.flatMap((day) => day.items), ...plan.alwaysAvailable];
    expect(new Set(items.map((item) => item.entryId)).size).toBeLessThan(items.length);
    for (const item of items) {
      expect(occurrences(text, json(item.summary)), item.entryId).toBe(1);
      if (item.how.steps.length > 0) expect(occurrences(text, json(item.how.steps)), item.entryId).toBe(1);
    }
    for (const ref of items.flatMap((item) => item.why.refs)) {
      expect(occurrences(text, json(ref.url)), ref.code).toBe(1);
    }
  });

  it('is a fraction of the full JSON for any plan (under a fifth; about a tenth for two weeks)', () => {
    fc.assert(
      fc.property(planSpecArb, (spec) => {
        const plan = planFor(spec);
        expect(json(compactPlan(plan)).length).toBeLessThan(json(plan).length / 5);
      }),
      { numRuns: 50 },
    );
  });

  it('leaves the plan unchanged (a deep-frozen plan compacts and expands)', () => {
    const plan = planFor({ onsetDaysAgo: 4, preferences: { thermal: 'ice', work: 'sitting' } });
    const copy = structuredClone(plan);
    const compact = compactPlan(deepFreeze(plan));
    expect(plan).toStrictEqual(copy);
    expect(expandPlan(deepFreeze(compact))).toStrictEqual(copy);
  });

  it('refuses a plan in which one entry has two different texts, rather than send one of them', () => {
    const plan = planFor({ onsetDaysAgo: 0 });
    const [first, ...rest] = plan.days;
    if (first === undefined || first.items[0] === undefined) throw new Error('the default plan lists items');
    const changed = { ...first.items[0], summary: 'A different summary' };
    const edited: Plan = { ...plan, days: [{ ...first, items: [...first.items, changed] }, ...rest] };
    expect(() => compactPlan(edited)).toThrow(/entry ".+" has different texts/);
  });

  it('refuses a compact plan whose index or name points at nothing', () => {
    const compact = compactPlan(planFor({ onsetDaysAgo: 0 }));
    const [first, ...rest] = compact.days;
    if (first === undefined) throw new Error('the default plan lists days');
    const dangling: CompactPlan = {
      ...compact,
      days: [{ ...first, items: [compact.items.length] }, ...rest],
    };
    expect(() => expandPlan(dangling)).toThrow(/no item at index/);
    expect(() => expandPlan({ ...compact, entries: {} })).toThrow(/no entry "/);
  });
});
