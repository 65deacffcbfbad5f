/**
 * Session logs another device has in progress (docs/sync.md). The player there sends an in-progress log when a
 * session starts and at every step, with `endedAt` = when it last reported. Such a log counts as running while
 * that report is more recent than the protocol's whole length: no step lasts longer, so a device still running
 * it would have reported since. An older one was left unfinished (the tab closed, the phone died).
 */
import { buildTimeline, type SessionLog } from '@unknot/core';

/** When a protocol's length is not known here (another app version's protocol): a generous half hour. */
const unknownLengthMs = 30 * 60_000;

export function protocolLengthMs(protocolId: string): number {
  const built = buildTimeline(protocolId, {});
  return built.ok ? built.timeline.totalMs : unknownLengthMs;
}

export interface ElsewhereSessions {
  running: SessionLog[];
  unfinished: SessionLog[];
}

/**
 * The in-progress logs not of this device's own run (`ownLogId`), split into running and unfinished at `now`.
 * Only the latest unfinished one per protocol is kept: a list of abandoned starts helps nobody.
 */
export function sessionsElsewhere(
  logs: readonly SessionLog[],
  ownLogId: string | null,
  now: number,
  lengthOf: (protocolId: string) => number = protocolLengthMs,
): ElsewhereSessions {
  const running: SessionLog[] = [];
  const unfinished = new Map<string, SessionLog>();
  for (const log of logs) {
    if (log.inProgress !== true || log.id === ownLogId) continue;
    if (now - Date.parse(log.endedAt) <= lengthOf(log.protocolId)) running.push(log);
    else unfinished.set(log.protocolId, log);
  }
  return { running, unfinished: [...unfinished.values()] };
}
