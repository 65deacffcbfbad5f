import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DiaryAnalysis, DiaryEscalation } from '../diary/index.ts';
import { isDomainError } from '../errors.ts';
import type { Plan } from '../plan/index.ts';
import type { Assessment, DiaryEntry, Episode, SessionLog } from '../records/index.ts';
import { dispositionAdvice, questions } from '../triage/index.ts';
import { buildSummary } from './summary.ts';
import {
  generatedAt,
  makeAssessment,
  makeDiary,
  makeEpisode,
  makeInput,
  redFlagAnswers,
  today,
  uuid7,
} from './test-factories.ts';
import type {
  DoctorSummary,
  SummaryAnalysisInput,
  SummaryAssessmentInput,
  SummaryEntryInput,
  SummaryEpisodeInput,
  SummaryEscalationInput,
  SummaryInput,
  SummaryPlanInput,
  SummarySessionInput,
} from './types.ts';
import { patientReportedNotice } from './words.ts';

const summary = buildSummary(makeInput());

describe('input types', () => {
  // The summary reads the other modules' values structurally; this keeps the real types assignable, so a change
  // there that would break the summary fails here rather than at a caller.
  it('accepts the records, the diary analysis and escalations, and the plan as they are', () => {
    expectTypeOf<Episode>().toExtend<SummaryEpisodeInput>();
    expectTypeOf<DiaryEntry>().toExtend<SummaryEntryInput>();
    expectTypeOf<SessionLog>().toExtend<SummarySessionInput>();
    expectTypeOf<Assessment>().toExtend<SummaryAssessmentInput>();
    expectTypeOf<DiaryAnalysis>().toExtend<SummaryAnalysisInput>();
    expectTypeOf<DiaryEscalation>().toExtend<SummaryEscalationInput>();
    expectTypeOf<Plan>().toExtend<SummaryPlanInput>();
  });
});

describe('buildSummary: the episode', () => {
  it.each<[string, (s: DoctorSummary) => unknown, unknown]>([
    ['kind', (s) => s.kind, 'doctor_summary'],
    ['generatedAt', (s) => s.generatedAt, generatedAt],
    ['today', (s) => s.today, today],
    ['notice', (s) => s.notice, patientReportedNotice],
    ['onset date', (s) => s.episode.onsetDate, '2026-11-03'],
    ['day since onset', (s) => s.episode.day, 9],
    ['time zone', (s) => s.episode.timeZone, 'Europe/London'],
    [
      'trigger in words',
      (s) => s.episode.trigger,
      { code: 'lifting', text: 'Lifting or carrying something' },
    ],
    ['location in words', (s) => s.episode.location, { code: 'lower', text: 'Low back, above the buttocks' }],
    ['no known conditions', (s) => s.episode.knownConditions, []],
    ['work', (s) => s.episode.work, 'sitting'],
    ['status', (s) => s.episode.status, 'active'],
  ])('%s', (_name, pick, expected) => {
    expect(pick(summary)).toEqual(expected);
  });

  it.each([
    ['upper', 'Between or around the shoulder blades'],
    ['middle', 'Mid back, around the lower ribs'],
    ['lower', 'Low back, above the buttocks'],
  ] as const)('puts location %s in words', (location, text) => {
    expect(buildSummary(makeInput({ episode: { location } })).episode.location).toEqual({
      code: location,
      text,
    });
  });

  it('names known conditions in words', () => {
    const s = buildSummary(makeInput({ episode: { knownConditions: ['disc_herniation', 'osteoporosis'] } }));
    expect(s.episode.knownConditions.map((c) => c.text)).toEqual([
      'Slipped or herniated disc',
      'Osteoporosis (thin or brittle bones)',
    ]);
  });
});

