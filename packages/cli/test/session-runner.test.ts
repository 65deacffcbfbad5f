import { buildTimeline } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { runTimeline, type RunnerTerminal } from '../src/session-runner.ts';

/** A terminal whose clock advances only when the runner waits, with keys pressed at given clock times. */
function scriptedTerminal(keys: [number, string][]) {
  let now = 1_000_000;
  const printed: string[] = [];
  let bells = 0;
  const terminal: RunnerTerminal = {
    now: () => now,
    draw: () => undefined,
    print: (line) => printed.push(line),
    bell: () => {
      bells++;
    },
    wait: (ms) => {
      const next = keys[0];
      if (next && next[0] <= now + ms) {
        keys.shift();
        now = Math.max(now, next[0]);
        return Promise.resolve(next[1]);
      }
      now += ms;
      return Promise.resolve(undefined);
    },
  };
  return { terminal, printed, bells: () => bells, start: now };
}

const heat = () => {
  const result = buildTimeline('tx-heat');
  if (!result.ok) throw new Error(result.detail);
  return result.timeline;
};

describe('runTimeline', () => {
  it('runs heat to the end on its own clock, ringing at each change', async () => {
    const t = heat();
    const s = scriptedTerminal([]);
    const outcome = await runTimeline(t, s.terminal, [{ type: 'acknowledge_prompts', at: s.start }], 1000);
    expect(outcome.state.status).toBe('done');
    expect(outcome.state.runningMs).toBe(t.totalMs);
    expect(outcome.stepsCompleted).toBe(t.steps.length);
    expect(s.bells()).toBeGreaterThanOrEqual(2);
  });

  it('space pauses and resumes: the pause does not count as running time', async () => {
    const t = heat();
    const s = scriptedTerminal([
      [s0() + 60_000, ' '],
      [s0() + 600_000, ' '],
    ]);
    function s0() {
      return 1_000_000;
    }
    const outcome = await runTimeline(t, s.terminal, [{ type: 'acknowledge_prompts', at: s.start }], 1000);
    expect(outcome.state.status).toBe('done');
    expect(outcome.state.endedAt).toBe(s.start + t.totalMs + 540_000);
  });

  it('q stops early and the stopped step does not count as completed', async () => {
    const t = heat();
    const s = scriptedTerminal([[1_000_000 + 5_000, 'q']]);
    const outcome = await runTimeline(t, s.terminal, [{ type: 'acknowledge_prompts', at: s.start }], 1000);
    expect(outcome.state.status).toBe('stopped');
    expect(outcome.stepsCompleted).toBe(0);
  });

  it('refuses to start before the prompts are acknowledged', async () => {
    const s = scriptedTerminal([]);
    await expect(runTimeline(heat(), s.terminal, [])).rejects.toThrow(/acknowledged/);
  });

  it('counts no step done when every step was skipped, although the session reached its end', async () => {
    const t = heat();
    const s = scriptedTerminal(t.steps.map((_, i): [number, string] => [1_000_000 + 1000 * (i + 1), 'n']));
    const outcome = await runTimeline(t, s.terminal, [{ type: 'acknowledge_prompts', at: s.start }], 1000);
    expect(outcome.state.status).toBe('done');
    expect(outcome.stepsCompleted).toBe(0);
  });
});
