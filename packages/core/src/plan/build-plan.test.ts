/**
 * Every rule of knowledge-base.md §5, table-driven. The expected entries are copied from §5 here (not read from
 * slots.ts), so a change to the table that §5 does not make fails.
 */
import { describe, expect, it } from 'vitest';
import { knowledgeEntries, evidenceCodes, seedFiles } from '../knowledge/index.ts';
import { addDays } from './dates.ts';
import { dayOf, idsOf, itemOf, makeProfile, planFor, todayOf, TODAY } from './test-factories.ts';
import type { PlanStage } from './types.ts';
import { buildPlan } from './build-plan.ts';

const acuteChoices = [
  'tx-ice',
  'tx-alternate-ice-heat',
  'pos-supine-knees-supported',
  'pos-90-90-legs-on-chair',
  'pos-legs-raised-in-bed',
  'pos-foot-stool-sitting',
  'pos-sleep-not-face-down',
  'tx-finger-pressure',
  'ex-gentle-stretching',
  'tx-activity-modification',
  'med-oral-nsaid-otc',
  'med-topical-cream-otc',
  'tx-massage-with-oils',
];

interface StageExpectation {
  readonly stage: PlanStage;
  readonly firstScreen: readonly string[];
  readonly core: readonly string[];
  readonly choice: readonly string[];
  readonly library: readonly string[];
}

const acute: StageExpectation = {
  stage: 'acute',
  firstScreen: ['tx-reassurance-self-care'],
  core: ['tx-short-rest-then-activity', 'ex-walking', 'tx-heat', 'tx-sleep-routine'],
  choice: acuteChoices,
  library: [
    'tx-prolonged-bed-rest',
    'tx-compression-brace',
    'med-paracetamol-alone',
    'rem-apple-cider-vinegar',
    'rem-celery-seed-tea',
    'rem-endorphin-scents-ginseng',
  ],
};

const subacuteEarly: StageExpectation = {
  stage: 'subacute_early',
  firstScreen: [],
  core: [
    'ex-walking',
    'tx-short-rest-then-activity',
    'tx-heat',
    'prev-break-up-sitting-lying',
    'tx-sleep-routine',
  ],
  choice: [
    'ex-gentle-stretching',
    'ex-knee-to-chest',
    'ex-prone-press-up',
    'ex-childs-pose',
    'tx-alternate-ice-heat',
    'med-oral-nsaid-otc',
    'med-topical-cream-otc',
    'tx-activity-modification',
  ],
  library: [
    'tx-contrast-shower',
    'rem-lavender-oil-rub',
    'rem-epsom-salt-bath',
    'rem-cayenne-in-food',
    'tx-hydration-electrolytes',
  ],
};

const subacuteLate: StageExpectation = {
  stage: 'subacute_late',
  firstScreen: [],
  core: [
    'ex-walking',
    'tx-short-rest-then-activity',
    'prev-break-up-sitting-lying',
    'tx-heat',
    'tx-sleep-routine',
  ],
  choice: [
    'ex-knee-to-chest',
    'ex-prone-press-up',
    'ex-childs-pose',
    'ex-gentle-stretching',
    'pro-physiotherapy',
    'rem-capsaicin-topical',
  ],
  library: [],
};

// §5 writes recovery and prevention as one table; each entry's own `phases` says which of the two it is in.
const recovery: StageExpectation = {
  stage: 'recovery',
  firstScreen: [],
  core: [
    'ex-core-back-strengthening',
    'ex-walking',
    'ex-yoga',
    'ex-gentle-stretching',
    'prev-break-up-sitting-lying',
    'tx-sleep-routine',
    'pro-physiotherapy',
  ],
  choice: ['ex-knee-to-chest', 'ex-childs-pose', 'rem-capsaicin-topical', 'tx-heat'],
  library: [
    'pos-mattress-firmness',
    'pro-chiropractic-manipulation',
    'pro-acupuncture',
    'pro-imaging-tests',
    'pro-surgery',
  ],
};

const prevention: StageExpectation = {
  stage: 'prevention',
  firstScreen: [],
  core: [
    'ex-core-back-strengthening',
    'ex-walking',
    'ex-yoga',
    'ex-gentle-stretching',
    'prev-keep-exercising',
    'prev-break-up-sitting-lying',
    'tx-sleep-routine',
    'pro-physiotherapy',
  ],
  choice: ['ex-knee-to-chest', 'ex-childs-pose', 'prev-healthy-weight'],
  library: ['prev-footwear', 'pos-mattress-firmness'],
};