describe('buildSummary: the diary', () => {
  // Expected values follow from makeDiary: days 0–2 constant, 3–9 intermittent; sitting every day, bending on even
  // days; heat every day, walking from day 5; tx-heat daily and ex-walking every third day; ibuprofen days 0–3
  // and 5; one extra entry on day 2 with naproxen; sleep 5 h on days 0–2, 7 h after.
  it.each<[string, (s: DoctorSummary) => unknown, unknown]>([
    [
      'pattern',
      (s) => s.pattern,
      { latest: 'intermittent', latestDate: '2026-11-12', constant: 3, intermittent: 7 },
    ],
    [
      'worse: counts, most often first',
      (s) => s.worse.known.map((k) => [k.code, k.text, k.count]),
      [
        ['sitting', 'Sitting', 10],
        ['bending', 'Bending', 5],
      ],
    ],
    [
      'worse: free text with its date',
      (s) => s.worse.texts,
      [{ date: '2026-11-07', text: 'Driving for more than 20 minutes' }],
    ],
    ['worse: entries that answered', (s) => s.worse.answered, 10],
    [
      'better: counts',
      (s) => s.better.known.map((k) => [k.code, k.count]),
      [
        ['heat', 10],
        ['walking', 5],
      ],
    ],
    [
      'treatments: diary and sessions together, most used first, titles from the knowledge base',
      (s) => s.treatments.map((t) => [t.entryId, t.logged, t.sessions, t.lastDate, t.title.length > 0]),
      [
        ['tx-heat', 10, 2, '2026-11-12', true],
        ['ex-walking', 4, 0, '2026-11-12', true],
        ['ex-knee-to-chest', 0, 1, '2026-11-10', true],
      ],
    ],
    [
      'sessions: newest first with pain before and after',
      (s) =>
        s.sessions.map((x) => [x.protocolId, x.date, x.time, x.minutes, x.painBefore, x.painAfter, x.change]),
      [
        ['ex-knee-to-chest', '2026-11-10', '17:00', 6, 5, 7, 2],
        ['tx-heat', '2026-11-07', '18:00', 20, 6, 5, -1],
        ['tx-heat', '2026-11-04', '18:00', 20, 7, 5, -2],
      ],
    ],
    [
      'sessions: stop reason kept',
      (s) => [s.sessions[0]?.stoppedEarly, s.sessions[0]?.stopReason],
      [true, 'It hurt more'],
    ],
    [
      'medicines: grouped regardless of case, doses as written',
      (s) => s.medicines,
      [
        {
          name: 'Ibuprofen',
          doses: ['200 mg'],
          times: 5,
          firstDate: '2026-11-03',
          lastDate: '2026-11-08',
          lastTakenAt: null,
        },
        {
          name: 'naproxen',
          doses: ['250 mg twice a day'],
          times: 1,
          firstDate: '2026-11-05',
          lastDate: '2026-11-05',
          lastTakenAt: null,
        },
      ],
    ],
    [
      'notes, newest first',
      (s) => s.notes,
      [{ date: '2026-11-11', time: '08:30', text: 'Worse after a long car trip.' }],
    ],
    ['sleep', (s) => [s.pain.sleepMeanHours, s.pain.sleepNights], [6.4, 10]],
    [
      'a daily series from onset to today',
      (s) => s.pain.days.map((d) => d.day),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    ],
    ['daily worst', (s) => s.pain.days.map((d) => d.worst), [7, 8, 8, 7, 6, 6, 7, 6, 6, 6]],
    [
      'every rating, oldest first',
      (s) => s.pain.readings.map((r) => r.pain),
      [7, 8, 7, 8, 7, 6, 6, 7, 6, 6, 6],
    ],
    ['highest', (s) => s.pain.highest, { pain: 8, date: '2026-11-04' }],
    [
      'baseline, latest, trend',
      (s) => [s.pain.baseline, s.pain.latest, s.pain.trend],
      [7.5, 6, 'not_improving'],
    ],
  ])('%s', (_name, pick, expected) => {
    expect(pick(summary)).toEqual(expected);
  });

  it('keeps the rolling mean beside each day', () => {
    expect(summary.pain.days.every((d) => d.rolling3 === null || (d.rolling3 >= 0 && d.rolling3 <= 10))).toBe(
      true,
    );
    expect(summary.pain.days[9]?.rolling3).toBe(6);
  });

  it('counts a factor once per entry and drops repeated free text', () => {
    const episode = makeEpisode();
    // Three days plus the extra evening entry of day 2: four entries, each naming sitting twice.
    const entries = makeDiary(episode, 3).map((e) => ({
      ...e,
      worse: { known: ['sitting', 'sitting'] as unknown as ['sitting'], text: '  Long drives ' },
    }));
    const s = buildSummary(makeInput({ entries }));
    expect(s.worse.known).toEqual([{ code: 'sitting', text: 'Sitting', count: 4 }]);
    expect(s.worse.texts.map((t) => t.text)).toEqual(['Long drives']);
  });

  it('says nothing about a pattern nobody reported', () => {
    const entries = makeDiary(makeEpisode(), 3).map(({ pattern: _, ...e }) => e);
    expect(buildSummary(makeInput({ entries })).pattern).toEqual({
      latest: null,
      latestDate: null,
      constant: 0,
      intermittent: 0,
    });
  });
});

