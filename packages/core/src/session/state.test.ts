/**
 * sessionState: positions, steps and cues from absolute timestamps: exactly at a boundary and 1 ms either side,
 * pause and resume, skip, stop, done, the confirmation step, cues over late ticks, and invalid event sequences.
 */
import { describe, expect, it } from 'vitest';
import { sessionState } from './state.ts';
import { mustTimeline, startedAt } from './test-factories.ts';
import type { SessionEvent, SessionState } from './types.ts';

const T0 = 1_000_000;
const s = 1000;
const min = 60 * s;

/** get_ready 5 s, hold 10 s, release 3 s, rest 5 s, get_ready 5 s, hold 10 s, release 3 s: 41 s. */
const child = mustTimeline('ex-childs-pose');
const started = startedAt(child, T0);

function firedAt(state: SessionState, id: string): number | null {
  const found = state.cues.find((cue) => cue.cue.id === id);
  return found?.status === 'fired' ? found.at : null;
}

function statusOf(state: SessionState, id: string): string | undefined {
  return state.cues.find((cue) => cue.cue.id === id)?.status;
}

describe('the timeline used here', () => {
  it('is 41 s of get ready, hold, release, rest, get ready, hold, release', () => {
    expect(child.steps.map((step) => [step.kind, step.startMs])).toEqual([
      ['get_ready', 0],
      ['hold', 5 * s],
      ['release', 15 * s],
      ['rest_between_reps', 18 * s],
      ['get_ready', 23 * s],
      ['hold', 28 * s],
      ['release', 38 * s],
    ]);
    expect(child.totalMs).toBe(41 * s);
  });
});

describe('before the start', () => {
  it('shows the first step, whole, and nothing due', () => {
    const state = sessionState(child, started, T0 - 1);
    expect(state).toMatchObject({
      status: 'not_started',
      stepIndex: 0,
      stepElapsedMs: 0,
      stepLeftMs: 5 * s,
      elapsedMs: 0,
      progress: 0,
      startedAt: null,
      nextChangeAt: null,
    });
    expect(state.cuesDue).toEqual([]);
    // Events that have not happened yet are neither applied nor reported.
    expect(state.ignored).toEqual([]);
  });
});

describe('at step boundaries', () => {
  /** [ms after start, step index, ms into the step, ms left in it] */
  const table: [number, number | null, number, number][] = [
    [0, 0, 0, 5 * s],
    [5 * s - 1, 0, 5 * s - 1, 1],
    [5 * s, 1, 0, 10 * s],
    [5 * s + 1, 1, 1, 10 * s - 1],
    [15 * s - 1, 1, 10 * s - 1, 1],
    [15 * s, 2, 0, 3 * s],
    [15 * s + 1, 2, 1, 3 * s - 1],
    [38 * s, 6, 0, 3 * s],
    [41 * s - 1, 6, 3 * s - 1, 1],
  ];

  it.each(table)('%i ms after the start: step %s, %i ms in, %i ms left', (after, index, into, left) => {
    const state = sessionState(child, started, T0 + after);
    expect(state).toMatchObject({
      status: 'running',
      stepIndex: index,
      stepElapsedMs: into,
      stepLeftMs: left,
      elapsedMs: after,
      remainingMs: 41 * s - after,
      runningMs: after,
      nextChangeAt: T0 + after + left,
    });
    expect(state.step?.index).toBe(index);
  });

  it('is done exactly at the end, and stays done', () => {
    for (const after of [41 * s, 41 * s + 1, 10 * min]) {
      expect(sessionState(child, started, T0 + after)).toMatchObject({
        status: 'done',
        stepIndex: null,
        step: null,
        elapsedMs: 41 * s,
        remainingMs: 0,
        progress: 1,
        runningMs: 41 * s,
        startedAt: T0,
        endedAt: T0 + 41 * s,
        nextChangeAt: null,
      });
    }
  });

  it('fires a step change exactly at its boundary, not 1 ms before', () => {
    expect(firedAt(sessionState(child, started, T0 + 5 * s - 1), 'step_change@1')).toBeNull();
    expect(firedAt(sessionState(child, started, T0 + 5 * s), 'step_change@1')).toBe(T0 + 5 * s);
    expect(firedAt(sessionState(child, started, T0 + 41 * s - 1), 'done@6')).toBeNull();
    expect(firedAt(sessionState(child, started, T0 + 41 * s), 'done@6')).toBe(T0 + 41 * s);
  });
});

