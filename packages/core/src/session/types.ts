/**
 * The shapes of the session engine: a timeline of steps built from a protocol, the events a player records, and
 * the state computed from them. All plain data; times are numbers the caller passes in (epoch ms or any other
 * monotonic millisecond clock, as long as events and `now` use the same one).
 */
import type { Condition, Display, Kind } from '../knowledge/types.ts';

/** What the person is doing during a step. */
export const stepKinds = [
  'get_ready',
  'hold',
  'release',
  'rest_between_reps',
  'switch_sides',
  'apply_cold',
  'rest',
  'skin_check',
  'prepare',
  'apply_heat',
  'hot',
  'cold',
  'walk',
  'exercise',
  'leave_on',
] as const;
export type StepKind = (typeof stepKinds)[number];

export type Side = 'left' | 'right';

/** One step of a timeline. Indices are 1-based counts meant for display ("2 of 3"). */
export type Step = {
  /** Position in `Timeline.steps`, 0-based. */
  readonly index: number;
  readonly kind: StepKind;
  /** Plain words, ours. */
  readonly label: string;
  /** Offset from the start of the session, in ms of running time. */
  readonly startMs: number;
  readonly durationMs: number;
  /**
   * Repetition (per side when the protocol has sides) and how many there are. A rest or a side switch carries
   * the repetition that follows it.
   */
  readonly rep?: number;
  readonly repCount?: number;
  readonly side?: Side;
  /** Round of an on/off or hot/cold protocol and how many there are. */
  readonly cycle?: number;
  readonly cycleCount?: number;
  /**
   * The clock stops at the end of this step until the person confirms (a `resume` event), because what comes
   * next is unsafe to start by itself (heat on skin still numb from cold).
   */
  readonly waitsForConfirmation?: true;
};

/** Where a number came from, so a screen can say which numbers are the app's own. */
export type NumberOrigin =
  /** A seed article states this number, or a range that holds it. */
  | 'source'
  /** The spec chose it where no seed gives one (protocols.json `spec_defaults`). */
  | 'spec_default'
  /** This module chose it (pacing between holds, a round count for "until relief"); see the TSDoc of `timeline`. */
  | 'app'
  /** The caller asked for it (an override within the allowed range). */
  | 'user';

/** A number a timeline uses, with its unit, allowed range and origin. */
export type TimelineNumber = {
  /** The protocols.json key (`on_s`, `hold_s`, `reps_per_side`…) or a pacing key (`get_ready_s`…). */
  readonly key: string;
  readonly value: number;
  readonly unit: 's' | 'min' | 'count';
  readonly min: number;
  readonly max: number;
  readonly origin: NumberOrigin;
  /** Set when the day since onset chose the value (a §5 progression). */
  readonly byDay?: true;
};

/** An override outside its range, brought back inside it. */
export type Clamp = {
  readonly key: string;
  readonly requested: number;
  readonly used: number;
};

export const cueKinds = [
  'step_change',
  'get_ready',
  'halfway',
  'last_3_seconds',
  'switch_sides',
  'done',
] as const;
/**
 * - `step_change`: a step begins (every step, the first included).
 * - `get_ready`: a countdown before a hold begins.
 * - `halfway`: half of a timed application or hold has passed.
 * - `last_3_seconds`: three seconds are left of a hold, an application, a countdown or a long rest.
 * - `switch_sides`: change to the other side.
 * - `done`: the session is complete.
 */
export type CueKind = (typeof cueKinds)[number];

/** A cue at a fixed point of the timeline. */
export type Cue = {
  /** Stable within a timeline, e.g. `halfway@3`. */
  readonly id: string;
  readonly kind: CueKind;
  readonly stepIndex: number;
  /** Running time from the start of the session at which the cue is due. */
  readonly offsetMs: number;
};

/** A guided session, ready to run. Plain data: it can be stored, sent and rebuilt. */
export type Timeline = {
  readonly protocolId: string;
  /** The knowledge entry's title. */
  readonly title: string;
  readonly kind: Kind;
  /** The display that applies on `day` (knowledge-base.md §1.4). */
  readonly display: Display;
  /**
   * Shown, and acknowledged, before the first start: the protocol's required_prompts, then (cold-then-heat) those
   * of the cold-pack and heat protocols it runs.
   */
  readonly requiredPrompts: readonly string[];
  /** The entry's display_note for `inform_only` entries: the timer waits until it is acknowledged. */
  readonly caveat: string | null;
  /** Which acknowledgements `sessionState` needs before a `start` runs the clock. */
  readonly needs: { readonly prompts: boolean; readonly caveat: boolean };
  /** Exercises: ask pain before and after, then call `afterExercise`. */
  readonly painCheck: boolean;
  /** The source sets no round count ("until relief"): stop early once the pain eases. */
  readonly untilRelief: boolean;
  readonly steps: readonly Step[];
  readonly cues: readonly Cue[];
  readonly totalMs: number;
  readonly numbers: readonly TimelineNumber[];
  readonly clamped: readonly Clamp[];
  /** The period after onset in which this protocol is offered (`withinWindow`), or `null`. */
  readonly windowMs: number | null;
  /** Days since onset the numbers were chosen for, or `null` for the protocol's starting values. */
  readonly day: number | null;
  readonly variant: KneeVariant | null;
  /** What to tell the person at the end, in our words. */
  readonly afterward: readonly string[];
  readonly suits: readonly Condition[];
  readonly cautionWith: readonly Condition[];
  readonly avoidWith: readonly Condition[];
  /** Where the numbers come from: the seed passages the protocol cites. */
  readonly sources: readonly string[];
};

export type KneeVariant = 'single_knee' | 'both_knees';