describe('buildSummary: triage', () => {
  const [latest, earlier] = summary.assessments;

  it('lists assessments newest first with the disposition and its headline', () => {
    expect(summary.assessments.map((a) => a.disposition)).toEqual(['soon', 'self_care']);
    expect(latest?.headline).toBe(dispositionAdvice.soon.headline);
    expect(latest?.date).toBe('2026-11-12');
    expect(latest?.reasons.map((r) => r.rule)).toEqual([
      'pain_below_knee_one_side',
      'night_pain',
      'not_improving_after_7_days',
    ]);
  });

  it('shows each answer that made a rule fire, with the question and the answer in words', () => {
    expect(latest?.redFlagAnswers.map((a) => [a.questionId, a.text, a.rules])).toEqual([
      ['days_since_onset', '9', ['not_improving_after_7_days']],
      ['pain_below_knee', 'Yes, in one leg', ['pain_below_knee_one_side']],
      ['night_pain', 'Yes', ['night_pain']],
      ['improving_since_onset', 'No', ['not_improving_after_7_days']],
    ]);
    const kneeQuestion = questions.find((q) => q.id === 'pain_below_knee');
    expect(latest?.redFlagAnswers[1]?.question).toBe(kneeQuestion?.text);
  });

  it('has no red-flag answers when only the default rule fired', () => {
    expect(earlier?.reasons.map((r) => r.rule)).toEqual(['no_red_flags']);
    expect(earlier?.redFlagAnswers).toEqual([]);
  });

  it('keeps all 25 answers, typed', () => {
    expect(latest?.answers).toHaveLength(25);
    expect(latest?.answers.find((a) => a.questionId === 'known_conditions')).toMatchObject({
      value: ['none'],
      text: 'None of these',
    });
  });

  // Where an emergency answer and a routine one both fired, the emergency's answer comes first, so a list cut
  // to fit a page keeps it.
  it('puts the answers behind the most severe rule first', () => {
    const a = makeAssessment({ ...redFlagAnswers, bladder_problems: true });
    const s = buildSummary(makeInput({ assessments: [a] }));
    expect(s.assessments[0]?.disposition).toBe('emergency');
    expect(s.assessments[0]?.redFlagAnswers[0]).toMatchObject({
      questionId: 'bladder_problems',
      text: 'Yes',
    });
  });

  it('follows only the true branches of a rule: a fall over 50 shows age and the fall, not bone health', () => {
    const a = makeAssessment({ trigger: 'minor_fall', age: 70, improving_since_onset: false });
    const s = buildSummary(makeInput({ assessments: [a] }));
    const ids = s.assessments[0]?.redFlagAnswers.map((r) => r.questionId);
    expect(ids).toEqual(expect.arrayContaining(['trigger', 'age', 'improving_since_onset']));
    expect(ids).not.toContain('osteoporosis_or_steroids');
  });

  it('gives no answers for a reason whose rule no longer exists', () => {
    const a = makeAssessment(redFlagAnswers);
    const old = {
      ...a,
      result: {
        ...a.result,
        reasons: [{ rule: 'retired_rule', disposition: 'soon' as const, text: 'x', sources: [] }],
      },
    };
    expect(buildSummary(makeInput({ assessments: [old] })).assessments[0]?.redFlagAnswers).toEqual([]);
  });
});

describe('buildSummary: escalations, questions, plan', () => {
  it('passes the escalations through, most pressing first', () => {
    expect(summary.escalations.map((e) => e.id)).toEqual(['book_appointment', 'stop_exercise']);
    expect(summary.escalations[0]).toMatchObject({ level: 'soon', since: '2026-11-10' });
  });

  it('tailors the questions to ask', () => {
    expect(summary.questions.map((q) => q.id)).toEqual([
      'cause',
      'leg_symptoms',
      'not_improving',
      'night_pain',
      'session_hurt',
      'medicines',
      'work',
      'activity',
      'when_to_return',
    ]);
  });

  it('folds the plan into activities with their dates', () => {
    expect(summary.plan?.today).toBe(today);
    const heat = summary.plan?.activities.find((a) => a.entryId === 'tx-heat');
    expect(heat).toMatchObject({ today: true, firstDate: today });
    expect(new Set(summary.plan?.activities.map((a) => a.entryId)).size).toBe(
      summary.plan?.activities.length,
    );
  });

  it('has no plan when none is given', () => {
    expect(buildSummary(makeInput({ withPlan: false })).plan).toBeNull();
  });
});