const byDay: readonly (readonly [number, StageExpectation])[] = [
  [0, acute],
  [1, acute],
  [3, subacuteEarly],
  [5, subacuteEarly],
  [7, subacuteEarly],
  [8, subacuteLate],
  [11, subacuteLate],
  [14, subacuteLate],
  [15, recovery],
  [30, recovery],
  [42, recovery],
  [43, prevention],
  [90, prevention],
];

describe('§5 slots, stage by stage (no conditions, no preferences)', () => {
  it.each(byDay)('day %i: %o', (day, expected) => {
    const plan = planFor({ onsetDaysAgo: day });
    const today = todayOf(plan);
    expect(today.stage).toBe(expected.stage);
    expect(idsOf(today, 'first_screen')).toEqual(expected.firstScreen);
    expect(idsOf(today, 'core')).toEqual(expected.core);
    expect(idsOf(today, 'choice')).toEqual(expected.choice);
    expect(today.library.map((ref) => ref.entryId)).toEqual(expected.library);
    expect(plan.alwaysAvailable.map((item) => item.entryId)).toEqual(['pro-see-doctor-what-to-tell']);
  });

  // Day 2 is the last acute day: the ice window's last day, which carries its own warning.
  it('day 2 is acute and keeps the cold pack, with the 48-hour warning', () => {
    const day2 = todayOf(planFor({ onsetDaysAgo: 2 }));
    expect(day2.stage).toBe('acute');
    expect(idsOf(day2, 'choice')).toEqual(acuteChoices);
    expect(itemOf(day2, 'tx-ice').personalNotes.join(' ')).toMatch(/48 hours/);
  });

  it('days 0 and 1 offer the cold pack without the warning', () => {
    for (const day of [0, 1]) {
      const item = itemOf(todayOf(planFor({ onsetDaysAgo: day })), 'tx-ice');
      expect(item.personalNotes.join(' ')).not.toMatch(/48 hours/);
      expect(item.note).toMatch(/48 hours/);
    }
  });
});