describe('pause and resume', () => {
  const paused: SessionEvent[] = [
    ...started,
    { type: 'pause', at: T0 + 3 * s },
    { type: 'resume', at: T0 + 13 * s },
  ];

  it('holds the position while paused', () => {
    for (const now of [T0 + 3 * s, T0 + 8 * s, T0 + 13 * s]) {
      expect(sessionState(child, paused.slice(0, -1), now)).toMatchObject({
        status: 'paused',
        pausedFor: 'user',
        elapsedMs: 3 * s,
        stepLeftMs: 2 * s,
        nextChangeAt: null,
      });
    }
  });

  it('shifts every later boundary and cue by the length of the pause', () => {
    expect(sessionState(child, paused, T0 + 15 * s - 1).stepIndex).toBe(0);
    expect(sessionState(child, paused, T0 + 15 * s).stepIndex).toBe(1);
    const end = sessionState(child, paused, T0 + 51 * s);
    expect(end).toMatchObject({ status: 'done', endedAt: T0 + 51 * s, runningMs: 41 * s });
    expect(firedAt(end, 'step_change@0')).toBe(T0);
    expect(firedAt(end, 'last_3_seconds@0')).toBe(T0 + 2 * s);
    expect(firedAt(end, 'halfway@1')).toBe(T0 + 20 * s);
    expect(firedAt(end, 'done@6')).toBe(T0 + 51 * s);
  });

  it('projects pending cues only while running', () => {
    const running = sessionState(child, paused, T0 + 14 * s);
    expect(running.cues.find((cue) => cue.cue.id === 'halfway@1')).toMatchObject({
      status: 'pending',
      at: T0 + 20 * s,
    });
    const stillPaused = sessionState(child, paused.slice(0, -1), T0 + 5 * s);
    expect(stillPaused.cues.find((cue) => cue.cue.id === 'halfway@1')).toMatchObject({
      status: 'pending',
      at: null,
    });
  });
});

describe('skip', () => {
  it('jumps to the end of the current step at its timestamp; cues inside never fire', () => {
    const events: SessionEvent[] = [...started, { type: 'skip', at: T0 + 7 * s }];
    const state = sessionState(child, events, T0 + 7 * s);
    expect(state).toMatchObject({ status: 'running', stepIndex: 2, stepElapsedMs: 0, elapsedMs: 15 * s });
    expect(state.runningMs).toBe(7 * s);
    expect(statusOf(state, 'halfway@1')).toBe('skipped');
    expect(statusOf(state, 'last_3_seconds@1')).toBe('skipped');
    expect(firedAt(state, 'step_change@2')).toBe(T0 + 7 * s);
    expect(sessionState(child, events, T0 + 33 * s)).toMatchObject({ status: 'done', endedAt: T0 + 33 * s });
  });

  it('skipping the last step ends the session', () => {
    const events: SessionEvent[] = [...started, { type: 'skip', at: T0 + 39 * s }];
    const state = sessionState(child, events, T0 + 39 * s);
    expect(state).toMatchObject({ status: 'done', endedAt: T0 + 39 * s, elapsedMs: 41 * s, progress: 1 });
    expect(firedAt(state, 'done@6')).toBe(T0 + 39 * s);
  });

  it('while paused: moves on and stays paused', () => {
    const events: SessionEvent[] = [
      ...started,
      { type: 'pause', at: T0 + 1 * s },
      { type: 'skip', at: T0 + 2 * s },
    ];
    expect(sessionState(child, events, T0 + 9 * s)).toMatchObject({
      status: 'paused',
      stepIndex: 1,
      elapsedMs: 5 * s,
      stepLeftMs: 10 * s,
    });
  });

  it('exactly at a boundary skips the step that has just begun', () => {
    const events: SessionEvent[] = [...started, { type: 'skip', at: T0 + 5 * s }];
    expect(sessionState(child, events, T0 + 5 * s)).toMatchObject({ stepIndex: 2, elapsedMs: 15 * s });
    expect(firedAt(sessionState(child, events, T0 + 5 * s), 'step_change@1')).toBe(T0 + 5 * s);
  });
});

