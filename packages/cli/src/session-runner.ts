import {
  completedSteps,
  sessionState,
  type SessionEvent,
  type SessionState,
  type Timeline,
} from '@unknot/core';

/** What the runner needs from the outside world; the real terminal in production, a scripted one in tests. */
export interface RunnerTerminal {
  /** Milliseconds on a steady clock. */
  now: () => number;
  /** Redraws the status line in place. */
  draw: (line: string) => void;
  /** A line that stays (a step change, a cue). */
  print: (line: string) => void;
  /** Rings the terminal bell. */
  bell: () => void;
  /** Waits until the next redraw, or until a key arrives. Resolves with the key, if any. */
  wait: (ms: number) => Promise<string | undefined>;
}

export interface RunOutcome {
  state: SessionState;
  events: SessionEvent[];
  /** Steps that ran to their end (a skipped step does not count). */
  stepsCompleted: number;
}

const bar = (progress: number, width = 24): string => {
  const full = Math.round(progress * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}]`;
};

const clock = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function describeStep(timeline: Timeline, state: SessionState): string {
  const step = state.step;
  if (!step) return '';
  const count =
    step.rep !== undefined && step.repCount !== undefined
      ? ` ${step.rep}/${step.repCount}`
      : step.cycle !== undefined && step.cycleCount !== undefined
        ? ` round ${step.cycle}/${step.cycleCount}`
        : '';
  const side = step.side ? ` (${step.side})` : '';
  const next = timeline.steps[step.index + 1];
  return `${step.label}${side}${count}  ${clock(state.stepLeftMs)} left${next ? `  · next: ${next.label}` : ''}`;
}

/**
 * Runs a timeline against a clock. The state always comes from `sessionState` over the recorded events and the
 * current time, so a slow redraw or a busy machine never makes the timer drift. Keys: space pauses and resumes,
 * n skips the current step, q stops.
 */
export async function runTimeline(
  timeline: Timeline,
  terminal: RunnerTerminal,
  acknowledgements: readonly SessionEvent[],
  redrawMs = 200,
): Promise<RunOutcome> {
  const at = terminal.now();
  const events: SessionEvent[] = [...acknowledgements, { type: 'start', at }];
  if (sessionState(timeline, events, at).missing.length > 0) {
    // The prompts (and any caveat) must be acknowledged before the clock may run.
    throw new Error('the session cannot start before its prompts are acknowledged');
  }
  let since = at - 1;
  let state: SessionState;
  for (;;) {
    const now = terminal.now();
    state = sessionState(timeline, events, now, since);
    since = now;
    for (const due of state.cuesDue) {
      const kind = due.cue.kind;
      if (kind === 'step_change' || kind === 'switch_sides' || kind === 'done') terminal.bell();
      if (kind === 'step_change') {
        const step = timeline.steps[due.cue.stepIndex];
        if (step) terminal.print(`→ ${step.label}`);
      }
      if (kind === 'halfway') terminal.print('  halfway');
    }
    if (state.status === 'done' || state.status === 'stopped') break;
    const paused = state.status === 'paused';
    const waiting = state.pausedFor === 'confirmation';
    terminal.draw(
      `${bar(state.progress)} ${Math.round(state.progress * 100)}%  ${describeStep(timeline, state)}` +
        (waiting ? '  — ready? press space to go on' : paused ? '  — paused (space to resume)' : '') +
        '   [space] pause  [n] skip  [q] stop',
    );
    const key = await terminal.wait(redrawMs);
    const t = terminal.now();
    if (key === ' ') events.push({ type: paused ? 'resume' : 'pause', at: t });
    else if (key === 'n') events.push({ type: 'skip', at: t });
    else if (key === 'q' || key === '\u0003') events.push({ type: 'stop', at: t });
  }
  return { state, events, stepsCompleted: completedSteps(timeline, events, since) };
}
