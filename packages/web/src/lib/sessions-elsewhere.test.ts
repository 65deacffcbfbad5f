import type { SessionLog } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { protocolLengthMs, sessionsElsewhere } from './sessions-elsewhere.ts';

const minute = 60_000;
const now = Date.parse('2026-03-02T10:00:00.000Z');

function log(id: string, reportedMinutesAgo: number, inProgress = true, protocolId = 'tx-heat'): SessionLog {
  const endedAt = new Date(now - reportedMinutesAgo * minute).toISOString();
  return {
    id,
    episodeId: 'e1',
    protocolId,
    startedAt: new Date(now - (reportedMinutesAgo + 5) * minute).toISOString(),
    endedAt,
    stepsCompleted: 1,
    stoppedEarly: false,
    ...(inProgress ? { inProgress: true } : {}),
  };
}

describe('sessionsElsewhere', () => {
  const twentyMinutes = () => 20 * minute;

  it('a log reported within the protocol length is running; an older one was left unfinished', () => {
    const found = sessionsElsewhere(
      [log('a', 3), log('b', 45, true, 'ex-walking')],
      null,
      now,
      twentyMinutes,
    );
    expect(found.running.map((s) => s.id)).toEqual(['a']);
    expect(found.unfinished.map((s) => s.id)).toEqual(['b']);
  });

  it("leaves out finished logs and this device's own run", () => {
    const found = sessionsElsewhere([log('a', 1, false), log('mine', 1)], 'mine', now, twentyMinutes);
    expect(found).toEqual({ running: [], unfinished: [] });
  });

  it('keeps the latest unfinished start of each protocol only', () => {
    const found = sessionsElsewhere([log('old', 300), log('newer', 100)], null, now, twentyMinutes);
    expect(found.unfinished.map((s) => s.id)).toEqual(['newer']);
  });

  it("uses the protocol's own length, and a default for an unknown one", () => {
    expect(protocolLengthMs('tx-heat')).toBeGreaterThan(minute);
    expect(protocolLengthMs('no-such-protocol')).toBe(30 * minute);
  });
});