describe('§5 timing rules', () => {
  it('lists heat first among the heat and cold measures on every acute day (D2)', () => {
    for (const day of [0, 1, 2]) {
      const ids = idsOf(todayOf(planFor({ onsetDaysAgo: day })));
      expect(ids.indexOf('tx-heat')).toBeLessThan(ids.indexOf('tx-ice'));
      expect(ids.indexOf('tx-heat')).toBeLessThan(ids.indexOf('tx-alternate-ice-heat'));
    }
  });

  it('stops the cold pack after 48 hours and says to use heat instead (D4)', () => {
    const plan = planFor({ onsetDaysAgo: 0 });
    for (const day of [3, 4, 5, 6, 7]) {
      expect(idsOf(dayOf(plan, day))).not.toContain('tx-ice');
      expect(dayOf(plan, day).stops).toEqual([
        expect.objectContaining({ entryId: 'tx-ice', instead: expect.stringMatching(/heat/) as unknown }),
      ]);
    }
    expect(dayOf(plan, 8).stops).toEqual([]);
  });

  it.each([
    [0, true],
    [2, true],
    [3, true],
    [7, true],
    [8, false],
    [14, false],
  ])('offers cold-then-heat on day %i: %s (to day 7)', (day, offered) => {
    expect(idsOf(dayOf(planFor({ onsetDaysAgo: 0 }), day)).includes('tx-alternate-ice-heat')).toBe(offered);
  });

  it('keeps the contrast shower in the library with its caveat on days 3–7, never as an item', () => {
    const plan = planFor({ onsetDaysAgo: 0 }, { horizonDays: 60 });
    for (const day of plan.days) {
      expect(idsOf(day)).not.toContain('tx-contrast-shower');
      const ref = day.library.find((candidate) => candidate.entryId === 'tx-contrast-shower');
      if (day.day >= 3 && day.day <= 7) {
        expect(ref).toEqual({
          entryId: 'tx-contrast-shower',
          title: expect.any(String) as unknown,
          display: 'inform_only',
          displayNote: expect.stringMatching(/Not tested for back pain/) as unknown,
          timerAfterCaveat: true,
        });
      } else {
        expect(ref).toBeUndefined();
      }
    }
  });

  it('never shows how-to for the library references: they carry only the title and the caveat', () => {
    const plan = planFor({ onsetDaysAgo: 0 }, { horizonDays: 60 });
    for (const ref of plan.days.flatMap((day) => day.library)) {
      expect(Object.keys(ref).sort()).toEqual([
        'display',
        'displayNote',
        'entryId',
        'timerAfterCaveat',
        'title',
      ]);
      expect(ref.displayNote.length).toBeGreaterThan(0);
      if (ref.display === 'do_not_recommend') expect(ref.timerAfterCaveat).toBe(false);
    }
  });

  it('starts the specific stretches on day 3 and holds them back before', () => {
    const plan = planFor({ onsetDaysAgo: 0 });
    for (const id of ['ex-prone-press-up', 'ex-knee-to-chest', 'ex-childs-pose']) {
      expect(idsOf(dayOf(plan, 2))).not.toContain(id);
      expect(idsOf(dayOf(plan, 3))).toContain(id);
    }
  });

  it('starts the stretches small (start values) in days 3–7 and builds them up in days 8–14', () => {
    const plan = planFor({ onsetDaysAgo: 0 });
    const goals = (day: number, id: string) =>
      Object.fromEntries(itemOf(dayOf(plan, day), id).how.numbers.map((n) => [n.field, n.goal]));
    expect(goals(3, 'ex-knee-to-chest')).toMatchObject({ hold_s: 15, reps_per_side: 2 });
    expect(goals(8, 'ex-knee-to-chest')).toMatchObject({ hold_s: 30, reps_per_side: 4 });
    expect(goals(3, 'ex-prone-press-up')).toMatchObject({ hold_s: 10, reps: 10 });
    expect(goals(8, 'ex-prone-press-up')).toMatchObject({ hold_s: 30, reps: 10 });
    expect(goals(3, 'ex-childs-pose')).toMatchObject({ hold_s: 10, reps: 2 });
    expect(goals(8, 'ex-childs-pose')).toMatchObject({ hold_s: 30, reps: 3 });
    expect(goals(0, 'ex-gentle-stretching')).toMatchObject({ hold_s: 8 });
  });

  it('keeps recovery from day 15 to day 42 and prevention from day 43', () => {
    const plan = planFor({ onsetDaysAgo: 0 });
    expect(plan.stages.map(({ stage, startDay, endDay }) => [stage, startDay, endDay])).toEqual([
      ['acute', 0, 2],
      ['subacute_early', 3, 7],
      ['subacute_late', 8, 14],
      ['recovery', 15, 42],
      ['prevention', 43, null],
    ]);
    expect(plan.stages[3]?.startDate).toBe(addDays(plan.onsetDate, 15));
    expect(plan.stages[4]?.endDate).toBeNull();
  });
});

describe('held back, with the day each unlocks', () => {
  const unlocks = (onsetDaysAgo: number, painIsMild = false) =>
    planFor({ onsetDaysAgo, painIsMild }).heldBack.map((held) => [held.entryId, held.unlockDay]);

  it('on day 0: the day-3 stretches, week-two options, recovery and prevention entries', () => {
    expect(unlocks(0)).toEqual([
      ['prev-break-up-sitting-lying', 3],
      ['ex-knee-to-chest', 3],
      ['ex-prone-press-up', 3],
      ['ex-childs-pose', 3],
      ['pro-physiotherapy', 8],
      ['rem-capsaicin-topical', 8],
      ['ex-core-back-strengthening', 15],
      ['ex-yoga', 15],
      ['prev-keep-exercising', 43],
      ['prev-healthy-weight', 43],
    ]);
  });

  it('gives each unlock a date and a reason; recovery mentions the early move', () => {
    const plan = planFor({ onsetDaysAgo: 1 });
    for (const held of plan.heldBack) {
      expect(held.unlockDate).toBe(addDays(plan.onsetDate, held.unlockDay));
      expect(held.reason.length).toBeGreaterThan(0);
    }
    const core = plan.heldBack.find((held) => held.entryId === 'ex-core-back-strengthening');
    expect(core).toMatchObject({ unlockStage: 'recovery', unlockDay: 15 });
    expect(core?.reason).toMatch(/day 8 if your pain is mild/);
  });

  it('on day 3: only the later entries', () => {
    expect(unlocks(3).map(([id]) => id)).toEqual([
      'pro-physiotherapy',
      'rem-capsaicin-topical',
      'ex-core-back-strengthening',
      'ex-yoga',
      'prev-keep-exercising',
      'prev-healthy-weight',
    ]);
  });

  it('after an early move to recovery, only the prevention entries', () => {
    expect(unlocks(9, true)).toEqual([
      ['prev-keep-exercising', 43],
      ['prev-healthy-weight', 43],
    ]);
  });

  it('in prevention, nothing', () => {
    expect(unlocks(50)).toEqual([]);
  });
});