describe('stop', () => {
  const stopped: SessionEvent[] = [...started, { type: 'stop', at: T0 + 8 * s }];

  it('ends the session where it was; later cues are cancelled', () => {
    const state = sessionState(child, stopped, T0 + 60 * s);
    expect(state).toMatchObject({
      status: 'stopped',
      stepIndex: 1,
      elapsedMs: 8 * s,
      runningMs: 8 * s,
      endedAt: T0 + 8 * s,
      nextChangeAt: null,
    });
    expect(statusOf(state, 'step_change@1')).toBe('fired');
    expect(statusOf(state, 'halfway@1')).toBe('cancelled');
    expect(statusOf(state, 'done@6')).toBe('cancelled');
  });

  it('before the start cancels the session', () => {
    const state = sessionState(child, [{ type: 'stop', at: T0 }], T0 + 1);
    expect(state).toMatchObject({ status: 'stopped', startedAt: null, endedAt: T0, elapsedMs: 0 });
  });
});

describe('a step that waits for confirmation (cold, then heat)', () => {
  const line = mustTimeline('tx-alternate-ice-heat');
  const go = startedAt(line, T0);
  const gate = 21 * min;

  it('stops the clock at the end of the skin check, showing the heat step, until resumed', () => {
    const waiting = sessionState(line, go, T0 + gate + 10 * min);
    expect(waiting).toMatchObject({
      status: 'paused',
      pausedFor: 'confirmation',
      stepIndex: 2,
      stepLeftMs: 20 * min,
      elapsedMs: gate,
      runningMs: gate,
    });
    // Heat is not announced while the skin is still being checked.
    expect(statusOf(waiting, 'step_change@2')).toBe('pending');
    expect(waiting.cues.find((cue) => cue.cue.id === 'step_change@2')?.at).toBeNull();
    const events: SessionEvent[] = [...go, { type: 'resume', at: T0 + gate + 10 * min }];
    const resumed = sessionState(line, events, T0 + gate + 10 * min);
    expect(resumed).toMatchObject({ status: 'running', pausedFor: null, stepIndex: 2 });
    expect(firedAt(resumed, 'step_change@2')).toBe(T0 + gate + 10 * min);
    expect(sessionState(line, events, T0 + gate + 30 * min)).toMatchObject({
      status: 'done',
      endedAt: T0 + gate + 30 * min,
    });
  });

  it('a skip of the skin check is the confirmation', () => {
    const events: SessionEvent[] = [...go, { type: 'skip', at: T0 + 20 * min + 5 * s }];
    const state = sessionState(line, events, T0 + 25 * min);
    expect(state).toMatchObject({ status: 'running', stepIndex: 2, elapsedMs: gate + 5 * min - 5 * s });
    expect(firedAt(state, 'step_change@2')).toBe(T0 + 20 * min + 5 * s);
  });

  it('a skip while waiting skips the heat and never announces it', () => {
    const events: SessionEvent[] = [...go, { type: 'skip', at: T0 + gate + 1 * min }];
    const state = sessionState(line, events, T0 + gate + 1 * min);
    expect(state.status).toBe('done');
    expect(statusOf(state, 'step_change@2')).toBe('skipped');
    expect(firedAt(state, 'done@2')).toBe(T0 + gate + 1 * min);
  });
});

describe('cues due between two calls', () => {
  it('a late call reports every cue it missed, in time order, once', () => {
    const late = sessionState(child, started, T0 + 16 * s, T0);
    expect(late.cuesDue.map((cue) => [cue.cue.id, cue.at])).toEqual([
      ['last_3_seconds@0', T0 + 2 * s],
      ['step_change@1', T0 + 5 * s],
      ['halfway@1', T0 + 10 * s],
      ['last_3_seconds@1', T0 + 12 * s],
      ['step_change@2', T0 + 15 * s],
    ]);
    expect(sessionState(child, started, T0 + 16 * s, T0 + 16 * s).cuesDue).toEqual([]);
  });

  it('the first call (no since) reports everything due so far, the start included', () => {
    expect(sessionState(child, started, T0).cuesDue.map((cue) => cue.cue.id)).toEqual([
      'step_change@0',
      'get_ready@0',
    ]);
  });
});

