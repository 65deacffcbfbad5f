import { describe, expect, it } from 'vitest';
import { getEntry, seedFileNames } from '../knowledge/index.ts';
import { rules, sourceEmitAs } from '../triage/index.ts';
import { analyse } from './analyse.ts';
import { diaryEscalations, exercisePainRise, promptDays, type DiaryEscalationInput } from './escalations.ts';
import {
  daily,
  makeAssessment,
  makeCheckIn,
  makeEntries,
  makeEpisode,
  makeSession,
  referenceToday,
} from './test-factories.ts';
import type { DiaryAnalysis, DiaryEscalation } from './types.ts';

type Course = 'flat' | 'improving' | 'worsening' | 'none';

/** The analysis on episode day `day` of a diary logged every day with the given course. */
function analysisOn(day: number, course: Course, timeZone = 'Europe/London'): DiaryAnalysis {
  const episode = makeEpisode({ onsetDaysAgo: day, timeZone });
  const pain = (d: number): number | null => {
    switch (course) {
      case 'flat':
        return 6;
      case 'improving':
        return d < 2 ? 8 : 3;
      case 'worsening':
        return d < 2 ? 4 : 7;
      case 'none':
        return null;
    }
  };
  return analyse(makeEntries({ days: day + 1, pain, episode }), episode, referenceToday);
}

function ids(input: DiaryEscalationInput): string[] {
  return diaryEscalations(input).map((e) => (e.protocolId === undefined ? e.id : `${e.id}:${e.protocolId}`));
}

function only(input: DiaryEscalationInput, id: DiaryEscalation['id']): DiaryEscalation {
  const found = diaryEscalations(input).filter((e) => e.id === id);
  expect(found).toHaveLength(1);
  return found[0] as DiaryEscalation;
}

describe('the done-when case', () => {
  it('an episode with 10 days of flat pain shows the day-7 escalation', () => {
    const episode = makeEpisode({ onsetDaysAgo: 9 });
    const analysis = analyse(makeEntries({ days: 10, pain: 6, episode }), episode, referenceToday);
    const escalation = only({ analysis }, 'book_appointment');
    expect(escalation).toMatchObject({
      level: 'soon',
      since: '2026-03-14', // day 7 of an episode that began on 7 March
      sources: ['003_e4685ed4c058ddb9.txt'],
      entries: ['rf-no-improvement-1-2-weeks'],
    });
    expect(escalation.reason).toContain('day 9');
    expect(escalation.reason).toContain('6 out of 10 at the start, 6 lately');
  });
});

