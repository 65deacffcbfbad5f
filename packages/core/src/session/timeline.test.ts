/**
 * Timelines: every protocol's default numbers and caps (from our copy of protocols.json, which protocols.test.ts
 * proves equal to the file), the §5 progressions by day, overrides, sides, variants, origins and cues.
 */
import { describe, expect, it } from 'vitest';
import { protocols, type RangeSpec } from './protocols.ts';
import { mustTimeline } from './test-factories.ts';
import { buildTimeline } from './timeline.ts';
import type { Step, StepKind, Timeline, TimelineNumber } from './types.ts';

const s = 1000;
const min = 60 * s;

function numberOf(line: Timeline, key: string): TimelineNumber {
  const found = line.numbers.find((n) => n.key === key);
  if (found === undefined) throw new Error(`${line.protocolId} has no number ${key}`);
  return found;
}

function kinds(line: Timeline): StepKind[] {
  return line.steps.map((step) => step.kind);
}

function holds(line: Timeline): Step[] {
  return line.steps.filter((step) => step.kind === 'hold');
}

/** The timer keys whose range a timeline must use as is (the rest are structure, windows or schedules). */
const rangeKeys = ['on_s', 'off_s', 'hot_s', 'cold_s', 'hold_s', 'reps', 'reps_per_side', 'session_min'];

describe('every protocol of protocols.json', () => {
  it.each(protocols.map((p) => [p.id, p] as const))('%s: default numbers equal the file', (id, protocol) => {
    const line = mustTimeline(id);
    for (const key of rangeKeys) {
      const spec = (protocol.timer as Record<string, RangeSpec | undefined>)[key];
      if (spec === undefined) continue;
      expect(numberOf(line, key), `${id}.${key}`).toMatchObject({
        value: spec.default,
        min: spec.min,
        max: spec.max,
      });
    }
    expect(line.totalMs).toBe(line.steps.reduce((sum, step) => sum + step.durationMs, 0));
  });

  it.each(protocols.map((p) => [p.id] as const))('%s: steps follow each other with no gap', (id) => {
    const line = mustTimeline(id);
    line.steps.forEach((step, i) => {
      expect(step.index).toBe(i);
      const previous = line.steps[i - 1];
      expect(step.startMs).toBe(previous === undefined ? 0 : previous.startMs + previous.durationMs);
      expect(step.durationMs).toBeGreaterThan(0);
      expect(step.label.length).toBeGreaterThan(0);
    });
  });
});

