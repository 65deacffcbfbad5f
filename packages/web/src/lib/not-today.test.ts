import { buildPlan, planTable, rulesVersion, type Plan, type PlanProfile } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { addDays } from '@unknot/core';
import { notToday } from './not-today.ts';

const today = '2026-03-10';

function planOnDay(day: number, profile: Partial<PlanProfile> = {}): Plan {
  const result = buildPlan(
    {
      onsetDate: addDays(today, -day),
      timeZone: 'Europe/London',
      location: 'lower',
      trigger: 'lifting',
      knownConditions: [],
      triage: {
        at: `${today}T08:00:00.000Z`,
        result: { disposition: 'self_care', reasons: [], rulesVersion },
      },
      preferences: {},
      ...profile,
    },
    today,
  );
  if (result.kind !== 'plan') throw new Error(`expected a plan, got ${result.kind}`);
  return result;
}

describe('why the plan does not list a timer today', () => {
  it('says nothing for what today lists', () => {
    const plan = planOnDay(0);
    for (const item of [...(plan.days[0]?.items ?? []), ...plan.alwaysAvailable])
      expect(notToday(plan, item.entryId)).toBeNull();
  });

  it('plain ice from day 3: listed on days 0–2 only, with what to do instead', () => {
    for (const day of [3, 5, 20]) {
      const why = notToday(planOnDay(day), 'tx-ice');
      expect(why).toMatchObject({ kind: 'earlier', from: 0, to: 2 });
      expect(why?.kind === 'earlier' ? why.stop : null).toMatch(/heat/i);
    }
    expect(notToday(planOnDay(2), 'tx-ice')).toBeNull();
  });

  it('core strengthening before day 15: from the day the plan adds it, with its reason', () => {
    const plan = planOnDay(4);
    const held = plan.heldBack.find((h) => h.entryId === 'ex-core-back-strengthening');
    expect(held).toBeDefined();
    expect(notToday(plan, 'ex-core-back-strengthening')).toEqual({
      kind: 'later',
      day: held?.unlockDay,
      date: held?.unlockDate,
      reason: held?.reason,
    });
    expect(held?.unlockDay).toBe(15);
    expect(notToday(planOnDay(15), 'ex-core-back-strengthening')).toBeNull();
  });

  it('an entry left out for this person gives the plan’s reasons', () => {
    // Someone who prefers heat: the plain cold pack is left out for them.
    const plan = planOnDay(0, { preferences: { thermal: 'heat' } });
    const left = plan.leftOut.find((l) => l.entryId === 'tx-ice');
    if (!left) throw new Error('a heat preference leaves the cold pack out');
    expect(notToday(plan, left.entryId)).toEqual({
      kind: 'left_out',
      reasons: left.reasons.map((r) => r.text),
    });
  });

  it("every entry of §5's table gets a reason on every day it is not listed", () => {
    const inTable = new Set(
      Object.values(planTable).flatMap((stage) => stage.rows.map((row) => row.entryId)),
    );
    for (const day of [0, 3, 8, 15, 30]) {
      const plan = planOnDay(day);
      const listedToday = new Set(plan.days[0]?.items.map((i) => i.entryId));
      for (const id of inTable) {
        if (listedToday.has(id) || plan.alwaysAvailable.some((i) => i.entryId === id)) continue;
        expect.soft(notToday(plan, id), `${id} on day ${day}`).not.toBeNull();
      }
    }
  });
});