describe('buildSummary: purity and errors', () => {
  it('gives the same summary for the records in any order', () => {
    const input = makeInput();
    const expected = JSON.stringify(buildSummary(input));
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...input.entries], { minLength: input.entries.length }),
        fc.shuffledSubarray([...(input.sessions ?? [])], { minLength: input.sessions?.length ?? 0 }),
        fc.shuffledSubarray([...(input.assessments ?? [])], { minLength: input.assessments?.length ?? 0 }),
        (entries, sessions, assessments) => {
          expect(JSON.stringify(buildSummary({ ...input, entries, sessions, assessments }))).toBe(expected);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('does not change its input', () => {
    const input = makeInput();
    const before = structuredClone(input);
    buildSummary(deepFreeze(input));
    expect(input).toEqual(before);
  });

  it.each<[string, (i: SummaryInput) => SummaryInput, string]>([
    ['a generatedAt without a zone', (i) => ({ ...i, generatedAt: '2026-11-12T09:30:00' }), 'generatedAt'],
    [
      'an analysis of another onset',
      (i) => ({ ...i, analysis: { ...i.analysis, onsetDate: '2026-11-01' } }),
      'analysis.onsetDate',
    ],
    [
      'an analysis in another zone',
      (i) => ({ ...i, analysis: { ...i.analysis, timeZone: 'UTC' } }),
      'analysis.timeZone',
    ],
    [
      'a session time that cannot be read',
      (i) => ({ ...i, sessions: [{ ...(i.sessions?.[0] as SessionLog), endedAt: 'soon' }] }),
      'sessions.0.endedAt',
    ],
  ])('rejects %s, naming the field', (_name, change, field) => {
    try {
      buildSummary(change(makeInput()));
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('validation_failed');
      expect(isDomainError(error) && error.fields.map((f) => f.field)).toContain(field);
    }
  });

  it('leaves out ratings the analysis left out (before onset)', () => {
    const episode = makeEpisode();
    const early = {
      ...makeDiary(episode, 1)[0],
      id: uuid7(999, '0190d000'),
      at: '2026-11-01T10:00:00.000Z',
    } as DiaryEntry;
    const s = buildSummary(makeInput({ entries: [...makeDiary(episode), early] }));
    expect(s.pain.readings.map((r) => r.id)).not.toContain(early.id);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('buildSummary: age and the check pain score', () => {
  it('gives the age from the latest check, whatever the order of the records', () => {
    const input = makeInput({
      assessments: [
        makeAssessment({ age: 52 }, 2, '2026-11-10T08:00:00.000Z'),
        makeAssessment({ age: 51 }, 1, '2026-11-04T08:00:00.000Z'),
      ],
    });
    expect(buildSummary(input).episode.age).toBe(52);
    expect(buildSummary(makeInput({ assessments: [] })).episode.age).toBeNull();
  });

  it('takes the first check pain score as the first point of the series, on its day', () => {
    expect(summary.pain.check).toEqual({ pain: 7, date: '2026-11-03', day: 0 });
    expect(buildSummary(makeInput({ assessments: [] })).pain.check).toBeNull();
  });

  it('leaves out a check made before the onset (it is not on the chart) and takes the next', () => {
    const input = makeInput({
      assessments: [
        makeAssessment({ pain_score: 9 }, 1, '2026-11-01T08:00:00.000Z'),
        makeAssessment({ pain_score: 6 }, 2, '2026-11-05T08:00:00.000Z'),
      ],
    });
    expect(buildSummary(input).pain.check).toEqual({ pain: 6, date: '2026-11-05', day: 2 });
  });
});

describe('buildSummary: medicines with the time taken', () => {
  it('dates a medicine by its own time taken, in the episode time zone, and keeps the latest', () => {
    const episode = makeEpisode();
    const entries = makeDiary(episode, 3).map((e, i) => ({
      ...e,
      medicines:
        i === 2
          ? [{ name: 'Ibuprofen', dose: '400 mg', at: '2026-11-04T22:30:00.000Z' }]
          : i === 1
            ? [{ name: 'ibuprofen', dose: '200 mg', at: '2026-11-04T07:15:00.000Z' }]
            : [],
    }));
    const [med] = buildSummary(makeInput({ episode, entries })).medicines;
    expect(med).toEqual({
      name: 'ibuprofen',
      doses: ['200 mg', '400 mg'],
      times: 2,
      firstDate: '2026-11-04',
      lastDate: '2026-11-04',
      lastTakenAt: '2026-11-04 22:30',
    });
  });
});