describe('time-based prompts', () => {
  it('come from the knowledge base and match the triage boundaries', () => {
    expect(promptDays).toEqual({ bookAppointment: 7, seeDoctor: 14, review: 43 });
    // Why: promptDays falls back to 7/14/43 if the entry loses them, so check the entry itself for drift.
    expect(getEntry('rf-no-improvement-1-2-weeks')?.protocol?.spec_default).toMatchObject({
      first_prompt_day: promptDays.bookAppointment,
      second_prompt_day: promptDays.seeDoctor,
      long_duration_day: promptDays.review,
    });
    const gte = (id: string) => JSON.stringify(rules.find((r) => r.id === id)?.when);
    expect(gte('not_improving_after_7_days')).toContain('"gte":7');
    expect(gte('pain_over_6_weeks')).toContain('"gte":43');
  });

  it.each([
    { day: 0, course: 'flat', expected: [] },
    { day: 6, course: 'flat', expected: [] },
    { day: 7, course: 'flat', expected: ['book_appointment'] },
    { day: 13, course: 'flat', expected: ['book_appointment'] },
    // Why: from day 14 the second check-in replaces the first; both at once would say the same thing twice.
    { day: 14, course: 'flat', expected: ['see_doctor_with_summary'] },
    { day: 42, course: 'flat', expected: ['see_doctor_with_summary'] },
    { day: 43, course: 'flat', expected: ['see_doctor_with_summary', 'review'] },
    { day: 6, course: 'worsening', expected: [] },
    { day: 7, course: 'worsening', expected: ['book_appointment'] },
    { day: 14, course: 'worsening', expected: ['see_doctor_with_summary'] },
    { day: 7, course: 'improving', expected: [] },
    { day: 14, course: 'improving', expected: [] },
    { day: 42, course: 'improving', expected: [] },
    // Why: more than six weeks is worth a review whatever the pain is doing (triage's pain_over_6_weeks).
    { day: 43, course: 'improving', expected: ['review'] },
    // Why: no diary is no evidence of recovery, so the time rules still prompt; before day 7 nothing does.
    { day: 6, course: 'none', expected: [] },
    { day: 7, course: 'none', expected: ['book_appointment'] },
    { day: 14, course: 'none', expected: ['see_doctor_with_summary'] },
    { day: 43, course: 'none', expected: ['see_doctor_with_summary', 'review'] },
  ] as const)('day $day, $course: $expected', ({ day, course, expected }) => {
    expect(ids({ analysis: analysisOn(day, course) })).toEqual(expected);
  });

  it.each([
    { day: 7, id: 'book_appointment', since: '2026-03-16' },
    { day: 14, id: 'see_doctor_with_summary', since: '2026-03-16' },
    { day: 20, id: 'see_doctor_with_summary', since: '2026-03-10' },
    { day: 43, id: 'review', since: '2026-03-16' },
    { day: 50, id: 'review', since: '2026-03-09' },
  ] as const)('$id on day $day applies since $since', ({ day, id, since }) => {
    expect(only({ analysis: analysisOn(day, 'flat') }, id).since).toBe(since);
  });

  it('explains why the pain does not count as better, in each case', () => {
    const reason = (analysis: DiaryAnalysis) => only({ analysis }, 'book_appointment').reason;
    expect(reason(analysisOn(8, 'flat'))).toMatch(/not clearly better: 6 out of 10 at the start, 6 lately/);
    expect(reason(analysisOn(8, 'worsening'))).toMatch(/worse than when the diary began: 4 out of 10/);
    expect(reason(analysisOn(8, 'none'))).toMatch(/no pain ratings yet/);
    const episode = makeEpisode({ onsetDaysAgo: 8 });
    const stale = analyse(daily([8, 8, 7, 6, 5], episode), episode, referenceToday);
    expect(reason(stale)).toMatch(/no ratings from the last three days/);
  });

  it('the day-14 prompt links the doctor-visit card and the review cites triage pain_over_6_weeks', () => {
    expect(only({ analysis: analysisOn(14, 'flat') }, 'see_doctor_with_summary').entries).toEqual([
      'rf-no-improvement-1-2-weeks',
      'pro-see-doctor-what-to-tell',
    ]);
    expect(only({ analysis: analysisOn(43, 'flat') }, 'review').sources).toEqual([
      sourceEmitAs['NICE-NG59'],
      sourceEmitAs['GCARE-REDFLAGS'],
    ]);
  });

  it('a not-yet-begun episode gives nothing', () => {
    const analysis = analyse([], { onsetDate: '2026-03-20', timeZone: 'UTC' }, referenceToday);
    expect(diaryEscalations({ analysis })).toEqual([]);
  });
});