describe('treatments', () => {
  it('cold pack: 20 min on, 30 min off, two rounds, ending with the pack off; 48 h window', () => {
    const line = mustTimeline('tx-ice');
    expect(kinds(line)).toEqual(['apply_cold', 'rest', 'apply_cold']);
    expect(line.steps.map((step) => step.durationMs)).toEqual([20 * min, 30 * min, 20 * min]);
    expect(line.steps.map((step) => [step.cycle, step.cycleCount])).toEqual([
      [1, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(line.untilRelief).toBe(true);
    expect(line.windowMs).toBe(48 * 60 * min);
    expect(line.afterward[0]).toMatch(/30 minutes/);
  });

  it('cold pack: the shorter 15/20 variant and more rounds are allowed', () => {
    const line = mustTimeline('tx-ice', { overrides: { on_s: 900, off_s: 1200, cycles: 4 } });
    expect(kinds(line)).toEqual([
      'apply_cold',
      'rest',
      'apply_cold',
      'rest',
      'apply_cold',
      'rest',
      'apply_cold',
    ]);
    expect(line.totalMs).toBe(4 * 15 * min + 3 * 20 * min);
    expect(line.clamped).toEqual([]);
  });

  it('heat: one 20-minute application; warming a grain bag adds 20 s first', () => {
    expect(kinds(mustTimeline('tx-heat'))).toEqual(['apply_heat']);
    const withBag = mustTimeline('tx-heat', { prep: true });
    expect(withBag.steps.map((step) => [step.kind, step.durationMs])).toEqual([
      ['prepare', 20 * s],
      ['apply_heat', 20 * min],
    ]);
    expect(mustTimeline('tx-heat', { overrides: { prep_s: 30 } }).steps[0]?.durationMs).toBe(30 * s);
  });

  it('cold then heat: the tx-ice and tx-heat timers with a skin check that waits for the person', () => {
    const line = mustTimeline('tx-alternate-ice-heat');
    expect(line.steps.map((step) => [step.kind, step.durationMs, step.waitsForConfirmation])).toEqual([
      ['apply_cold', 20 * min, undefined],
      ['skin_check', 60 * s, true],
      ['apply_heat', 20 * min, undefined],
    ]);
    expect(line.windowMs).toBe(168 * 60 * min);
    // Its own prompt first, then the cold-pack and heat prompts it also needs.
    const ice = protocols.find((p) => p.id === 'tx-ice')?.required_prompts ?? [];
    const heat = protocols.find((p) => p.id === 'tx-heat')?.required_prompts ?? [];
    const own = protocols.find((p) => p.id === 'tx-alternate-ice-heat')?.required_prompts ?? [];
    expect(line.requiredPrompts).toEqual([...own, ...ice, ...heat]);
  });

  it('contrast shower: 3 min hot, 30 s cool, at most 4 rounds, caveat required', () => {
    const line = mustTimeline('tx-contrast-shower');
    expect(line.steps.map((step) => [step.kind, step.durationMs / s])).toEqual(
      Array.from({ length: 4 }, () => [
        ['hot', 180],
        ['cold', 30],
      ]).flat(),
    );
    expect(line.totalMs).toBe(14 * min);
    expect(numberOf(line, 'cycles')).toMatchObject({ value: 4, max: 4, origin: 'spec_default' });
    expect(line.needs.caveat).toBe(true);
    expect(line.caveat).not.toBeNull();
    const capped = mustTimeline('tx-contrast-shower', { overrides: { cycles: 9 } });
    expect(capped.steps).toHaveLength(8);
    expect(capped.clamped).toEqual([{ key: 'cycles', requested: 9, used: 4 }]);
    expect(mustTimeline('tx-contrast-shower', { overrides: { cycles: 2 } }).steps).toHaveLength(4);
  });

  it('lavender rub (an inform_only remedy with a timer): 10 minutes after the caveat, no prompts', () => {
    const line = mustTimeline('rem-lavender-oil-rub');
    expect(kinds(line)).toEqual(['leave_on']);
    expect(line.totalMs).toBe(10 * min);
    expect(line.needs).toEqual({ prompts: false, caveat: true });
  });
});

describe('exercises', () => {
  it('gentle stretching: get ready, hold 8 s, ease out, rest, twice', () => {
    const line = mustTimeline('ex-gentle-stretching');
    expect(line.steps.map((step) => [step.kind, step.durationMs / s, step.rep])).toEqual([
      ['get_ready', 5, 1],
      ['hold', 8, 1],
      ['release', 3, 1],
      ['rest_between_reps', 5, 2],
      ['get_ready', 5, 2],
      ['hold', 8, 2],
      ['release', 3, 2],
    ]);
    expect(line.painCheck).toBe(true);
  });

  it('prone press-up: 10 holds of 10 s', () => {
    const line = mustTimeline('ex-prone-press-up');
    expect(holds(line).map((step) => step.durationMs)).toEqual(Array<number>(10).fill(10 * s));
    expect(holds(line).map((step) => step.rep)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('knee to chest: 15 s holds, 2 per side, alternating sides with a switch between', () => {
    const line = mustTimeline('ex-knee-to-chest');
    expect(holds(line).map((step) => [step.side, step.rep, step.durationMs / s])).toEqual([
      ['left', 1, 15],
      ['right', 1, 15],
      ['left', 2, 15],
      ['right', 2, 15],
    ]);
    expect(kinds(line).filter((kind) => kind === 'switch_sides')).toHaveLength(3);
    expect(kinds(line)).not.toContain('rest_between_reps');
    const right = mustTimeline('ex-knee-to-chest', { sideOrder: 'right_first' });
    expect(holds(right).map((step) => step.side)).toEqual(['right', 'left', 'right', 'left']);
  });

  it('knee to chest, both knees: the same hold, repetitions without sides', () => {
    const line = mustTimeline('ex-knee-to-chest', { variant: 'both_knees' });
    expect(line.variant).toBe('both_knees');
    expect(holds(line).map((step) => [step.side, step.durationMs / s])).toEqual([
      [undefined, 15],
      [undefined, 15],
    ]);
    expect(numberOf(line, 'reps')).toMatchObject({ value: 2, min: 2, max: 4, origin: 'spec_default' });
  });

  it("child's pose: 10 s holds, twice", () => {
    expect(holds(mustTimeline('ex-childs-pose')).map((step) => step.durationMs)).toEqual([10 * s, 10 * s]);
  });

  it('strengthening: one 30-minute session (30–45)', () => {
    const line = mustTimeline('ex-core-back-strengthening');
    expect(kinds(line)).toEqual(['exercise']);
    expect(line.totalMs).toBe(30 * min);
    expect(mustTimeline('ex-core-back-strengthening', { overrides: { session_min: 45 } }).totalMs).toBe(
      45 * min,
    );
  });

  it('walking: a few minutes at first, a minute more each day, up to the 30-minute target', () => {
    const table: [number | undefined, number][] = [
      [undefined, 5],
      [0, 5],
      [3, 8],
      [10, 15],
      [25, 30],
      [200, 30],
    ];
    for (const [day, minutes] of table) {
      const line = mustTimeline('ex-walking', day === undefined ? {} : { day });
      expect(line.totalMs, `day ${String(day)}`).toBe(minutes * min);
    }
    expect(numberOf(mustTimeline('ex-walking', { day: 40 }), 'session_min').origin).toBe('spec_default');
    expect(numberOf(mustTimeline('ex-walking', { day: 1 }), 'session_min').origin).toBe('app');
  });
});

describe('progression by day (§5)', () => {
  /** [day, knee hold, knee reps per side, child hold, child reps, press-up hold] */
  const table: [number, number, number, number, number, number][] = [
    [3, 15, 2, 10, 2, 10],
    [7, 15, 2, 10, 2, 10],
    [8, 15, 2, 15, 2, 15],
    [10, 20, 3, 20, 2, 20],
    [12, 25, 3, 25, 3, 25],
    [14, 30, 4, 30, 3, 30],
    [15, 30, 4, 30, 3, 30],
    [60, 30, 4, 30, 3, 30],
  ];

  it.each(table)('day %i', (day, kneeHold, kneeReps, childHold, childReps, pressHold) => {
    const knee = mustTimeline('ex-knee-to-chest', { day });
    expect(holds(knee)[0]?.durationMs).toBe(kneeHold * s);
    expect(holds(knee).filter((step) => step.side === 'left')).toHaveLength(kneeReps);
    const child = mustTimeline('ex-childs-pose', { day });
    expect(holds(child).map((step) => step.durationMs)).toEqual(Array<number>(childReps).fill(childHold * s));
    const press = mustTimeline('ex-prone-press-up', { day });
    expect(holds(press).map((step) => step.durationMs)).toEqual(Array<number>(10).fill(pressHold * s));
  });

  // Every day's numbers stay inside the protocol's range and never go down as days pass.
  it('moves only upwards and stays in range, day 0 to 30', () => {
    for (const id of ['ex-knee-to-chest', 'ex-childs-pose', 'ex-prone-press-up']) {
      let previous = 0;
      for (let day = 0; day <= 30; day++) {
        const hold = numberOf(mustTimeline(id, { day }), 'hold_s');
        expect(hold.value).toBeGreaterThanOrEqual(Math.max(previous, hold.min));
        expect(hold.value).toBeLessThanOrEqual(hold.max);
        previous = hold.value;
      }
    }
  });

  it('gentle stretching keeps its small 8 s holds on days 0–2 (it has no progression)', () => {
    for (const day of [0, 1, 2, 20]) {
      expect(holds(mustTimeline('ex-gentle-stretching', { day })).map((step) => step.durationMs)).toEqual([
        8 * s,
        8 * s,
      ]);
    }
  });

  it('marks day-chosen numbers, and an override beats the day', () => {
    const line = mustTimeline('ex-knee-to-chest', { day: 10 });
    expect(numberOf(line, 'hold_s')).toMatchObject({ value: 20, origin: 'source', byDay: true });
    const chosen = mustTimeline('ex-knee-to-chest', { day: 10, overrides: { hold_s: 15 } });
    expect(numberOf(chosen, 'hold_s')).toEqual({
      key: 'hold_s',
      value: 15,
      unit: 's',
      min: 15,
      max: 30,
      origin: 'user',
    });
  });

  it('shows gentle stretching as recommended from recovery (display_by_phase)', () => {
    expect(mustTimeline('ex-gentle-stretching', { day: 1 }).display).toBe('option');
    expect(mustTimeline('ex-gentle-stretching', { day: 15 }).display).toBe('recommend');
    expect(mustTimeline('ex-gentle-stretching').display).toBe('option');
  });
});

describe('overrides: clamped into range, or refused when not a usable number', () => {
  const clamps: [string, Record<string, number>, string, number, number][] = [
    ['tx-ice', { on_s: 600 }, 'on_s', 600, 900],
    ['tx-ice', { on_s: 3600 }, 'on_s', 3600, 1200],
    ['tx-ice', { off_s: 60 }, 'off_s', 60, 1200],
    ['tx-ice', { cycles: 0 }, 'cycles', 0, 1],
    ['tx-ice', { cycles: 50 }, 'cycles', 50, 10],
    ['tx-heat', { on_s: 3600 }, 'on_s', 3600, 1200],
    ['ex-gentle-stretching', { hold_s: 30 }, 'hold_s', 30, 10],
    ['ex-knee-to-chest', { reps_per_side: 9 }, 'reps_per_side', 9, 4],
    ['ex-prone-press-up', { reps: 20 }, 'reps', 20, 10],
    ['ex-walking', { session_min: 90 }, 'session_min', 90, 30],
    ['ex-childs-pose', { get_ready_s: 0 }, 'get_ready_s', 0, 3],
  ];

  it.each(clamps)('%s %j → %s %i clamped to %i', (id, overrides, key, requested, used) => {
    const line = mustTimeline(id, { overrides });
    expect(line.clamped).toEqual([{ key, requested, used }]);
    expect(numberOf(line, key)).toMatchObject({ value: used, origin: 'user' });
  });

  const refusals: [string, unknown, string][] = [
    ['tx-ice', { overrides: { on_s: 1000.5 } }, 'overrides.on_s'],
    ['tx-ice', { overrides: { on_s: Number.NaN } }, 'overrides.on_s'],
    ['tx-ice', { overrides: { on_s: '1200' } }, 'overrides.on_s'],
    ['tx-ice', { overrides: { onS: 1200 } }, 'overrides.onS'],
    ['tx-ice', { overrides: { hold_s: 10 } }, 'overrides.hold_s'],
    ['tx-ice', { overrides: [] }, 'overrides'],
    ['tx-ice', { day: -1 }, 'day'],
    ['tx-ice', { day: 1.5 }, 'day'],
    ['ex-knee-to-chest', { variant: 'three_knees' }, 'variant'],
    ['ex-childs-pose', { variant: 'both_knees' }, 'variant'],
    ['ex-knee-to-chest', { sideOrder: 'up_first' }, 'sideOrder'],
    ['tx-heat', { prep: 'yes' }, 'prep'],
    ['tx-heat', { disposition: 'unsure' }, 'disposition'],
    [
      'ex-knee-to-chest',
      { variant: 'both_knees', overrides: { reps_per_side: 3 } },
      'overrides.reps_per_side',
    ],
  ];

  it.each([null, 3, 'day 3', []])('refuses options that are not an object: %j', (options) => {
    expect(buildTimeline('tx-ice', options as never)).toMatchObject({
      ok: false,
      reason: 'invalid_option',
      field: 'options',
    });
  });

  it.each(refusals)('%s %j is refused (%s)', (id, options, field) => {
    expect(buildTimeline(id, options as never)).toMatchObject({ ok: false, reason: 'invalid_option', field });
  });

  it('never changes the options it is given', () => {
    const options = Object.freeze({ day: 10, overrides: Object.freeze({ hold_s: 99 }) });
    mustTimeline('ex-childs-pose', options);
    expect(options).toEqual({ day: 10, overrides: { hold_s: 99 } });
  });
});

describe('where the numbers come from', () => {
  const table: [string, string, string][] = [
    ['tx-ice', 'on_s', 'source'],
    ['tx-ice', 'off_s', 'source'],
    ['tx-ice', 'cycles', 'app'],
    ['tx-heat', 'on_s', 'spec_default'],
    ['tx-alternate-ice-heat', 'on_s', 'source'],
    ['tx-alternate-ice-heat', 'skin_check_s', 'app'],
    ['tx-alternate-ice-heat', 'heat_on_s', 'spec_default'],
    ['tx-contrast-shower', 'hot_s', 'source'],
    ['tx-contrast-shower', 'cycles', 'spec_default'],
    ['ex-gentle-stretching', 'hold_s', 'source'],
    ['ex-gentle-stretching', 'reps', 'spec_default'],
    ['ex-gentle-stretching', 'get_ready_s', 'app'],
    ['ex-prone-press-up', 'reps', 'source'],
    ['ex-knee-to-chest', 'reps_per_side', 'source'],
    ['ex-core-back-strengthening', 'session_min', 'source'],
    ['rem-lavender-oil-rub', 'on_s', 'source'],
  ];
  it.each(table)('%s %s: %s', (id, key, origin) => {
    expect(numberOf(mustTimeline(id), key).origin).toBe(origin);
  });

  // The press-up source states 10 s and a progression up to 30 s: a day-14 hold of 30 s is still a source number.
  it('counts a stated progression maximum as a source number', () => {
    expect(numberOf(mustTimeline('ex-prone-press-up', { day: 14 }), 'hold_s')).toMatchObject({
      value: 30,
      origin: 'source',
    });
  });

  it('lists the seed files behind the numbers', () => {
    expect(mustTimeline('tx-contrast-shower').sources).toEqual(['000_2f3779810b56e61f.txt']);
  });
});

describe('cues', () => {
  it('a hold gets a step change, a halfway and a 3-second countdown; its get-ready gets a countdown too', () => {
    const line = mustTimeline('ex-childs-pose');
    const cuesOf = (index: number) => line.cues.filter((cue) => cue.stepIndex === index);
    expect(cuesOf(0).map((cue) => [cue.kind, cue.offsetMs])).toEqual([
      ['step_change', 0],
      ['get_ready', 0],
      ['last_3_seconds', 2 * s],
    ]);
    expect(cuesOf(1).map((cue) => [cue.kind, cue.offsetMs])).toEqual([
      ['step_change', 5 * s],
      ['halfway', 10 * s],
      ['last_3_seconds', 12 * s],
    ]);
    // Release and rest lead into a countdown of their own, so they are not counted down.
    expect(cuesOf(2).map((cue) => cue.kind)).toEqual(['step_change']);
  });

  it('switching sides has its own cue', () => {
    const line = mustTimeline('ex-knee-to-chest');
    expect(line.cues.filter((cue) => cue.kind === 'switch_sides')).toHaveLength(3);
  });

  it('ends with one done cue at the total, and every cue id is unique', () => {
    for (const id of ['tx-ice', 'tx-contrast-shower', 'ex-prone-press-up', 'ex-walking']) {
      const line = mustTimeline(id);
      expect(line.cues.at(-1)).toMatchObject({ kind: 'done', offsetMs: line.totalMs });
      expect(line.cues.filter((cue) => cue.kind === 'done')).toHaveLength(1);
      expect(new Set(line.cues.map((cue) => cue.id)).size).toBe(line.cues.length);
      const offsets = line.cues.map((cue) => cue.offsetMs);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
  });

  it('the cold pack: halfway through each application, a countdown before the pack goes back on', () => {
    const line = mustTimeline('tx-ice');
    expect(line.cues.filter((cue) => cue.kind === 'halfway').map((cue) => cue.offsetMs)).toEqual([
      10 * min,
      50 * min + 10 * min,
    ]);
    expect(line.cues.filter((cue) => cue.kind === 'last_3_seconds').map((cue) => cue.offsetMs)).toEqual([
      20 * min - 3 * s,
      50 * min - 3 * s,
      70 * min - 3 * s,
    ]);
  });
});
