import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignableKinds, isPlanItem } from '../clinic/programme.ts';
import { knowledgeEntries } from '../knowledge/index.ts';
import { compactPlan, expandPlan, type CompactPlan } from './compact.ts';
import { applyProgramme, type AssignedItem, type AssignedProgramme } from './programme.ts';
import { timedEntryIds } from './slots.ts';
import { build, dayOf, idsOf, planFor, planSpecArb, type ProfileSpec } from './test-factories.ts';
import type { Plan } from './types.ts';

const programme: AssignedProgramme = {
  items: [
    { entryId: 'ex-knee-to-chest', holdSeconds: 20, reps: 3, timesPerWeek: 14 },
    { entryId: 'ex-core-back-strengthening', timesPerWeek: 3 },
    { entryId: 'pos-90-90-legs-on-chair', timesPerWeek: 7 },
  ],
};
const assignedIds = programme.items.map((item) => item.entryId);

function applied(spec: ProfileSpec, assigned: AssignedProgramme = programme): Plan {
  const result = applyProgramme(planFor(spec), assigned);
  if (result.kind !== 'plan') throw new Error(`expected a plan, got ${result.kind}`);
  return result;
}

describe('applyProgramme', () => {
  it("replaces the default items of every day with the programme's, keeping the first-screen reassurance", () => {
    const plan = applied({ onsetDaysAgo: 0 }, programme);
    expect(plan.days.length).toBeGreaterThan(10);
    for (const day of plan.days) {
      const firstScreen = idsOf(day, 'first_screen');
      expect(idsOf(day), `day ${String(day.day)}`).toStrictEqual([...firstScreen, ...assignedIds]);
    }
    expect(idsOf(dayOf(plan, 0), 'first_screen')).toStrictEqual(['tx-reassurance-self-care']);
  });

  it("marks each assigned item as the clinician's, with its dose and how often", () => {
    const day = dayOf(applied({ onsetDaysAgo: 5 }), 5);
    const knee = day.items.find((item) => item.entryId === 'ex-knee-to-chest');
    expect(knee).toMatchObject({
      from: 'clinician',
      dose: { holdSeconds: 20, reps: 3, timesPerWeek: 14 },
      howOften: { text: 'Twice a day', basis: 'clinician' },
      slot: 'core',
    });
    // The dose is where the person starts and what they aim at; the protocol's range stays visible.
    const numbers = Object.fromEntries((knee?.how.numbers ?? []).map((n) => [n.field, n]));
    expect(numbers['hold_s']).toMatchObject({ min: 15, max: 30, start: 20, goal: 20 });
    expect(numbers['reps_per_side']).toMatchObject({ min: 2, max: 4, start: 3, goal: 3 });
    const position = day.items.find((item) => item.entryId === 'pos-90-90-legs-on-chair');
    expect(position?.dose).toStrictEqual({ timesPerWeek: 7 });
    expect(position?.howOften.text).toBe('Once a day');
  });

  it('leaves the default plan without programme fields', () => {
    const plan = planFor({ onsetDaysAgo: 5 });
    for (const item of plan.days.flatMap((day) => day.items)) {
      expect(Object.hasOwn(item, 'from') || Object.hasOwn(item, 'dose')).toBe(false);
    }
  });

  it.each([
    ['an emergency', { disposition: 'emergency' }],
    ['an urgent result', { disposition: 'urgent' }],
    ['a missing triage', { disposition: null }],
    ['a stale triage', { symptomsChangedAt: '2026-03-10T13:00:00.000Z' }],
  ] as const)('returns %s unchanged: escalations win over any programme', (_what, spec) => {
    const result = build(spec);
    expect(result.kind).not.toBe('plan');
    expect(applyProgramme(result, programme)).toBe(result);
  });

  it('returns an invalid profile unchanged', () => {
    const result = build({ timeZone: 'Mars/Olympus' });
    expect(result.kind).toBe('invalid_profile');
    expect(applyProgramme(result, programme)).toBe(result);
  });

  it('drops an item the patient now has a condition against, and says why in leftOut', () => {
    const assigned = {
      items: [{ entryId: 'ex-prone-press-up', holdSeconds: 10, reps: 10, timesPerWeek: 7 }],
    };
    const plan = applied({ onsetDaysAgo: 5, conditions: ['spondylolisthesis'] }, assigned);
    expect(plan.days.flatMap((day) => idsOf(day)).includes('ex-prone-press-up')).toBe(false);
    const left = plan.leftOut.filter((entry) => entry.entryId === 'ex-prone-press-up');
    expect(left).toHaveLength(1);
    expect(left[0]?.reasons.map((reason) => reason.condition)).toContain('spondylolisthesis');
  });

  it('shows an assigned entry before the day §5 would, and no longer lists it as held back', () => {
    const plain = planFor({ onsetDaysAgo: 0 });
    expect(plain.heldBack.map((held) => held.entryId)).toContain('ex-core-back-strengthening');
    const plan = applied({ onsetDaysAgo: 0 });
    expect(plan.heldBack.map((held) => held.entryId)).not.toContain('ex-core-back-strengthening');
    expect(idsOf(dayOf(plan, 0))).toContain('ex-core-back-strengthening');
  });

  it("drops the default stop note of an entry the clinician assigned, and keeps the others'", () => {
    const stopsOn = (plan: Plan) => dayOf(plan, 3).stops.map((stop) => stop.entryId);
    expect(stopsOn(planFor({ onsetDaysAgo: 3 }))).toContain('tx-ice');
    expect(
      stopsOn(applied({ onsetDaysAgo: 3 }, { items: [{ entryId: 'tx-ice', timesPerWeek: 7 }] })),
    ).toStrictEqual(stopsOn(planFor({ onsetDaysAgo: 3 })).filter((id) => id !== 'tx-ice'));
  });

  it('keeps the D13 general rule on a direction-specific stretch for someone without a diagnosis', () => {
    const day = dayOf(applied({ onsetDaysAgo: 5 }), 5);
    const knee = day.items.find((item) => item.entryId === 'ex-knee-to-chest');
    expect(knee?.personalNotes.join(' ')).toContain('stop if pain spreads down a leg');
  });

  it('puts exactly timesPerWeek reminders of each timed item in any seven days, and none for the rest', () => {
    const plan = applied({ onsetDaysAgo: 0 }, programme);
    const count = (entryId: string, from: number) =>
      plan.days
        .slice(from, from + 7)
        .flatMap((day) => day.sessions)
        .filter((session) => session.itemIds.includes(entryId)).length;
    for (let from = 0; from + 7 <= plan.days.length; from += 1) {
      expect(count('ex-knee-to-chest', from)).toBe(14);
      expect(count('ex-core-back-strengthening', from)).toBe(3);
      expect(count('pos-90-90-legs-on-chair', from)).toBe(0);
    }
    for (const day of plan.days) {
      for (const session of day.sessions) {
        expect(idsOf(day)).toEqual(expect.arrayContaining([...session.itemIds]));
        expect(session.groups.length).toBeGreaterThan(0);
      }
    }
  });
});

