/**
 * Laws that hold for every profile, checked on generated profiles with fast-check.
 */
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { displayFor, getEntry, isAdvice } from '../knowledge/index.ts';
import { buildPlan } from './build-plan.ts';
import { healthConditions, matchConditions } from './conditions.ts';
import { planToIcs } from './ics.ts';
import { build, makeProfile, planFor, planSpecArb, profileSpecArb, TODAY } from './test-factories.ts';
import type { Plan, PlanItem } from './types.ts';

const runs = { numRuns: 150 };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const itemsOf = (plan: Plan): PlanItem[] => [
  ...plan.days.flatMap((day) => day.items),
  ...plan.alwaysAvailable,
];

describe('buildPlan laws', () => {
  it('is deterministic: the same input gives a deep-equal result', () => {
    fc.assert(
      fc.property(profileSpecArb, (spec) => {
        const profile = makeProfile(spec);
        const today = spec.today ?? TODAY;
        expect(buildPlan(structuredClone(profile), today)).toEqual(buildPlan(profile, today));
      }),
      runs,
    );
  });

  it('is pure: it never changes its input (a deep-frozen profile works and stays equal)', () => {
    fc.assert(
      fc.property(profileSpecArb, (spec) => {
        const profile = makeProfile(spec);
        const copy = structuredClone(profile);
        const result = buildPlan(deepFreeze(profile), spec.today ?? TODAY);
        expect(profile).toEqual(copy);
        expect(result.kind).not.toBe('invalid_profile');
      }),
      runs,
    );
  });

  // §1.4: inform_only is library only, do_not_recommend is never advice; only recommend/option become items.
  it('never makes an item of a do_not_recommend or inform_only entry', () => {
    fc.assert(
      fc.property(planSpecArb, (spec) => {
        const plan = planFor(spec, { horizonDays: 30 });
        for (const day of plan.days) {
          for (const item of day.items) {
            const entry = getEntry(item.entryId);
            expect(entry).toBeDefined();
            if (entry === undefined) continue;
            expect(isAdvice(entry, day.phase)).toBe(true);
            expect(['recommend', 'option']).toContain(displayFor(entry, day.phase));
            expect(entry.phases).toContain(day.phase);
          }
          for (const ref of day.library) expect(['inform_only', 'do_not_recommend']).toContain(ref.display);
        }
      }),
      runs,
    );
  });

  it('gives every item at least one evidence reference with its address, and its seed sources', () => {
    fc.assert(
      fc.property(planSpecArb, (spec) => {
        for (const item of itemsOf(planFor(spec))) {
          expect(item.why.refs.length).toBeGreaterThan(0);
          expect(item.why.refs.every((ref) => ref.url.startsWith('http'))).toBe(true);
          expect(item.why.sources.length).toBeGreaterThan(0);
          expect(item.why.sources.every((source) => source.seedTitle.length > 0)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('never offers an entry the person must avoid, and lists it as left out instead', () => {
    fc.assert(
      fc.property(planSpecArb, (spec) => {
        const plan = planFor(spec);
        const conditions = healthConditions(spec.conditions ?? [], spec.otherConditions ?? []);
        const leftOut = new Set(plan.leftOut.map((out) => out.entryId));
        for (const item of itemsOf(plan)) {
          const entry = getEntry(item.entryId);
          if (entry === undefined) continue;
          expect(matchConditions(entry, conditions).avoid).toEqual([]);
          expect(leftOut.has(item.entryId)).toBe(false);
        }
      }),
      runs,
    );
  });

  it('answers emergency and urgent with an escalation and nothing of a plan', () => {
    fc.assert(
      fc.property(profileSpecArb, fc.constantFrom('emergency', 'urgent' as const), (spec, disposition) => {
        const result = build({ ...spec, disposition });
        expect(result.kind).toBe('escalation');
        expect(Object.keys(result).sort()).toEqual([
          'advice',
          'disposition',
          'headline',
          'kind',
          'reasons',
          'safetyNet',
        ]);
      }),
      runs,
    );
  });

  // Every list and object in a plan is new: a caller that edits one plan cannot change the next.
  it('shares no mutable state between plans', () => {
    const vandalise = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const inner of value) vandalise(inner);
        value.push('changed');
      } else if (typeof value === 'object' && value !== null) {
        for (const [key, inner] of Object.entries(value)) {
          vandalise(inner);
          (value as Record<string, unknown>)[key] = typeof inner === 'string' ? 'changed' : inner;
        }
      }
    };
    const spec = { onsetDaysAgo: 4, disposition: 'soon', conditions: ['disc_herniation'] } as const;
    const before = structuredClone(planFor(spec));
    vandalise(planFor(spec));
    expect(planFor(spec)).toEqual(before);
  });

  it('always lists today first, the days in order, and reaches the day-14 check-in', () => {
    fc.assert(
      fc.property(planSpecArb, (spec) => {
        const plan = planFor(spec);
        expect(plan.days[0]?.date).toBe(plan.today);
        expect(plan.days.map((day) => day.day)).toEqual(plan.days.map((_, i) => plan.todayDay + i));
        expect(plan.days.at(-1)?.day).toBeGreaterThanOrEqual(14);
      }),
      runs,
    );
  });
});

describe('planToIcs laws', () => {
  it('parses in ical.js for any plan, with one event per session and check-in to come, and unique UIDs', () => {
    fc.assert(
      fc.property(planSpecArb, (spec) => {
        const plan = planFor(spec);
        const ics = planToIcs(plan);
        const events = new ICAL.Component(ICAL.parse(ics) as unknown[]).getAllSubcomponents('vevent');
        const sessions = plan.days.reduce((sum, day) => sum + day.sessions.length, 0);
        const checkIns = plan.checkIns.filter((checkIn) => checkIn.state !== 'past').length;
        expect(events).toHaveLength(sessions + checkIns);
        const uids = events.map((event) => String(event.getFirstPropertyValue('uid')));
        expect(new Set(uids).size).toBe(uids.length);
        for (const event of events) expect(event.getAllSubcomponents('valarm')).toHaveLength(1);
        for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      }),
      { numRuns: 60 },
    );
  });
});
