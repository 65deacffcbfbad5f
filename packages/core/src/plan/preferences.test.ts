/**
 * Preferences (D2, D4): heat or cold, cold pack, shower, work.
 */
import { describe, expect, it } from 'vitest';
import type { Preferences } from '../records/index.ts';
import { idsOf, itemOf, planFor, todayOf } from './test-factories.ts';

const cold = ['tx-ice', 'tx-alternate-ice-heat'];

describe('heat or cold (D2)', () => {
  it.each([
    ['either', ['tx-ice', 'tx-alternate-ice-heat']],
    ['not said', ['tx-ice', 'tx-alternate-ice-heat']],
    ['heat', []],
    ['ice', ['tx-ice', 'tx-alternate-ice-heat']],
  ] as const)('%s: day 0 offers %o', (thermal, offered) => {
    const preferences: Preferences = thermal === 'not said' ? {} : { thermal };
    const ids = idsOf(todayOf(planFor({ preferences })));
    expect(ids.filter((id) => cold.includes(id))).toEqual(offered);
    expect(ids).toContain('tx-heat');
  });

  // Heat stays the first heat-or-cold measure (core, recommended) whatever the preference; cold never jumps it.
  it.each(['heat', 'ice', 'either'] as const)('%s: heat is listed before any cold option', (thermal) => {
    const ids = idsOf(todayOf(planFor({ preferences: { thermal } })));
    const heat = ids.indexOf('tx-heat');
    for (const id of cold) if (ids.includes(id)) expect(heat).toBeLessThan(ids.indexOf(id));
    expect(itemOf(todayOf(planFor({ preferences: { thermal } })), 'tx-heat').display).toBe('recommend');
  });

  it('ice: the cold options move to the top of the choices and are marked preferred', () => {
    const day0 = todayOf(planFor({ preferences: { thermal: 'ice' } }));
    expect(idsOf(day0, 'choice').slice(0, 2)).toEqual(cold);
    expect(itemOf(day0, 'tx-ice').preferred).toBe(true);
    expect(itemOf(day0, 'tx-heat').preferred).toBe(false);
    expect(itemOf(day0, 'tx-heat').personalNotes[0]).toMatch(/evidence is better/);
  });

  it('heat: heat is marked preferred and the cold options are left out with the reason', () => {
    const plan = planFor({ preferences: { thermal: 'heat' } });
    expect(itemOf(todayOf(plan), 'tx-heat').preferred).toBe(true);
    expect(plan.leftOut.map((out) => [out.entryId, out.reasons.map((r) => r.code)])).toEqual([
      ['tx-ice', ['thermal_preference']],
      ['tx-alternate-ice-heat', ['thermal_preference']],
    ]);
    // With the cold pack out of the plan, its "stops after 48 h" note has nothing to stop.
    expect(plan.days.flatMap((day) => day.stops)).toEqual([]);
  });

  it('ice on day 4: the cold pack is over, cold-then-heat is preferred until day 7', () => {
    const plan = planFor({ onsetDaysAgo: 4, preferences: { thermal: 'ice' } });
    expect(idsOf(todayOf(plan))).not.toContain('tx-ice');
    expect(idsOf(todayOf(plan), 'choice')[0]).toBe('tx-alternate-ice-heat');
    expect(itemOf(todayOf(plan), 'tx-alternate-ice-heat').preferred).toBe(true);
    expect(idsOf(plan.days.find((day) => day.day === 8) ?? todayOf(plan))).not.toContain(
      'tx-alternate-ice-heat',
    );
  });

  it('never says cold must come first', () => {
    const text = JSON.stringify(planFor({ preferences: { thermal: 'ice' } }));
    expect(text).not.toMatch(/(ice|cold)[^."]*must (come|go|be used) first/i);
  });
});

describe('cold pack, shower', () => {
  it('no cold pack: no cold timers, left out with the reason', () => {
    const plan = planFor({ preferences: { hasIcePack: false } });
    const day0 = todayOf(plan);
    for (const id of cold) expect(idsOf(day0)).not.toContain(id);
    expect(plan.leftOut.map((out) => out.entryId)).toEqual(cold);
    expect(plan.leftOut[0]?.reasons).toEqual([
      { code: 'no_ice_pack', condition: null, text: expect.stringMatching(/frozen peas/) as unknown },
    ]);
    expect(day0.sessions.flatMap((session) => session.itemIds)).not.toContain('tx-ice');
  });

  it('heat and no cold pack: both reasons', () => {
    const plan = planFor({ preferences: { thermal: 'heat', hasIcePack: false } });
    expect(plan.leftOut[0]?.reasons.map((reason) => reason.code)).toEqual([
      'thermal_preference',
      'no_ice_pack',
    ]);
  });

  it('a cold pack not mentioned either way is assumed available', () => {
    expect(idsOf(todayOf(planFor({ preferences: {} })))).toContain('tx-ice');
  });

  it('no shower: the contrast shower is not mentioned anywhere', () => {
    const plan = planFor({ onsetDaysAgo: 4, preferences: { hasShower: false } });
    expect(JSON.stringify(plan)).not.toContain('tx-contrast-shower');
    expect(JSON.stringify(plan)).not.toMatch(/contrast shower/i);
    expect(todayOf(plan).library.map((ref) => ref.entryId)).toEqual([
      'rem-lavender-oil-rub',
      'rem-epsom-salt-bath',
      'rem-cayenne-in-food',
      'tx-hydration-electrolytes',
    ]);
  });

  it('with a shower: the contrast shower stays in the library', () => {
    const plan = planFor({ onsetDaysAgo: 4, preferences: { hasShower: true } });
    expect(todayOf(plan).library.map((ref) => ref.entryId)).toContain('tx-contrast-shower');
  });
});

describe('work', () => {
  it.each([
    ['sitting', /At a desk/],
    ['standing', /stand for long spells/],
    ['physical', /physical job/],
  ] as const)('%s: adds one wording note to breaking up sitting and lying', (work, note) => {
    const item = itemOf(
      todayOf(planFor({ onsetDaysAgo: 4, preferences: { work } })),
      'prev-break-up-sitting-lying',
    );
    expect(item.personalNotes).toEqual([expect.stringMatching(note) as unknown]);
    // No interval: no source gives one.
    expect(item.personalNotes[0]).not.toMatch(/\d/);
  });

  it('physical work: the pause of the trigger activity mentions heavy tasks', () => {
    const item = itemOf(todayOf(planFor({ preferences: { work: 'physical' } })), 'tx-activity-modification');
    expect(item.personalNotes).toEqual([expect.stringMatching(/heaviest tasks/) as unknown]);
  });

  it('no work said: no notes', () => {
    const item = itemOf(todayOf(planFor({ onsetDaysAgo: 4 })), 'prev-break-up-sitting-lying');
    expect(item.personalNotes).toEqual([]);
  });

  it('work changes wording only, never which entries are offered', () => {
    const base = planFor({ onsetDaysAgo: 4 });
    for (const work of ['sitting', 'standing', 'physical'] as const) {
      const plan = planFor({ onsetDaysAgo: 4, preferences: { work } });
      expect(plan.days.map((day) => idsOf(day))).toEqual(base.days.map((day) => idsOf(day)));
    }
  });
});
