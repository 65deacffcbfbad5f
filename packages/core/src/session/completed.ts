/**
 * How many steps of a session were done: the one rule the web app, the CLI and the summary share, so a session
 * whose every step was skipped is never recorded as completed anywhere.
 */
import { sessionState } from './state.ts';
import type { SessionEvent, Timeline } from './types.ts';

/**
 * Steps whose full time ran by `now`. A step ended by a skip or a stop is not done, and neither is one never
 * reached. Ignored events (a skip before the start, a second stop…) cut nothing, because the state just before
 * each event says whether it could take effect.
 */
export function completedSteps(timeline: Timeline, events: readonly SessionEvent[], now: number): number {
  const cut = new Set<number>();
  events.forEach((event, i) => {
    if ((event.type !== 'skip' && event.type !== 'stop') || event.at > now) return;
    const before = sessionState(timeline, events.slice(0, i), event.at);
    const running = before.status === 'running' || before.status === 'paused';
    if (running && before.stepIndex !== null) cut.add(before.stepIndex);
  });
  const final = sessionState(timeline, events, now);
  const reached =
    final.status === 'done'
      ? timeline.steps.length
      : final.status === 'not_started'
        ? 0
        : (final.stepIndex ?? timeline.steps.length);
  return timeline.steps.slice(0, reached).filter((step) => !cut.has(step.index)).length;
}
