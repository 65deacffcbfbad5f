/**
 * Laws of sessionState over random event lists (starts, pauses, resumes, skips, stops, invalid ones among them)
 * on short and long timelines, one of them with a step that waits for confirmation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionState } from './state.ts';
import { arbSession, lastAt, mustTimeline } from './test-factories.ts';
import type { SessionEvent, SessionState, Timeline } from './types.ts';

const lines: readonly Timeline[] = [
  mustTimeline('ex-childs-pose'),
  mustTimeline('ex-knee-to-chest', { day: 10 }),
  mustTimeline('tx-contrast-shower'),
  mustTimeline('tx-alternate-ice-heat'),
  mustTimeline('tx-ice', { overrides: { cycles: 3 } }),
];

/** A timeline, a session on it, and a time span that covers the session and some time after. */
const arbCase = fc
  .constantFrom(...lines)
  .chain((line) => {
    const gap = Math.ceil(line.totalMs / 6);
    return fc.tuple(fc.constant(line), arbSession(line, gap), fc.integer({ min: 0, max: 2 * line.totalMs }));
  })
  .map(([line, events, extra]) => ({ line, events, end: lastAt(events) + extra }));

/** Sorted random times in [from, to]. */
function timesIn(from: number, to: number) {
  return fc
    .array(fc.integer({ min: from, max: to }), { maxLength: 20 })
    .map((times) => [...times].sort((a, b) => a - b));
}

/** The state without `cuesDue`, which depends on `since` by design. */
function withoutDue(state: SessionState): Omit<SessionState, 'cuesDue'> {
  const { cuesDue: _cuesDue, ...rest } = state;
  return rest;
}

describe('sessionState laws', () => {
  it('progress and position never go back as now moves on', () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) => fc.tuple(fc.constant(c), timesIn(0, c.end))),
        ([{ line, events }, times]) => {
          let previous = sessionState(line, events, 0);
          for (const now of times) {
            const state = sessionState(line, events, now);
            expect(state.progress).toBeGreaterThanOrEqual(previous.progress);
            expect(state.elapsedMs).toBeGreaterThanOrEqual(previous.elapsedMs);
            expect(state.runningMs).toBeGreaterThanOrEqual(previous.runningMs);
            previous = state;
          }
        },
      ),
    );
  });

  it('elapsed stays within 0..totalMs, running time within elapsed and wall time', () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) => fc.tuple(fc.constant(c), fc.integer({ min: 0, max: c.end }))),
        ([{ line, events }, now]) => {
          const state = sessionState(line, events, now);
          expect(state.elapsedMs).toBeGreaterThanOrEqual(0);
          expect(state.elapsedMs).toBeLessThanOrEqual(line.totalMs);
          expect(state.elapsedMs + state.remainingMs).toBe(line.totalMs);
          expect(state.progress).toBeGreaterThanOrEqual(0);
          expect(state.progress).toBeLessThanOrEqual(1);
          expect(state.runningMs).toBeLessThanOrEqual(state.elapsedMs);
          if (state.startedAt !== null) expect(state.runningMs).toBeLessThanOrEqual(now - state.startedAt);
          expect(state.status === 'done').toBe(state.elapsedMs === line.totalMs);
          if (state.step !== null) expect(state.stepElapsedMs + state.stepLeftMs).toBe(state.step.durationMs);
        },
      ),
    );
  });

  // A player that polls often, rarely, or late gets the same state as one asked once at the end.
  it('the state at now does not depend on how often or how late it was polled', () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) => fc.tuple(fc.constant(c), timesIn(0, c.end))),
        ([{ line, events, end }, polls]) => {
          let since: number | undefined;
          let last: SessionState | undefined;
          for (const now of [...polls, end]) {
            last = sessionState(line, events, now, since);
            since = now;
          }
          expect(last && withoutDue(last)).toEqual(withoutDue(sessionState(line, events, end)));
        },
      ),
    );
  });

  // Events recorded later cannot change what has already happened.
  it('appending later events never changes the state at an earlier now', () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) => fc.tuple(fc.constant(c), fc.integer({ min: 0, max: c.events.length }))),
        ([{ line, events }, cut]) => {
          const known = events.slice(0, cut);
          const now = events[cut]?.at ?? lastAt(events);
          // The next event happens at `now`, so look just before it.
          const before = Math.max(0, now - 1);
          expect(sessionState(line, known, before)).toEqual(sessionState(line, events, before));
        },
      ),
    );
  });

  it('cuesDue over any partition of (0, T] reports each cue that fired exactly once', () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) => fc.tuple(fc.constant(c), timesIn(1, c.end))),
        ([{ line, events, end }, cuts]) => {
          const reported: string[] = [];
          let since = 0;
          for (const now of [...cuts, end]) {
            reported.push(...sessionState(line, events, now, since).cuesDue.map((due) => due.cue.id));
            since = now;
          }
          const fired = sessionState(line, events, end)
            .cues.filter((cue) => cue.status === 'fired' && cue.at !== null && cue.at > 0)
            .map((cue) => cue.cue.id);
          expect([...reported].sort()).toEqual([...fired].sort());
          expect(new Set(reported).size).toBe(reported.length);
        },
      ),
    );
  });

  it('a fired cue keeps its time however late it is looked at', () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) => fc.tuple(fc.constant(c), fc.integer({ min: 0, max: c.end }))),
        ([{ line, events, end }, now]) => {
          const early = sessionState(line, events, now);
          const late = sessionState(line, events, end);
          early.cues.forEach((cue, i) => {
            if (cue.status === 'fired') expect(late.cues[i]).toEqual(cue);
          });
        },
      ),
    );
  });

  // Without skips or confirmations, a pause of d ms moves the end by exactly d ms.
  it('a pause moves the end by its length', () => {
    const line = mustTimeline('ex-knee-to-chest');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: line.totalMs - 1 }),
        fc.integer({ min: 1, max: 600_000 }),
        (pauseAfter, length) => {
          const start: SessionEvent[] = [
            { type: 'acknowledge_prompts', at: 0 },
            { type: 'start', at: 0 },
          ];
          const events: SessionEvent[] = [
            ...start,
            { type: 'pause', at: pauseAfter },
            { type: 'resume', at: pauseAfter + length },
          ];
          const state = sessionState(line, events, line.totalMs + length);
          expect(state.endedAt).toBe(line.totalMs + length);
          expect(sessionState(line, events, line.totalMs + length - 1).status).toBe('running');
        },
      ),
    );
  });
});