describe('invalid event sequences never throw; they are ignored by a stated rule', () => {
  const table: [string, SessionEvent[], number, Partial<SessionState>, SessionState['ignored']][] = [
    [
      'resume without pause',
      [...started, { type: 'resume', at: T0 + 1 * s }],
      T0 + 2 * s,
      { status: 'running', elapsedMs: 2 * s },
      [{ index: 2, reason: 'not_allowed' }],
    ],
    [
      'pause twice',
      [...started, { type: 'pause', at: T0 + 1 * s }, { type: 'pause', at: T0 + 2 * s }],
      T0 + 3 * s,
      { status: 'paused', elapsedMs: 1 * s },
      [{ index: 3, reason: 'not_allowed' }],
    ],
    [
      'pause, skip and resume before the start',
      [
        { type: 'pause', at: T0 - 3 },
        { type: 'skip', at: T0 - 2 },
        { type: 'resume', at: T0 - 1 },
        ...started,
      ],
      T0 + 1 * s,
      { status: 'running', elapsedMs: 1 * s },
      [
        { index: 0, reason: 'not_allowed' },
        { index: 1, reason: 'not_allowed' },
        { index: 2, reason: 'not_allowed' },
      ],
    ],
    [
      'a second start',
      [...started, { type: 'start', at: T0 + 4 * s }],
      T0 + 6 * s,
      { status: 'running', elapsedMs: 6 * s },
      [{ index: 2, reason: 'not_allowed' }],
    ],
    [
      'events out of time order',
      [...started, { type: 'pause', at: T0 + 5 * s }, { type: 'resume', at: T0 + 3 * s }],
      T0 + 10 * s,
      { status: 'paused', elapsedMs: 5 * s },
      [{ index: 3, reason: 'out_of_order' }],
    ],
    [
      'events after stop',
      [
        ...started,
        { type: 'stop', at: T0 + 2 * s },
        { type: 'resume', at: T0 + 3 * s },
        { type: 'start', at: T0 + 4 * s },
      ],
      T0 + 10 * s,
      { status: 'stopped', elapsedMs: 2 * s },
      [
        { index: 3, reason: 'after_end' },
        { index: 4, reason: 'after_end' },
      ],
    ],
    [
      'events after done (even at the very moment it ends)',
      [...started, { type: 'pause', at: T0 + 41 * s }, { type: 'stop', at: T0 + 50 * s }],
      T0 + 60 * s,
      { status: 'done', endedAt: T0 + 41 * s },
      [
        { index: 2, reason: 'after_end' },
        { index: 3, reason: 'after_end' },
      ],
    ],
    [
      'malformed events',
      [
        ...started,
        { type: 'jump', at: T0 + 1 } as unknown as SessionEvent,
        { type: 'pause', at: Number.NaN },
        null as unknown as SessionEvent,
        { type: 'pause' } as unknown as SessionEvent,
      ],
      T0 + 1 * s,
      { status: 'running', elapsedMs: 1 * s },
      [
        { index: 2, reason: 'invalid' },
        { index: 3, reason: 'invalid' },
        { index: 4, reason: 'invalid' },
        { index: 5, reason: 'invalid' },
      ],
    ],
    [
      'same timestamps, applied in list order',
      [...started, { type: 'pause', at: T0 }, { type: 'resume', at: T0 }, { type: 'pause', at: T0 }],
      T0 + 5 * s,
      { status: 'paused', elapsedMs: 0 },
      [],
    ],
  ];

  it.each(table)('%s', (_name, events, now, expected, ignored) => {
    const state = sessionState(child, events, now);
    expect(state).toMatchObject(expected);
    expect(state.ignored).toEqual(ignored);
  });

  // Out of order is judged against the list, not against `now`, so the past never changes as time goes on.
  it('judges order against earlier events even when they lie in the future', () => {
    const events: SessionEvent[] = [
      ...started,
      { type: 'stop', at: T0 + 50 * s },
      { type: 'pause', at: T0 + 4 * s },
    ];
    const early = sessionState(child, events, T0 + 10 * s);
    expect(early).toMatchObject({ status: 'running', elapsedMs: 10 * s });
    expect(early.ignored).toEqual([{ index: 3, reason: 'out_of_order' }]);
  });

  it('never changes the events or the timeline it is given', () => {
    const events = Object.freeze(started.map((event) => Object.freeze({ ...event })));
    const before = JSON.stringify([child, events]);
    sessionState(child, events, T0 + 20 * s, T0);
    expect(JSON.stringify([child, events])).toBe(before);
  });
});