// Any programme of assignable entries (the dose need not be valid here: the plan only shows it).
const assignable = knowledgeEntries.filter(
  (entry) => assignableKinds.includes(entry.kind) && isPlanItem(entry),
);
const itemArb: fc.Arbitrary<AssignedItem> = fc
  .tuple(
    fc.constantFrom(...assignable.map((entry) => entry.id)),
    fc.record(
      {
        holdSeconds: fc.integer({ min: 1, max: 60 }),
        reps: fc.integer({ min: 1, max: 10 }),
        sets: fc.integer({ min: 1, max: 5 }),
      },
      { requiredKeys: [] },
    ),
    fc.integer({ min: 1, max: 21 }),
  )
  .map(([entryId, dose, timesPerWeek]) => ({ entryId, ...dose, timesPerWeek }));
const programmeArb = fc.uniqueArray(itemArb, {
  minLength: 1,
  maxLength: 8,
  selector: (item) => item.entryId,
});

describe('applyProgramme: properties', () => {
  it('gives a plan that compactPlan and expandPlan carry over JSON unchanged', () => {
    fc.assert(
      fc.property(planSpecArb, programmeArb, (spec, items) => {
        const plan = applyProgramme(planFor(spec), { items });
        if (plan.kind !== 'plan') throw new Error('expected a plan');
        const back = expandPlan(JSON.parse(JSON.stringify(compactPlan(plan))) as CompactPlan);
        if (!isDeepStrictEqual(back, plan)) expect(back).toStrictEqual(plan);
      }),
      { numRuns: 60 },
    );
  });

  it('shows only assigned entries (besides the first screen), each once a day, with a timer only if timed', () => {
    fc.assert(
      fc.property(planSpecArb, programmeArb, (spec, items) => {
        const plan = applyProgramme(planFor(spec), { items });
        if (plan.kind !== 'plan') throw new Error('expected a plan');
        const ids = new Set(items.map((item) => item.entryId));
        for (const day of plan.days) {
          const assigned = day.items.filter((item) => item.slot !== 'first_screen');
          expect(assigned.every((item) => ids.has(item.entryId) && item.from === 'clinician')).toBe(true);
          expect(new Set(assigned.map((item) => item.entryId)).size).toBe(assigned.length);
          for (const item of assigned) expect(item.timer).toBe(timedEntryIds.has(item.entryId));
        }
      }),
      { numRuns: 60 },
    );
  });
});