describe('§5 early move to recovery (pain mild, day 8 or later)', () => {
  it.each([
    [7, true, 'subacute_early', false],
    [8, false, 'subacute_late', false],
    [8, true, 'recovery', true],
    [12, true, 'recovery', true],
    [14, true, 'recovery', true],
    // From day 15 recovery is the normal stage; nothing is early about it.
    [15, true, 'recovery', false],
  ] as const)('day %i, mild %s → %s (early: %s)', (day, painIsMild, stage, early) => {
    const plan = planFor({ onsetDaysAgo: day, painIsMild });
    expect(plan.stage).toBe(stage);
    expect(plan.earlyRecovery).toBe(early);
  });

  it('brings in light strengthening and yoga at once, and shows recovery starting today', () => {
    const plan = planFor({ onsetDaysAgo: 10, painIsMild: true });
    expect(idsOf(todayOf(plan))).toEqual(expect.arrayContaining(['ex-core-back-strengthening', 'ex-yoga']));
    expect(plan.stages.find((span) => span.stage === 'recovery')).toMatchObject({ startDay: 10, endDay: 42 });
    expect(plan.stages.find((span) => span.stage === 'subacute_late')).toMatchObject({
      startDay: 8,
      endDay: 9,
    });
    expect(plan.days.every((day) => day.stage === 'recovery')).toBe(true);
  });

  // The rule reads today's pain; a mild day 3 does not turn day 8 into recovery in advance.
  it('is not projected from an earlier day', () => {
    const plan = planFor({ onsetDaysAgo: 3, painIsMild: true });
    expect(dayOf(plan, 8).stage).toBe('subacute_late');
    expect(plan.earlyRecovery).toBe(false);
  });
});

describe('check-ins on day 7 and day 14 (rf-no-improvement-1-2-weeks)', () => {
  it('dates both, marks the days, and says what to do if not clearly better', () => {
    const plan = planFor({ onsetDaysAgo: 0 });
    expect(plan.checkIns.map(({ id, day, date, state }) => [id, day, date, state])).toEqual([
      ['day-7', 7, addDays(TODAY, 7), 'upcoming'],
      ['day-14', 14, addDays(TODAY, 14), 'upcoming'],
    ]);
    expect(dayOf(plan, 7).checkIn).toBe('day-7');
    expect(dayOf(plan, 14).checkIn).toBe('day-14');
    expect(plan.days.filter((day) => day.checkIn !== null).map((day) => day.day)).toEqual([7, 14]);
    const [week1, week2] = plan.checkIns;
    expect(week1?.ifNotBetter).toMatch(/GP or a physiotherapist/);
    expect(week1?.diarySummary).toBe(false);
    expect(week2?.seeAlso).toContain('pro-see-doctor-what-to-tell');
    expect(week2?.diarySummary).toBe(true);
    for (const checkIn of plan.checkIns) {
      expect(checkIn.entryId).toBe('rf-no-improvement-1-2-weeks');
      expect(checkIn.ifWorse).toMatch(/sooner/);
      expect(checkIn.why.refs.length).toBeGreaterThan(0);
      expect(checkIn.why.sources.length).toBeGreaterThan(0);
    }
  });

  it.each([
    [5, 'upcoming', 'upcoming'],
    [7, 'today', 'upcoming'],
    [10, 'past', 'upcoming'],
    [14, 'past', 'today'],
    [20, 'past', 'past'],
  ] as const)('on day %i: day 7 is %s, day 14 is %s', (day, first, second) => {
    expect(planFor({ onsetDaysAgo: day }).checkIns.map((c) => c.state)).toEqual([first, second]);
  });
});

