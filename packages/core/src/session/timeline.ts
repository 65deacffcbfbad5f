/**
 * Turning a protocol of protocols.json into a timeline of steps. Numbers come from our copy of protocols.json
 * (protocols.ts), moved along by the day since onset (progression.ts) and by a caller's overrides, clamped into
 * the protocol's range; the short steps around them come from pacing.ts.
 */
import { displayFor, howToVisible } from '../knowledge/advice.ts';
import { getEntry } from '../knowledge/lookup.ts';
import type { Entry } from '../knowledge/types.ts';
import { cuesFor } from './cues.ts';
import { afterwardWords, holdWords, kneeWords, labels, type HoldWords } from './labels.ts';
import { numberCollector, originOf, type NumberCollector } from './numbers.ts';
import { iceCyclesDefault, iceCyclesMax, pacing, walkingStartMin, walkingStepMinPerDay } from './pacing.ts';
import { phaseForDay, progressedCount, progressedHold } from './progression.ts';
import {
  getOtherTimedItem,
  getProtocol,
  type ProtocolSpec,
  type RangeSpec,
  type SourceValue,
  type SpecDefaults,
  type TimerSpec,
} from './protocols.ts';
import {
  overrideKeys,
  type KneeVariant,
  type RefusalReason,
  type Side,
  type Step,
  type Timeline,
  type TimelineOptions,
  type TimelineRefusal,
  type TimelineResult,
} from './types.ts';

/** A step before its place in the timeline is known. */
type Draft = Omit<Step, 'index' | 'startMs'>;

/** What every builder reads: the protocol's numbers and the caller's choices, already checked. */
type Context = {
  readonly timer: TimerSpec;
  readonly numbers: NumberCollector;
  readonly day: number | undefined;
  readonly variant: KneeVariant;
  readonly sides: readonly [Side, Side];
  readonly prep: boolean;
};

type Built = {
  readonly steps: readonly Draft[];
  readonly afterward: readonly string[];
  readonly variant?: KneeVariant;
};

/** The timed item behind an id: a protocol, or an "other timed item" that allows a timer (lavender rub). */
type TimedSpec = {
  readonly timer: TimerSpec;
  readonly required_prompts: readonly string[];
  readonly source_values: readonly SourceValue[];
  readonly spec_defaults: SpecDefaults;
  readonly suits: Entry['suits'];
  readonly caution_with: NonNullable<Entry['caution_with']>;
  readonly avoid_with: Entry['avoid_with'];
};

const s = 1000;
const min = 60 * s;

function refuse(reason: RefusalReason, detail: string, field?: string): TimelineRefusal {
  return { ok: false, reason, detail, ...(field === undefined ? {} : { field }) };
}

