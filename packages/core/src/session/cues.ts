/**
 * The cues of a timeline, at fixed offsets of running time. `sessionState` maps them onto the wall clock.
 */
import type { Cue, CueKind, Step, StepKind } from './types.ts';

/** Steps whose length is the dose: they get a halfway cue. */
const timedApplications: ReadonlySet<StepKind> = new Set<StepKind>([
  'hold',
  'apply_cold',
  'apply_heat',
  'hot',
  'cold',
  'walk',
  'exercise',
  'leave_on',
]);

/**
 * Steps that end in something the person must do on time (start a hold, take a pack off, put it back on), so the
 * last three seconds are counted down. Short transitions (release, rest between reps, switching sides) lead into
 * a get-ready countdown of their own, and counting both would double the beeps.
 */
const countedDown: ReadonlySet<StepKind> = new Set<StepKind>([
  ...timedApplications,
  'get_ready',
  'rest',
  'prepare',
]);

const lastSecondsMs = 3000;

/** Order of cues due at the same moment of the same step: warnings before announcements. */
const kindOrder: Readonly<Record<CueKind, number>> = {
  last_3_seconds: 0,
  halfway: 1,
  step_change: 2,
  switch_sides: 3,
  get_ready: 4,
  done: 5,
};

function cue(kind: CueKind, step: Step, offsetMs: number): Cue {
  return { id: `${kind}@${String(step.index)}`, kind, stepIndex: step.index, offsetMs };
}

/** Every cue of the steps, ordered by offset, then step, then kind. */
export function cuesFor(steps: readonly Step[], totalMs: number): Cue[] {
  const cues = steps.flatMap((step) => {
    const end = step.startMs + step.durationMs;
    return [
      cue('step_change', step, step.startMs),
      ...(step.kind === 'get_ready' ? [cue('get_ready', step, step.startMs)] : []),
      ...(step.kind === 'switch_sides' ? [cue('switch_sides', step, step.startMs)] : []),
      ...(timedApplications.has(step.kind)
        ? [cue('halfway', step, step.startMs + Math.floor(step.durationMs / 2))]
        : []),
      ...(countedDown.has(step.kind) && step.durationMs > lastSecondsMs
        ? [cue('last_3_seconds', step, end - lastSecondsMs)]
        : []),
    ];
  });
  const last = steps.at(-1);
  const done = last === undefined ? [] : [cue('done', last, totalMs)];
  return [...cues, ...done].sort(
    (a, b) => a.offsetMs - b.offsetMs || a.stepIndex - b.stepIndex || kindOrder[a.kind] - kindOrder[b.kind],
  );
}