describe('stop_exercise', () => {
  const analysis = analysisOn(3, 'improving');

  it.each([
    { name: 'a rise of 1', session: { painBefore: 3, painAfter: 4 }, fires: false },
    { name: 'a rise of 2', session: { painBefore: 3, painAfter: 5 }, fires: true },
    { name: 'a rise of 6', session: { painBefore: 2, painAfter: 8 }, fires: true },
    { name: 'no change', session: { painBefore: 5, painAfter: 5 }, fires: false },
    { name: 'a drop', session: { painBefore: 6, painAfter: 2 }, fires: false },
    { name: 'no rating after', session: { painBefore: 3 }, fires: false },
    { name: 'no rating before', session: { painAfter: 9 }, fires: false },
    // Why: the rule is about exercises (001 ¶7); heat or ice that hurts is a different problem.
    {
      name: 'a rise of 5 with heat (a treatment)',
      session: { protocolId: 'tx-heat', painBefore: 2, painAfter: 7 },
      fires: false,
    },
    {
      name: 'a rise of 2 with the press-up',
      session: { protocolId: 'ex-prone-press-up', painBefore: 4, painAfter: 6 },
      fires: true,
    },
  ])('$name: $fires', ({ session, fires }) => {
    expect(ids({ analysis, sessions: [makeSession(session)] }).length).toBe(fires ? 1 : 0);
  });

  it('names the exercise, its numbers and the local day of the session', () => {
    // 23:30 UTC on 14 March is 23:30 GMT in London: still the 14th (winter time).
    const session = makeSession({ startedAt: '2026-03-14T23:30:00.000Z', painBefore: 3, painAfter: 5 });
    expect(only({ analysis, sessions: [session] }, 'stop_exercise')).toEqual({
      id: 'stop_exercise',
      level: 'self_care',
      title: 'Stop for now: Walking, building up gradually',
      reason: 'On 2026-03-14 your pain went from 3 before this exercise to 5 after it, 2 points higher.',
      action: expect.any(String) as string,
      sources: ['001_bd30bd02c355b2a0.txt'],
      entries: ['ex-walking'],
      since: '2026-03-14',
      protocolId: 'ex-walking',
    });
  });

  it('dates the session in the episode zone', () => {
    const tokyo = analysisOn(3, 'improving', 'Asia/Tokyo');
    const session = makeSession({ startedAt: '2026-03-14T23:30:00.000Z', painBefore: 3, painAfter: 5 });
    expect(only({ analysis: tokyo, sessions: [session] }, 'stop_exercise').since).toBe('2026-03-15');
  });

  it.each([
    {
      name: 'a later session without a rise clears it',
      later: { painBefore: 3, painAfter: 3 },
      fires: false,
    },
    { name: 'a later session without ratings does not', later: {}, fires: true },
    { name: 'a later session with a rise keeps it', later: { painBefore: 2, painAfter: 4 }, fires: true },
  ])('$name', ({ later, fires }) => {
    const sessions = [
      makeSession({ startedAt: '2026-03-15T09:00:00.000Z', ...later }),
      makeSession({ startedAt: '2026-03-14T09:00:00.000Z', painBefore: 3, painAfter: 6 }),
    ];
    expect(ids({ analysis, sessions })).toEqual(fires ? ['stop_exercise:ex-walking'] : []);
  });

  // Why: with two sessions at the same instant, order of input must not decide whether a warning shows.
  it('on a tie, the session with the bigger rise wins, in any order', () => {
    const calm = makeSession({ startedAt: '2026-03-15T09:00:00.000Z', painBefore: 3, painAfter: 3 });
    const sore = makeSession({ startedAt: '2026-03-15T09:00:00.000Z', painBefore: 3, painAfter: 6 });
    expect(ids({ analysis, sessions: [calm, sore] })).toEqual(['stop_exercise:ex-walking']);
    expect(ids({ analysis, sessions: [sore, calm] })).toEqual(['stop_exercise:ex-walking']);
  });

  it('gives one escalation per exercise, most recent first', () => {
    const sessions = [
      makeSession({
        protocolId: 'ex-knee-to-chest',
        startedAt: '2026-03-13T09:00:00.000Z',
        painBefore: 2,
        painAfter: 5,
      }),
      makeSession({
        protocolId: 'ex-walking',
        startedAt: '2026-03-15T09:00:00.000Z',
        painBefore: 2,
        painAfter: 4,
      }),
      makeSession({
        protocolId: 'ex-walking',
        startedAt: '2026-03-14T09:00:00.000Z',
        painBefore: 2,
        painAfter: 4,
      }),
      makeSession({
        protocolId: 'ex-childs-pose',
        startedAt: '2026-03-15T07:00:00.000Z',
        painBefore: 1,
        painAfter: 3,
      }),
    ];
    expect(ids({ analysis, sessions })).toEqual([
      'stop_exercise:ex-childs-pose',
      'stop_exercise:ex-walking',
      'stop_exercise:ex-knee-to-chest',
    ]);
  });

  it('uses a 2-point rise', () => {
    expect(exercisePainRise).toBe(2);
  });
});

describe('triage_again_now', () => {
  const analysis = analysisOn(3, 'improving');
  const checkIn = '2026-03-15T18:00:00.000Z';

  it.each([
    { name: 'a warning sign at a check-in', checkIns: [makeCheckIn(checkIn)], assessments: [], fires: true },
    { name: 'no warning sign', checkIns: [makeCheckIn(checkIn, false)], assessments: [], fires: false },
    { name: 'no check-in', checkIns: [], assessments: [], fires: false },
    {
      name: 'triaged afterwards',
      checkIns: [makeCheckIn(checkIn)],
      assessments: [makeAssessment('2026-03-15T18:05:00.000Z')],
      fires: false,
    },
    {
      name: 'triaged at the same instant',
      checkIns: [makeCheckIn(checkIn)],
      assessments: [makeAssessment(checkIn)],
      fires: false,
    },
    {
      name: 'triaged only before',
      checkIns: [makeCheckIn(checkIn)],
      assessments: [makeAssessment('2026-03-15T17:59:59.000Z', 'soon')],
      fires: true,
    },
    // Why: a sign that comes and goes (saddle or bladder symptoms can) must still be checked.
    {
      name: 'a later check-in without a warning sign',
      checkIns: [makeCheckIn(checkIn), makeCheckIn('2026-03-16T08:00:00.000Z', false)],
      assessments: [],
      fires: true,
    },
  ])('$name: $fires', ({ checkIns, assessments, fires }) => {
    expect(ids({ analysis, checkIns, assessments })).toEqual(fires ? ['triage_again_now'] : []);
  });

  it('is urgent, dates from the first unanswered check-in and counts them', () => {
    const escalation = only(
      {
        analysis,
        checkIns: [
          makeCheckIn('2026-03-16T08:00:00.000Z'),
          makeCheckIn(checkIn),
          makeCheckIn('2026-03-14T08:00:00.000Z'),
        ],
        assessments: [makeAssessment('2026-03-14T09:00:00.000Z')],
      },
      'triage_again_now',
    );
    expect(escalation).toMatchObject({ level: 'urgent', since: '2026-03-15', entries: [] });
    expect(escalation.reason).toContain('at 2 check-ins');
  });

  it('fires even before day 7 and with no diary at all', () => {
    expect(ids({ analysis: analysisOn(0, 'none'), checkIns: [makeCheckIn(checkIn)] })).toEqual([
      'triage_again_now',
    ]);
  });
});

