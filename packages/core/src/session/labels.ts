/**
 * The words a session shows and speaks: our own, short enough for a large-type timer screen, and never taken
 * from the source articles (content-check enforces it).
 */
import type { KneeVariant, Side } from './types.ts';

/** "2 of 3", or nothing when there is only one. */
function of(n: number, count: number): string {
  return count > 1 ? ` (${n} of ${count})` : '';
}

/** A duration in words: "30 minutes", "3 minutes 20 seconds", "45 seconds". */
export function durationWords(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const parts = [
    ...(minutes > 0 ? [`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`] : []),
    ...(seconds > 0 || minutes === 0 ? [`${seconds} ${seconds === 1 ? 'second' : 'seconds'}`] : []),
  ];
  return parts.join(' ');
}

/** What is held, per stretch, and the position to get into before the countdown ends. */
export type HoldWords = {
  readonly hold: (side: Side | undefined) => string;
  readonly ready: (side: Side | undefined) => string;
};

export const holdWords = {
  'ex-gentle-stretching': {
    hold: () => 'Hold the stretch at a mild pull, no bouncing',
    ready: () => 'Get ready: move slowly into the stretch',
  },
  'ex-prone-press-up': {
    hold: () => 'Hold the press-up, hips on the floor',
    ready: () => 'Get ready: lie face down, hands under your shoulders',
  },
  'ex-childs-pose': {
    hold: () => "Hold child's pose, arms reaching forward",
    ready: () => 'Get ready: kneel on all fours',
  },
} as const satisfies Record<string, HoldWords>;

export function kneeWords(variant: KneeVariant): HoldWords {
  return variant === 'both_knees'
    ? {
        hold: () => 'Hold both knees towards your chest',
        ready: () => 'Get ready: lie on your back, knees bent',
      }
    : {
        hold: (side) => `Hold your ${side ?? 'left'} knee towards your chest`,
        ready: (side) => `Get ready: ${side ?? 'left'} knee next`,
      };
}

export const labels = {
  hold: (words: string, rep: number, reps: number) => `${words}${of(rep, reps)}`,
  release: 'Ease out of it slowly',
  restBetweenReps: 'Rest and breathe',
  switchSides: (to: Side) => `Switch sides: ${to} knee next`,
  applyCold: (cycle: number, cycles: number) => `Cold pack on, wrapped in a cloth${of(cycle, cycles)}`,
  restCold: (cycle: number, cycles: number) => `Pack off: let the skin warm up${of(cycle, cycles)}`,
  skinCheck: 'Pack off. Continue only when your skin feels normal again, with no numbness',
  prepare: 'Warm the grain bag in short bursts, then test it on your inner wrist',
  applyHeat: 'Heat on, with a cloth between it and your skin',
  hot: (cycle: number, cycles: number) => `Comfortably hot water on your back${of(cycle, cycles)}`,
  cold: (cycle: number, cycles: number) => `Cool water${of(cycle, cycles)}`,
  walk: 'Walk at an easy, comfortable pace',
  exercise: 'Strength work: good form first, light loads',
  leaveOn: 'Leave the oil on the skin, then wipe it off',
} as const;

export const afterwardWords = {
  iceGap: (offSeconds: number) =>
    `Keep the pack off for at least ${durationWords(offSeconds)} before another round.`,
  iceWindow: 'From two days after the spasm began, heat is the better choice.',
  heatSkin: 'Look at your skin: if it is very red or sore, give it a rest from heat.',
  contrast: 'Step out carefully and dry off before you walk on a hard floor.',
  painCheck: 'How is your pain now, compared with before you started?',
  oil: 'Wipe the oil off with a towel and wash your hands.',
  walkMore: 'Add a little to your walk each day while it feels fine.',
} as const;

/**
 * The name a person reads for each number of a protocol: the knowledge base's fields (plan) and the timer's own
 * (timeline). Field names are data keys in snake_case and must never reach a screen; labels-coverage tests check
 * that every number of every protocol and timer has a name here.
 */
export const numberLabels = {
  on_s: 'Time on',
  off_s: 'Time off',
  heat_on_s: 'Heat on',
  cycles: 'Rounds',
  max_cycles: 'Rounds at most',
  prep_s: 'Warming time',
  hot_s: 'Warm water',
  cold_s: 'Cool water',
  hold_s: 'Hold',
  reps: 'Repetitions',
  reps_per_side: 'Repetitions per side',
  both_knees_reps: 'Repetitions with both knees',
  sets: 'Sets',
  session_min: 'Session length',
  sessions_per_week: 'Sessions a week',
  per_day: 'Times a day',
  window_h: 'Offered for',
  sleep_h: 'Sleep a night',
  max_days: 'For at most',
  first_prompt_day: 'First check-in on day',
  second_prompt_day: 'Second check-in on day',
  long_duration_day: 'Counts as long-lasting from day',
  get_ready_s: 'Get ready',
  release_s: 'Ease out',
  rest_between_reps_s: 'Rest between repetitions',
  switch_sides_s: 'Change sides',
  skin_check_s: 'Skin check',
} as const satisfies Readonly<Record<string, string>>;

/** The groups a `spec_default` nests numbers in (`walking_target.session_min`). */
const numberGroupLabels = {
  prevention_target: 'Long-term goal',
  walking_target: 'Walking goal',
} as const satisfies Readonly<Record<string, string>>;

function lookup(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * The label of a protocol number, e.g. `heat_on_s` → "Heat on", `walking_target.session_min` → "Walking goal:
 * session length". A field missing from the tables (a spec change not yet labelled) is still shown in words,
 * never as its raw name.
 */
export function numberLabel(field: string): string {
  const parts = field.split('.');
  const last = parts.at(-1) ?? field;
  const label = lookup(numberLabels, last) ?? last.replace(/_(s|min|h)$/, '').replaceAll('_', ' ');
  const group =
    parts.length > 1
      ? (lookup(numberGroupLabels, parts[0] ?? '') ?? parts[0]?.replaceAll('_', ' '))
      : undefined;
  return group === undefined ? label : `${group}: ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/** The mark beside a number (or a frequency) that is our choice, not a source's, and what it means. */
export const oursMark = {
  mark: '*',
  legend: '* A number unknot chose for safety or practicality; no source article gives it.',
} as const;
