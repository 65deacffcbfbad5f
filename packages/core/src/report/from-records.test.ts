import { describe, expect, it } from 'vitest';
import type { DiaryEntry, Episode, SessionLog } from '../records/index.ts';
import { triage, type TriageResult } from '../triage/index.ts';
import { makeAnswers } from '../triage/test-factories.ts';
import { summaryFromRecords } from './from-records.ts';

const episode: Episode = {
  id: '0193a0b0-0000-7000-8000-000000000001',
  onsetDate: '2026-11-10',
  timeZone: 'UTC',
  location: 'lower',
  trigger: 'lifting',
  knownConditions: [],
  preferences: {},
  status: 'active',
  createdAt: '2026-11-10T08:00:00.000Z',
  updatedAt: '2026-11-10T08:00:00.000Z',
};

// Why: the "done when": 10 days of flat pain show the day-7 escalation, here in the summary.
describe('summaryFromRecords', () => {
  it('10 days of flat pain: the summary carries the day-7 escalation and the pain by day', () => {
    const diary: DiaryEntry[] = Array.from({ length: 11 }, (_, d) => ({
      id: `0193a0b0-0000-7000-8000-0000000001${String(d).padStart(2, '0')}`,
      episodeId: episode.id,
      at: `2026-11-${String(10 + d).padStart(2, '0')}T12:00:00.000Z`,
      pain: 6,
    }));
    const result = triage(makeAnswers({ days_since_onset: 1 })) as TriageResult;
    const summary = summaryFromRecords(
      {
        episode,
        diary,
        assessments: [
          {
            id: '0193a0b0-0000-7000-8000-000000000009',
            episodeId: episode.id,
            at: '2026-11-11T09:00:00.000Z',
            answers: { ...makeAnswers({ days_since_onset: 1 }) },
            result,
            rulesVersion: result.rulesVersion,
          },
        ],
        sessions: [],
      },
      '2026-11-20T18:00:00.000Z',
    );
    expect(summary.episode.day).toBe(10);
    expect(summary.escalations.map((e) => e.id)).toContain('book_appointment');
    expect(summary.pain.days.filter((d) => d.worst === 6)).toHaveLength(11);
  });
});

// Why: a session still running on another device (inProgress) has no outcome yet; the summary must not list it
// as a session done (or stopped after a few steps) until the player reports its end.
describe('summaryFromRecords and sessions in progress', () => {
  const session = (id: string, overrides: Partial<SessionLog> = {}): SessionLog => ({
    id,
    episodeId: episode.id,
    protocolId: 'tx-heat',
    startedAt: '2026-11-12T08:00:00.000Z',
    endedAt: '2026-11-12T08:20:00.000Z',
    stepsCompleted: 3,
    stoppedEarly: false,
    ...overrides,
  });
  const summarise = (sessions: SessionLog[]) =>
    summaryFromRecords({ episode, diary: [], assessments: [], sessions }, '2026-11-13T18:00:00.000Z');

  it('leaves out an in-progress log and counts the same session once it has ended', () => {
    const id = '0193a0b0-0000-7000-8000-000000000201';
    const running = summarise([session(id, { inProgress: true, stepsCompleted: 1 })]);
    expect(running.sessions).toEqual([]);
    expect(running.treatments).toEqual([]);
    const ended = summarise([session(id)]);
    expect(ended.sessions).toHaveLength(1);
    expect(ended.treatments.map((t) => [t.entryId, t.sessions])).toEqual([['tx-heat', 1]]);
  });

  it('counts an ended log beside one still in progress', () => {
    const summary = summarise([
      session('0193a0b0-0000-7000-8000-000000000202'),
      session('0193a0b0-0000-7000-8000-000000000203', {
        startedAt: '2026-11-13T08:00:00.000Z',
        endedAt: '2026-11-13T08:05:00.000Z',
        inProgress: true,
      }),
    ]);
    expect(summary.sessions).toHaveLength(1);
  });
});