/** Numbers a caller may change, each within the protocol's range (see `timeline`). */
export const overrideKeys = [
  'on_s',
  'off_s',
  'cycles',
  'prep_s',
  'hot_s',
  'cold_s',
  'hold_s',
  'reps',
  'reps_per_side',
  'session_min',
  'get_ready_s',
  'release_s',
  'rest_between_reps_s',
  'switch_sides_s',
  'skin_check_s',
] as const;
export type OverrideKey = (typeof overrideKeys)[number];

export type TimelineOptions = {
  /** Whole days since onset (0 = the day it started): picks the §5 progression and the display by phase. */
  readonly day?: number;
  /** Out-of-range values are clamped and listed in `Timeline.clamped`; non-numbers are refused. */
  readonly overrides?: Readonly<Partial<Record<OverrideKey, number>>>;
  /** Knee-to-chest only (refused for others); default `single_knee`. */
  readonly variant?: KneeVariant;
  /** Protocols with sides only (ignored by others); default `left_first`. */
  readonly sideOrder?: 'left_first' | 'right_first';
  /**
   * Heat and cold-then-heat: start by warming a grain bag (`prep_s`). Default false, because a pad or a towel
   * needs no warming step; a `prep_s` override implies it. Ignored by other protocols.
   */
  readonly prep?: boolean;
  /** The current triage disposition: `emergency` and `urgent` block every timer (protocols.json general rules). */
  readonly disposition?: 'self_care' | 'soon' | 'urgent' | 'emergency';
};

export const refusalReasons = ['unknown_protocol', 'no_timer', 'red_flag_active', 'invalid_option'] as const;
/**
 * - `unknown_protocol`: no knowledge entry has this id.
 * - `no_timer`: the entry has no timed protocol, or it is `do_not_recommend` (never a timer, §1.4).
 * - `red_flag_active`: an emergency or urgent triage result is active.
 * - `invalid_option`: an option is not a usable value (`field` names it).
 */
export type RefusalReason = (typeof refusalReasons)[number];

export type TimelineRefusal = {
  readonly ok: false;
  readonly reason: RefusalReason;
  /** For developers and logs, not for people. */
  readonly detail: string;
  readonly field?: string;
};

export type TimelineResult = { readonly ok: true; readonly timeline: Timeline } | TimelineRefusal;

/** What a player records. `at` uses the same clock as `now`. */
export type SessionEvent =
  | { readonly type: 'acknowledge_prompts'; readonly at: number }
  | { readonly type: 'acknowledge_caveat'; readonly at: number }
  | { readonly type: 'start'; readonly at: number }
  | { readonly type: 'pause'; readonly at: number }
  | { readonly type: 'resume'; readonly at: number }
  | { readonly type: 'skip'; readonly at: number }
  | { readonly type: 'stop'; readonly at: number };
export type SessionEventType = SessionEvent['type'];

export type SessionStatus = 'not_started' | 'running' | 'paused' | 'done' | 'stopped';

export const ignoreReasons = [
  'invalid',
  'out_of_order',
  'not_acknowledged',
  'not_allowed',
  'after_end',
] as const;
/**
 * Why an event had no effect. Invalid sequences never throw; they are ignored and listed.
 * - `invalid`: not an event (unknown type, or `at` not a finite number).
 * - `out_of_order`: earlier than an event listed before it.
 * - `not_acknowledged`: a `start` before the required prompts or caveat were acknowledged.
 * - `not_allowed`: not possible in the current status (resume while running, pause before start, a second start…).
 * - `after_end`: at or after the moment the session was done or stopped.
 */
export type IgnoreReason = (typeof ignoreReasons)[number];

export type IgnoredEvent = {
  /** Position in the events list. */
  readonly index: number;
  readonly reason: IgnoreReason;
};

/** A cue of the timeline and when it happened (or will happen). */
export type CueTime = {
  readonly cue: Cue;
  /**
   * - `fired`: due at `at`.
   * - `skipped`: inside a stretch the person skipped; never due.
   * - `pending`: not yet due; `at` is when it will be if the session keeps running, or `null` while it is not
   *   running (or a confirmation lies before it).
   * - `cancelled`: the session was stopped first.
   */
  readonly status: 'fired' | 'skipped' | 'pending' | 'cancelled';
  readonly at: number | null;
};

export type SessionState = {
  readonly status: SessionStatus;
  /** Why it is paused: the person paused it, or a step waits for confirmation. `null` unless paused. */
  readonly pausedFor: 'user' | 'confirmation' | null;
  /** Acknowledgements still missing before a start can run the clock. */
  readonly missing: readonly ('prompts' | 'caveat')[];
  /** The current step (the first before the start); `null` once done. */
  readonly stepIndex: number | null;
  readonly step: Step | null;
  readonly stepElapsedMs: number;
  readonly stepLeftMs: number;
  /** Position in the timeline, skipped stretches included: 0..totalMs. */
  readonly elapsedMs: number;
  readonly remainingMs: number;
  /** elapsedMs / totalMs, 0..1. */
  readonly progress: number;
  /** Time actually spent running (pauses and skipped stretches excluded). */
  readonly runningMs: number;
  readonly startedAt: number | null;
  /** When it was done or stopped. */
  readonly endedAt: number | null;
  /** When the current step will end if the session keeps running, or `null`. */
  readonly nextChangeAt: number | null;
  /** Every cue of the timeline, in timeline order. */
  readonly cues: readonly CueTime[];
  /** Cues that became due in (since, now], ordered by time: say or show each of these once. */
  readonly cuesDue: readonly CueTime[];
  readonly ignored: readonly IgnoredEvent[];
};