describe('the horizon', () => {
  it.each([
    [0, undefined, 0, 14],
    [3, undefined, 3, 16],
    [10, undefined, 10, 23],
    [40, undefined, 40, 53],
    [0, 30, 0, 29],
    [20, 1, 20, 20],
    // Day 14's check-in is always listed, even with a one-day horizon.
    [2, 1, 2, 14],
  ] as const)('day %i, horizonDays %s → days %i to %i', (day, horizonDays, first, last) => {
    const plan = planFor({ onsetDaysAgo: day }, horizonDays === undefined ? undefined : { horizonDays });
    expect(plan.days[0]?.day).toBe(first);
    expect(plan.days.at(-1)?.day).toBe(last);
    expect(plan.days.map((d) => d.date)).toEqual(plan.days.map((d) => addDays(plan.onsetDate, d.day)));
  });
});

describe('red-flag check before every phase', () => {
  it('marks the first day of each phase', () => {
    const plan = planFor({ onsetDaysAgo: 0 }, { horizonDays: 50 });
    expect(plan.days.filter((day) => day.redFlagCheckFirst).map((day) => day.day)).toEqual([0, 3, 15, 43]);
  });

  it.each([
    [0, addDays(TODAY, 3)],
    [5, addDays(TODAY, 10)],
    [20, addDays(TODAY, 23)],
    [50, null],
  ] as const)('on day %i the next check is %s', (day, date) => {
    expect(planFor({ onsetDaysAgo: day }).nextRedFlagCheck).toBe(date);
  });
});