describe('ordering', () => {
  it('puts a reported warning sign first, then the doctor prompts, then exercises', () => {
    const input: DiaryEscalationInput = {
      analysis: analysisOn(43, 'flat'),
      sessions: [
        makeSession({
          protocolId: 'ex-walking',
          startedAt: '2026-03-10T09:00:00.000Z',
          painBefore: 2,
          painAfter: 4,
        }),
        makeSession({
          protocolId: 'ex-yoga',
          startedAt: '2026-03-12T09:00:00.000Z',
          painBefore: 2,
          painAfter: 4,
        }),
      ],
      checkIns: [makeCheckIn('2026-03-01T09:00:00.000Z')],
    };
    expect(ids(input)).toEqual([
      'triage_again_now',
      'see_doctor_with_summary',
      'review',
      'stop_exercise:ex-yoga',
      'stop_exercise:ex-walking',
    ]);
  });

  it('does not depend on the order of the inputs', () => {
    const sessions = [
      makeSession({
        protocolId: 'ex-walking',
        startedAt: '2026-03-10T09:00:00.000Z',
        painBefore: 2,
        painAfter: 4,
      }),
      makeSession({
        protocolId: 'ex-yoga',
        startedAt: '2026-03-10T09:00:00.000Z',
        painBefore: 2,
        painAfter: 4,
      }),
    ];
    const analysis = analysisOn(9, 'flat');
    expect(diaryEscalations({ analysis, sessions })).toEqual(
      diaryEscalations({ analysis, sessions: [...sessions].reverse() }),
    );
    expect(ids({ analysis, sessions })).toEqual([
      'book_appointment',
      'stop_exercise:ex-walking',
      'stop_exercise:ex-yoga',
    ]);
  });
});

describe('every escalation', () => {
  const all = diaryEscalations({
    analysis: analysisOn(43, 'flat'),
    sessions: [makeSession({ painBefore: 1, painAfter: 9 })],
    checkIns: [makeCheckIn('2026-03-15T09:00:00.000Z')],
  }).concat(diaryEscalations({ analysis: analysisOn(7, 'flat') }));

  it('covers all five kinds', () => {
    expect(new Set(all.map((e) => e.id))).toEqual(
      new Set(['triage_again_now', 'see_doctor_with_summary', 'book_appointment', 'review', 'stop_exercise']),
    );
  });

  it.each(all.map((e) => [e.id, e] as const))(
    '%s cites real sources and links real cards',
    (_id, escalation) => {
      const citable = new Set<string>([...seedFileNames, ...Object.values(sourceEmitAs)]);
      expect(escalation.sources.length).toBeGreaterThan(0);
      for (const source of escalation.sources) expect(citable).toContain(source);
      for (const id of escalation.entries) expect(getEntry(id)).toBeDefined();
      expect(new Set(escalation.sources).size).toBe(escalation.sources.length);
      for (const text of [escalation.title, escalation.reason, escalation.action])
        expect(text.trim()).not.toBe('');
    },
  );
});

describe('validation', () => {
  it('names every malformed time', () => {
    const analysis = analysisOn(3, 'flat');
    const input: DiaryEscalationInput = {
      analysis,
      sessions: [{ ...makeSession(), startedAt: 'dawn' }],
      assessments: [{ at: 'later' }],
      checkIns: [{ at: '', redFlagReported: true }],
    };
    expect(() => diaryEscalations(input)).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        fields: [
          { field: 'sessions.0.startedAt', problem: 'not a time' },
          { field: 'assessments.0.at', problem: 'not a time' },
          { field: 'checkIns.0.at', problem: 'not a time' },
        ],
      }),
    );
  });
});
