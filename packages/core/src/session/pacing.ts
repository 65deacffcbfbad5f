/**
 * The app's own pacing numbers: the short steps around a hold, the pause between cold and heat, and round counts
 * where a source says "until relief". No seed and no spec value gives them, so every timeline lists them with
 * origin `app`. They shape the flow of a session, not the dose: holds, applications and repetitions always come
 * from protocols.json.
 */
import type { RangeSpec } from './protocols.ts';

/** Seconds, with the range a caller may override within. */
export const pacing = {
  /** A 5-4-3-2-1 countdown before each hold, time to get into position. */
  get_ready_s: { min: 3, max: 10, default: 5 },
  /** Easing out of a hold slowly (every stretch protocol asks for slow movement). */
  release_s: { min: 2, max: 10, default: 3 },
  /** A breath between repetitions on the same side. */
  rest_between_reps_s: { min: 3, max: 60, default: 5 },
  /** Changing legs on the knee-to-chest stretch. */
  switch_sides_s: { min: 3, max: 30, default: 5 },
  /**
   * The least time between taking a cold pack off and putting heat on. The step then waits for the person to
   * confirm the skin feels normal, so this is a minimum, never a signal that heat may start.
   */
  skin_check_s: { min: 30, max: 600, default: 60 },
} as const satisfies Record<string, RangeSpec>;

/**
 * Cold-pack rounds when the caller gives none. The source behind the default gap (001_bd30bd02c355b2a0.txt, ¶4)
 * describes a pack on, a half-hour gap and one re-application: two rounds. The person stops earlier once it helps.
 */
export const iceCyclesDefault = 2;

/**
 * Upper bound for cold-pack rounds in one session: ten rounds of 20 + 30 min is over eight hours, which is more
 * than a guided session should run unattended; a new session can follow.
 */
export const iceCyclesMax = 10;

/**
 * Walking has no source numbers: "a few minutes" on day 0 (we read that as 5), one more minute each day, up to the
 * spec's prevention target of 30 minutes (protocols.json `spec_defaults.prevention_target.session_min`).
 */
export const walkingStartMin = 5;
export const walkingStepMinPerDay = 1;