describe('every item carries its how, how often, why and sources', () => {
  const plans = [0, 4, 9, 20, 50].map((day) => planFor({ onsetDaysAgo: day }));
  const items = plans.flatMap((plan) => [...plan.days.flatMap((day) => day.items), ...plan.alwaysAvailable]);
  const seedTitles = new Map(seedFiles.map((seed) => [seed.file as string, seed.title]));

  it('has at least one evidence reference with its address, and at least one seed source with our title', () => {
    expect(items.length).toBeGreaterThan(100);
    for (const item of items) {
      expect(item.why.refs.length, item.entryId).toBeGreaterThan(0);
      for (const ref of item.why.refs) {
        expect(ref.url).toBe(evidenceCodes[ref.code].url);
        expect(ref.url).toMatch(/^https?:\/\//);
      }
      expect(item.why.sources.length, item.entryId).toBeGreaterThan(0);
      for (const source of item.why.sources) expect(source.seedTitle).toBe(seedTitles.get(source.file));
      expect(item.howOften.text.length).toBeGreaterThan(0);
      expect(['recommend', 'option']).toContain(item.display);
    }
  });

  it('marks the spec’s own numbers as ours and the seeds’ numbers as source', () => {
    const plan = planFor({ onsetDaysAgo: 0 });
    const numbers = (id: string) =>
      Object.fromEntries(itemOf(todayOf(plan), id).how.numbers.map((n) => [n.field, n] as const));
    expect(numbers('tx-heat')['on_s']).toMatchObject({ min: 1200, max: 1200, origin: 'ours' });
    expect(numbers('tx-heat')['prep_s']).toMatchObject({ min: 20, max: 30, origin: 'source' });
    expect(numbers('tx-ice')['on_s']).toMatchObject({ min: 900, max: 1200, start: 1200, origin: 'ours' });
    expect(numbers('tx-ice')['window_h']).toMatchObject({ min: 48, max: 48, origin: 'source' });
    expect(numbers('ex-gentle-stretching')['reps']).toMatchObject({ min: 2, max: 3, origin: 'ours' });
    expect(numbers('ex-gentle-stretching')['hold_s']).toMatchObject({ min: 8, max: 10, origin: 'source' });
    expect(itemOf(todayOf(plan), 'tx-heat').how.oursReason).toMatch(/20 minutes/);
    expect(itemOf(todayOf(plan), 'tx-ice').how.untilRelief).toBe(true);
  });

  it('shows the walking goal (ours) only from recovery on', () => {
    const fields = (day: number) =>
      itemOf(todayOf(planFor({ onsetDaysAgo: day })), 'ex-walking').how.numbers.map((n) => [
        n.field,
        n.origin,
      ]);
    expect(fields(0)).toEqual([]);
    expect(fields(9)).toEqual([]);
    expect(fields(20)).toEqual([
      ['prevention_target.sessions_per_week', 'ours'],
      ['prevention_target.session_min', 'ours'],
    ]);
  });

  it('gives medicines no numbers at all, only "as the label says"', () => {
    for (const day of [0, 4]) {
      for (const id of ['med-oral-nsaid-otc', 'med-topical-cream-otc']) {
        const item = itemOf(todayOf(planFor({ onsetDaysAgo: day })), id);
        expect(item.how.numbers).toEqual([]);
        expect(item.howOften.basis).toBe('label');
      }
    }
  });

  it('leaves the catalogue’s notes to its authors out of the cautions and notes', () => {
    const editorial = new Set(knowledgeEntries.flatMap((entry) => entry.editorial ?? []));
    expect(editorial.size).toBeGreaterThan(0);
    for (const item of items) {
      for (const caution of item.cautions) expect(editorial.has(caution), caution).toBe(false);
      expect(editorial.has(item.displayNote ?? '')).toBe(false);
    }
  });

  it('shows the cold pack with a note in our words, not the catalogue’s instruction to the app', () => {
    const item = itemOf(todayOf(planFor()), 'tx-ice');
    expect(item.displayNote).toMatch(/^Heat has better evidence than cold/);
    expect(item.displayNote).not.toMatch(/user/);
  });
});

describe('sessions (the reminder slots of each day)', () => {
  it('day 0: heat (or cold) and stretches morning and evening, a walk three times', () => {
    const day0 = todayOf(planFor());
    expect(day0.sessions.map((s) => [s.slot, s.groups])).toEqual([
      ['morning', ['thermal', 'stretch', 'walk']],
      ['midday', ['walk']],
      ['evening', ['thermal', 'stretch', 'walk']],
    ]);
    expect(day0.sessions[0]?.itemIds).toEqual([
      'ex-walking',
      'tx-heat',
      'tx-ice',
      'tx-alternate-ice-heat',
      'ex-gentle-stretching',
    ]);
  });

  it('recovery: a strength-or-yoga session twice a week', () => {
    const plan = planFor({ onsetDaysAgo: 15 });
    const strengthDays = plan.days
      .filter((day) => day.sessions.some((s) => s.groups.includes('strength')))
      .map((day) => day.day);
    expect(strengthDays).toEqual([15, 18, 22, 25]);
    const session = dayOf(plan, 15).sessions.find((s) => s.groups.includes('strength'));
    expect(session?.itemIds).toEqual(['ex-core-back-strengthening', 'ex-yoga']);
  });

  it('every session lists only items of its day', () => {
    const plan = planFor({ onsetDaysAgo: 0 }, { horizonDays: 50 });
    for (const day of plan.days) {
      for (const session of day.sessions) {
        expect(session.itemIds.length).toBeGreaterThan(0);
        for (const id of session.itemIds) expect(idsOf(day)).toContain(id);
      }
    }
  });
});

describe('recurrence (§5 trigger: a second logged episode → rf-recurring-spasms)', () => {
  it.each([
    [0, false],
    [1, true],
    [3, true],
  ])('with %i earlier episodes: card %s', (earlierEpisodes, shown) => {
    const plan = planFor({ onsetDaysAgo: 2, earlierEpisodes });
    expect(plan.recurrence !== null).toBe(shown);
    if (plan.recurrence !== null) {
      expect(plan.recurrence.fromDate).toBe(addDays(plan.onsetDate, 15));
      expect(plan.recurrence.why.refs.length).toBeGreaterThan(0);
    }
  });
});

describe('the plan frame', () => {
  it('carries the safety-netting and no appointment for self_care', () => {
    const plan = planFor();
    expect(plan.disposition).toBe('self_care');
    expect(plan.appointment).toBeNull();
    expect(plan.safetyNet.groups).toHaveLength(4);
  });

  it('echoes the episode and the conditions it used', () => {
    const plan = planFor({ conditions: ['osteoporosis', 'spinal_stenosis'] });
    expect(plan).toMatchObject({
      onsetDate: TODAY,
      timeZone: 'Europe/London',
      location: 'lower',
      trigger: 'lifting',
    });
    expect(plan.conditions).toEqual({
      recorded: ['osteoporosis', 'spinal_stenosis'],
      matched: ['spinal_stenosis'],
    });
  });

  it('accepts a whole stored episode spread into the profile (extra fields are ignored)', () => {
    const profile = {
      ...makeProfile(),
      id: '0190f5d2-6b1a-7c3d-8e4f-123456789abc',
      status: 'active',
      createdAt: '2026-03-10T08:00:00.000Z',
    };
    expect(buildPlan(profile, TODAY).kind).toBe('plan');
  });
});
