/**
 * Test-only helpers for the session tests: timelines that must exist, event lists, and fast-check arbitraries
 * of event lists.
 */
import fc from 'fast-check';
import { buildTimeline } from './timeline.ts';
import type { SessionEvent, SessionEventType, Timeline, TimelineOptions } from './types.ts';

/** The timeline of a protocol that must have one; throws with the refusal otherwise. */
export function mustTimeline(id: string, options: TimelineOptions = {}): Timeline {
  const result = buildTimeline(id, options);
  if (!result.ok) throw new Error(`${id}: ${result.reason} (${result.detail})`);
  return result.timeline;
}

/** The acknowledgements a timeline needs, all at `at`. */
export function acknowledgements(line: Timeline, at: number): SessionEvent[] {
  return [
    ...(line.needs.prompts ? [{ type: 'acknowledge_prompts', at } as const] : []),
    ...(line.needs.caveat ? [{ type: 'acknowledge_caveat', at } as const] : []),
  ];
}

/** Acknowledged, then started at `at`. */
export function startedAt(line: Timeline, at: number): SessionEvent[] {
  return [...acknowledgements(line, at), { type: 'start', at }];
}

const clockTypes: readonly SessionEventType[] = ['pause', 'resume', 'skip', 'stop', 'start'];

/**
 * A started session followed by random clock events at increasing times (gaps up to `maxGap` ms), sometimes with
 * invalid ones (resume while running, a second start…) that the runner must ignore.
 */
export function arbSession(line: Timeline, maxGap: number): fc.Arbitrary<SessionEvent[]> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.array(fc.tuple(fc.constantFrom(...clockTypes), fc.integer({ min: 0, max: maxGap })), {
        maxLength: 12,
      }),
    )
    .map(([start, rest]) => {
      let at = start;
      const later = rest.map(([type, gap]): SessionEvent => {
        at += gap;
        return { type, at };
      });
      return [...startedAt(line, start), ...later];
    });
}

/** The time of the last event, or 0. */
export function lastAt(events: readonly SessionEvent[]): number {
  return events.at(-1)?.at ?? 0;
}