function range(spec: RangeSpec | undefined, what: string): RangeSpec {
  // protocols.ts is checked against protocols.json; a missing range means the builder and the data disagree.
  if (spec === undefined) throw new Error(`session: protocols.ts has no ${what}`);
  return spec;
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------------

/**
 * Repetitions of a hold: get ready, hold, ease out; a short rest between repetitions on the same side, a switch
 * between sides. With two sides they alternate (left, right, left, right), as the knee-to-chest stretch asks.
 */
function holdSteps(
  ctx: Context,
  words: HoldWords,
  holdS: number,
  reps: number,
  sides: readonly Side[] | null,
): Draft[] {
  const order = Array.from({ length: reps }, (_, i) => i + 1).flatMap(
    (rep): { rep: number; side: Side | undefined }[] =>
      sides === null ? [{ rep, side: undefined }] : sides.map((side) => ({ rep, side })),
  );
  const take = (key: 'get_ready_s' | 'release_s' | 'rest_between_reps_s' | 'switch_sides_s') =>
    ctx.numbers.take({ key, range: pacing[key], unit: 's', origin: 'app' }) * s;
  const readyMs = take('get_ready_s');
  const releaseMs = take('release_s');
  const restMs = sides === null ? take('rest_between_reps_s') : 0;
  const switchMs = sides === null ? 0 : take('switch_sides_s');

  return order.flatMap(({ rep, side }, i): Draft[] => {
    const where = { rep, repCount: reps, ...(side === undefined ? {} : { side }) };
    const previous = order[i - 1];
    const between: Draft[] =
      previous === undefined
        ? []
        : previous.side !== side && side !== undefined
          ? [{ kind: 'switch_sides', label: labels.switchSides(side), durationMs: switchMs, ...where }]
          : [{ kind: 'rest_between_reps', label: labels.restBetweenReps, durationMs: restMs, ...where }];
    return [
      ...between,
      { kind: 'get_ready', label: words.ready(side), durationMs: readyMs, ...where },
      { kind: 'hold', label: labels.hold(words.hold(side), rep, reps), durationMs: holdS * s, ...where },
      { kind: 'release', label: labels.release, durationMs: releaseMs, ...where },
    ];
  });
}

/** A hold range, moved along by the day when the protocol has a progression. */
function holdFor(ctx: Context, spec: RangeSpec): number {
  return ctx.numbers.take({
    key: 'hold_s',
    range: spec,
    unit: 's',
    ...(ctx.timer.progression !== undefined && ctx.day !== undefined
      ? { base: progressedHold(spec, ctx.day), byDay: true }
      : {}),
  });
}

function countFor(ctx: Context, key: 'reps' | 'reps_per_side', spec: RangeSpec, specKey?: string): number {
  return ctx.numbers.take({
    key,
    range: spec,
    unit: 'count',
    ...(specKey === undefined ? {} : { specKey }),
    ...(ctx.timer.progression !== undefined && ctx.day !== undefined
      ? { base: progressedCount(spec, ctx.day), byDay: true }
      : {}),
  });
}

/** One cold-pack application with the tx-ice numbers (and their origins), for the cold-then-heat sequence. */
function coldOnS(ctx: Context, ice: ProtocolSpec): number {
  const on = range(ice.timer.on_s, 'tx-ice on_s');
  return ctx.numbers.take({ key: 'on_s', range: on, unit: 's', origin: originOf(ice, 'on_s', on.default) });
}

function missing(id: string): never {
  throw new Error(`session: protocols.ts has no ${id}`);
}

function exerciseBuilder(id: keyof typeof holdWords) {
  return (ctx: Context): Built => {
    const hold = holdFor(ctx, range(ctx.timer.hold_s, `${id} hold_s`));
    const reps = countFor(ctx, 'reps', range(ctx.timer.reps, `${id} reps`));
    return { steps: holdSteps(ctx, holdWords[id], hold, reps, null), afterward: [afterwardWords.painCheck] };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One builder per timed protocol
// ---------------------------------------------------------------------------------------------------------------

const iceSpec = getProtocol('tx-ice');
const heatSpec = getProtocol('tx-heat');

const builders: Readonly<Record<string, (ctx: Context) => Built>> = {
  'tx-ice': (ctx) => {
    const on = ctx.numbers.take({ key: 'on_s', range: range(ctx.timer.on_s, 'tx-ice on_s'), unit: 's' });
    const off = ctx.numbers.take({ key: 'off_s', range: range(ctx.timer.off_s, 'tx-ice off_s'), unit: 's' });
    const cycles = ctx.numbers.take({
      key: 'cycles',
      range: { min: 1, max: iceCyclesMax, default: iceCyclesDefault },
      unit: 'count',
      origin: 'app',
    });
    const steps = Array.from({ length: cycles }, (_, i) => i + 1).flatMap((cycle): Draft[] => [
      {
        kind: 'apply_cold',
        label: labels.applyCold(cycle, cycles),
        durationMs: on * s,
        cycle,
        cycleCount: cycles,
      },
      // No rest after the last round: the session ends with the pack off, and the gap before another session is
      // said in words (afterward) rather than timed.
      ...(cycle < cycles
        ? [
            {
              kind: 'rest',
              label: labels.restCold(cycle, cycles),
              durationMs: off * s,
              cycle,
              cycleCount: cycles,
            } as const,
          ]
        : []),
    ]);
    return { steps, afterward: [afterwardWords.iceGap(off), afterwardWords.iceWindow] };
  },

  'tx-heat': (ctx) => {
    const prep = ctx.prep
      ? ctx.numbers.take({ key: 'prep_s', range: range(ctx.timer.prep_s, 'tx-heat prep_s'), unit: 's' })
      : 0;
    const on = ctx.numbers.take({ key: 'on_s', range: range(ctx.timer.on_s, 'tx-heat on_s'), unit: 's' });
    return {
      steps: [
        ...(ctx.prep ? [{ kind: 'prepare', label: labels.prepare, durationMs: prep * s } as const] : []),
        { kind: 'apply_heat', label: labels.applyHeat, durationMs: on * s },
      ],
      afterward: [afterwardWords.heatSkin],
    };
  },

  // protocols.json gives the sequence tx-ice, skin_check, tx-heat and reuses those timers: one cold application,
  // a wait that only the person can end (the skin must feel normal before heat), then one heat application.
  'tx-alternate-ice-heat': (ctx) => {
    const ice = iceSpec ?? missing('tx-ice');
    const heat = heatSpec ?? missing('tx-heat');
    const coldS = coldOnS(ctx, ice);
    const checkS = ctx.numbers.take({
      key: 'skin_check_s',
      range: pacing.skin_check_s,
      unit: 's',
      origin: 'app',
    });
    const prep = ctx.prep
      ? ctx.numbers.take({ key: 'prep_s', range: range(heat.timer.prep_s, 'tx-heat prep_s'), unit: 's' })
      : 0;
    const heatRange = range(heat.timer.on_s, 'tx-heat on_s');
    const heatS = ctx.numbers.fixed(
      'heat_on_s',
      { range: heatRange, unit: 's' },
      originOf(heat, 'on_s', heatRange.default),
    );
    return {
      steps: [
        { kind: 'apply_cold', label: labels.applyCold(1, 1), durationMs: coldS * s },
        { kind: 'skin_check', label: labels.skinCheck, durationMs: checkS * s, waitsForConfirmation: true },
        ...(ctx.prep ? [{ kind: 'prepare', label: labels.prepare, durationMs: prep * s } as const] : []),
        { kind: 'apply_heat', label: labels.applyHeat, durationMs: heatS * s },
      ],
      afterward: [afterwardWords.heatSkin],
    };
  },

  'tx-contrast-shower': (ctx) => {
    const hot = ctx.numbers.take({ key: 'hot_s', range: range(ctx.timer.hot_s, 'hot_s'), unit: 's' });
    const cold = ctx.numbers.take({ key: 'cold_s', range: range(ctx.timer.cold_s, 'cold_s'), unit: 's' });
    const cap = ctx.timer.max_cycles ?? 1;
    // "Until relief" with a cap: the session offers every allowed round, and the person stops once it helps.
    const cycles = ctx.numbers.take({
      key: 'cycles',
      range: { min: 1, max: cap, default: cap },
      unit: 'count',
      specKey: 'max_cycles',
    });
    const steps = Array.from({ length: cycles }, (_, i) => i + 1).flatMap((cycle): Draft[] => [
      { kind: 'hot', label: labels.hot(cycle, cycles), durationMs: hot * s, cycle, cycleCount: cycles },
      { kind: 'cold', label: labels.cold(cycle, cycles), durationMs: cold * s, cycle, cycleCount: cycles },
    ]);
    return { steps, afterward: [afterwardWords.contrast] };
  },

  'ex-gentle-stretching': exerciseBuilder('ex-gentle-stretching'),

  'ex-prone-press-up': exerciseBuilder('ex-prone-press-up'),

  'ex-childs-pose': exerciseBuilder('ex-childs-pose'),

  'ex-knee-to-chest': (ctx) => {
    const variants = ctx.timer.variants ?? [];
    const variant = variants.find((v) => v.name === ctx.variant);
    if (variant === undefined) throw new Error(`session: protocols.ts has no knee-to-chest ${ctx.variant}`);
    const hold = holdFor(ctx, variant.hold_s);
    const steps =
      ctx.variant === 'both_knees'
        ? holdSteps(
            ctx,
            kneeWords('both_knees'),
            hold,
            countFor(ctx, 'reps', range(variant.reps, 'both_knees reps'), 'both_knees_reps'),
            null,
          )
        : holdSteps(
            ctx,
            kneeWords('single_knee'),
            hold,
            countFor(ctx, 'reps_per_side', range(variant.reps_per_side, 'reps_per_side')),
            ctx.sides,
          );
    return { steps, afterward: [afterwardWords.painCheck], variant: ctx.variant };
  },

  'ex-core-back-strengthening': (ctx) => {
    const minutes = ctx.numbers.take({
      key: 'session_min',
      range: range(ctx.timer.session_min, 'session_min'),
      unit: 'min',
    });
    return {
      steps: [{ kind: 'exercise', label: labels.exercise, durationMs: minutes * min }],
      afterward: [afterwardWords.painCheck],
    };
  },

  'ex-walking': (ctx) => {
    const target = ctx.timer.prevention_target?.session_min ?? walkingStartMin;
    const base =
      ctx.day === undefined
        ? walkingStartMin
        : Math.min(target, walkingStartMin + walkingStepMinPerDay * ctx.day);
    const minutes = ctx.numbers.take({
      key: 'session_min',
      range: { min: 1, max: target, default: walkingStartMin },
      unit: 'min',
      base,
      origin: base === target ? 'spec_default' : 'app',
      byDay: ctx.day !== undefined,
    });
    return {
      steps: [{ kind: 'walk', label: labels.walk, durationMs: minutes * min }],
      afterward: [afterwardWords.painCheck, afterwardWords.walkMore],
    };
  },

  'rem-lavender-oil-rub': (ctx) => {
    const on = ctx.numbers.take({ key: 'on_s', range: range(ctx.timer.on_s, 'on_s'), unit: 's' });
    return {
      steps: [{ kind: 'leave_on', label: labels.leaveOn, durationMs: on * s }],
      afterward: [afterwardWords.oil],
    };
  },
};

/** Ids that `timeline` can build (every protocol of protocols.json, and the timed remedy). */
export const timedProtocolIds: readonly string[] = Object.keys(builders);

// ---------------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------------

const overrideKeySet: ReadonlySet<string> = new Set(overrideKeys);
const dispositionSet: ReadonlySet<unknown> = new Set(['self_care', 'soon', 'urgent', 'emergency']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Checked = { readonly ok: true; readonly overrides: Readonly<Record<string, number>> } | TimelineRefusal;

/** Checks options a caller may have built from untyped input: the first problem, or the overrides to apply. */
function checkOptions(options: TimelineOptions): Checked {
  const { day, overrides, variant, sideOrder, prep, disposition } = options as Readonly<
    Record<string, unknown>
  >;
  if (day !== undefined && !(typeof day === 'number' && Number.isInteger(day) && day >= 0))
    return refuse('invalid_option', 'day must be a whole number of days since onset, 0 or more', 'day');
  if (variant !== undefined && variant !== 'single_knee' && variant !== 'both_knees')
    return refuse('invalid_option', 'variant must be single_knee or both_knees', 'variant');
  if (sideOrder !== undefined && sideOrder !== 'left_first' && sideOrder !== 'right_first')
    return refuse('invalid_option', 'sideOrder must be left_first or right_first', 'sideOrder');
  if (prep !== undefined && typeof prep !== 'boolean')
    return refuse('invalid_option', 'prep must be true or false', 'prep');
  if (disposition !== undefined && !dispositionSet.has(disposition))
    return refuse('invalid_option', 'disposition must be a triage disposition', 'disposition');
  if (overrides === undefined) return { ok: true, overrides: {} };
  if (!isRecord(overrides)) return refuse('invalid_option', 'overrides must be an object', 'overrides');
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!overrideKeySet.has(key))
      return refuse('invalid_option', `${key} cannot be overridden`, `overrides.${key}`);
    if (typeof value !== 'number' || !Number.isInteger(value))
      return refuse('invalid_option', `${key} must be a whole number`, `overrides.${key}`);
  }
  const given = Object.entries(overrides).filter((pair): pair is [string, number] => pair[1] !== undefined);
  return { ok: true, overrides: Object.fromEntries(given) };
}

/**
 * A protocol's own prompts, then those of the protocols it runs in sequence: the cold-then-heat session still puts
 * a cold pack and a heat source on the skin, so their safety prompts apply too.
 */
function promptsFor(protocol: ProtocolSpec): readonly string[] {
  const members = (protocol.timer.sequence ?? []).flatMap((id) => getProtocol(id)?.required_prompts ?? []);
  return [...new Set([...protocol.required_prompts, ...members])];
}

function timedSpecFor(id: string): TimedSpec | undefined {
  const protocol = getProtocol(id);
  if (protocol !== undefined)
    return {
      timer: protocol.timer,
      required_prompts: promptsFor(protocol),
      source_values: protocol.source_values,
      spec_defaults: protocol.spec_defaults,
      suits: protocol.suits ?? [],
      caution_with: protocol.caution_with ?? [],
      avoid_with: protocol.avoid_with ?? [],
    };
  const other = getOtherTimedItem(id);
  if (other?.timer === undefined || other.timer_allowed === false) return undefined;
  const entry = getEntry(id);
  return {
    timer: other.timer,
    required_prompts: [],
    source_values: other.source_values,
    spec_defaults: {},
    // protocols.json lists no condition badges for the other items; the knowledge entry has them.
    suits: entry?.suits ?? [],
    caution_with: entry?.caution_with ?? [],
    avoid_with: entry?.avoid_with ?? [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// buildTimeline()
// ---------------------------------------------------------------------------------------------------------------

/**
 * The guided session for a protocol, or why there is none.
 *
 * - Unknown id → `unknown_protocol`. An entry with no timed protocol, or one that is `do_not_recommend` on `day`
 *   (or, without a day, in any phase) → `no_timer`: such an entry never gets a timeline (§1.4).
 * - An `emergency` or `urgent` disposition → `red_flag_active` (protocols.json: timers never start then).
 * - `inform_only` entries get a timeline with `caveat` set and `needs.caveat`, so `sessionState` will not run the
 *   clock until the caveat is acknowledged.
 * - `day` picks the §5 progression: stretches start at the bottom of their range (days 0–7), build up during days
 *   8–14 (holds in 5 s steps, repetitions one at a time) and stay at the top from day 15. Walking starts at 5 min
 *   and adds a minute a day up to the spec's 30 min. Without a day, the protocol's starting values are used.
 * - `overrides` outside a protocol's range are clamped into it (maxima are caps) and listed in `clamped`; values
 *   that are not whole numbers, unknown keys and keys the protocol does not use are refused (`invalid_option`).
 * - "Until relief" round counts: the contrast shower offers its cap of 4 rounds (spec); the cold pack offers 2
 *   rounds (pack on, a gap, pack on again, as source 001 describes), at most 10. Either may be stopped early.
 * - Exercises set `painCheck`: ask for pain before and after, then call `afterExercise`.
 *
 * Pacing around holds (5 s get-ready countdown, 3 s release, 5 s rest between repetitions, 5 s to switch sides)
 * and the 60 s minimum skin check between cold and heat are the app's own numbers (origin `app`).
 */
export function buildTimeline(protocolId: string, options: TimelineOptions = {}): TimelineResult {
  const entry = getEntry(protocolId);
  if (entry === undefined) return refuse('unknown_protocol', `no knowledge entry has the id ${protocolId}`);

  // Callers may pass parsed JSON; anything but an object is a bad option, not a crash.
  if (!isRecord(options)) return refuse('invalid_option', 'options must be an object', 'options');

  const spec = timedSpecFor(protocolId);
  const build = Object.hasOwn(builders, protocolId) ? builders[protocolId] : undefined;
  if (spec === undefined || build === undefined)
    return refuse('no_timer', `${protocolId} has no timed protocol`);

  const day = typeof options.day === 'number' ? options.day : undefined;
  const phase = day === undefined || !Number.isInteger(day) || day < 0 ? undefined : phaseForDay(day);
  if (!howToVisible(entry, phase))
    return refuse('no_timer', `${protocolId} is do_not_recommend: no timer, no amounts`);

  if (options.disposition === 'emergency' || options.disposition === 'urgent')
    return refuse('red_flag_active', `timers do not start while an ${options.disposition} result is active`);

  const checked = checkOptions(options);
  if (!checked.ok) return checked;
  const overrides = checked.overrides;
  if (options.variant !== undefined && protocolId !== 'ex-knee-to-chest')
    return refuse('invalid_option', 'variant applies to ex-knee-to-chest only', 'variant');

  const numbers = numberCollector(spec, overrides);
  const ctx: Context = {
    timer: spec.timer,
    numbers,
    day,
    variant: options.variant ?? 'single_knee',
    sides: options.sideOrder === 'right_first' ? ['right', 'left'] : ['left', 'right'],
    // Asking for a warming time implies warming a grain bag.
    prep: options.prep === true || overrides.prep_s !== undefined,
  };
  const built = build(ctx);

  const unused = Object.keys(overrides).filter((key) => !numbers.used.has(key));
  if (unused.length > 0) {
    const key = unused[0] ?? '';
    return refuse('invalid_option', `${key} does not apply to ${protocolId}`, `overrides.${key}`);
  }

  let offset = 0;
  const steps = built.steps.map((draft, index): Step => {
    const step = { ...draft, index, startMs: offset };
    offset += draft.durationMs;
    return step;
  });
  const totalMs = offset;
  const display = displayFor(entry, phase);
  const caveat = display === 'inform_only' ? (entry.display_note ?? null) : null;
  const windowH = spec.timer.window_h?.default;

  const result: Timeline = {
    protocolId,
    title: entry.title,
    kind: entry.kind,
    display,
    requiredPrompts: spec.required_prompts,
    caveat,
    needs: { prompts: spec.required_prompts.length > 0, caveat: display === 'inform_only' },
    painCheck: entry.kind === 'exercise',
    untilRelief: spec.timer.cycles === 'until_relief',
    steps,
    cues: cuesFor(steps, totalMs),
    totalMs,
    numbers: numbers.numbers,
    clamped: numbers.clamped,
    windowMs: windowH === undefined ? null : windowH * 60 * min,
    day: day ?? null,
    variant: built.variant ?? null,
    afterward: built.afterward,
    suits: spec.suits,
    cautionWith: spec.caution_with,
    avoidWith: spec.avoid_with,
    sources: [...new Set(spec.source_values.map((value) => value.file))],
  };
  return { ok: true, timeline: result };
}
