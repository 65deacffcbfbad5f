/**
 * Test-only factories for the report tests: an episode with ten days of diary, guided sessions, an assessment with
 * warning signs, and the diary analysis, escalations and plan made by the real modules from them.
 */
import type { Assessment, DiaryEntry, Episode, SessionLog } from '../records/index.ts';
import { analyse, diaryEscalations } from '../diary/index.ts';
import { buildPlan } from '../plan/index.ts';
import { triage, isValidationError, type Answers } from '../triage/index.ts';
import { makeAnswers } from '../triage/test-factories.ts';
import type { SummaryInput } from './types.ts';

/** A lower-case UUIDv7 numbered `n`, so tests can name records and ids stay valid. */
export function uuid7(n: number, prefix = '0190a000'): string {
  return `${prefix}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const generatedAt = '2026-11-12T09:30:00.000Z';
export const today = '2026-11-12';

export function makeEpisode(overrides: Partial<Episode> = {}): Episode {
  return {
    id: uuid7(1, '0190e000'),
    onsetDate: '2026-11-03',
    timeZone: 'Europe/London',
    location: 'lower',
    trigger: 'lifting',
    knownConditions: [],
    preferences: { work: 'sitting' },
    status: 'active',
    createdAt: '2026-11-03T10:00:00.000Z',
    updatedAt: '2026-11-03T10:00:00.000Z',
    ...overrides,
  };
}

/** Pain by day 0–9: a bad start, easing a little, no clear improvement. */
export const painByDay = [7, 8, 7, 7, 6, 6, 7, 6, 6, 6] as const;

/**
 * Ten days of diary, one entry a day at 08:30 UTC (08:30 in London in November), with a second entry on day 2.
 * Each day varies what is ticked so the counts are known: see the table tests.
 */
export function makeDiary(episode: Episode = makeEpisode(), days = 10): DiaryEntry[] {
  const [y, m, d] = episode.onsetDate.split('-').map(Number) as [number, number, number];
  const entries: DiaryEntry[] = [];
  for (let day = 0; day < days; day++) {
    const at = new Date(Date.UTC(y, m - 1, d + day, 8, 30)).toISOString();
    const pain = painByDay[day % painByDay.length] ?? 5;
    entries.push({
      id: uuid7(100 + day, '0190d000'),
      episodeId: episode.id,
      at,
      pain,
      pattern: day < 3 ? 'constant' : 'intermittent',
      worse: {
        known: day % 2 === 0 ? ['sitting', 'bending'] : ['sitting'],
        ...(day === 4 ? { text: 'Driving for more than 20 minutes' } : {}),
      },
      better: { known: day < 5 ? ['heat'] : ['heat', 'walking'] },
      treatments: day % 3 === 0 ? ['tx-heat', 'ex-walking'] : ['tx-heat'],
      medicines: day < 4 ? [{ name: 'Ibuprofen', dose: '200 mg' }] : day === 5 ? [{ name: 'ibuprofen' }] : [],
      sleepHours: day < 3 ? 5 : 7,
      ...(day === 8 ? { note: 'Worse after a long car trip.' } : {}),
    });
  }
  if (days > 2) {
    entries.push({
      id: uuid7(200, '0190d000'),
      episodeId: episode.id,
      at: new Date(Date.UTC(y, m - 1, d + 2, 19, 0)).toISOString(),
      pain: 8,
      medicines: [{ name: 'naproxen', dose: '250 mg twice a day' }],
    });
  }
  return entries;
}

export function makeSessions(episode: Episode = makeEpisode()): SessionLog[] {
  const session = (
    n: number,
    protocolId: string,
    startedAt: string,
    minutes: number,
    extra: Partial<SessionLog>,
  ) => ({
    id: uuid7(300 + n, '0190c000'),
    episodeId: episode.id,
    protocolId,
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + minutes * 60_000).toISOString(),
    stepsCompleted: 3,
    stoppedEarly: false,
    ...extra,
  });
  return [
    session(1, 'tx-heat', '2026-11-04T18:00:00.000Z', 20, { painBefore: 7, painAfter: 5 }),
    session(2, 'tx-heat', '2026-11-07T18:00:00.000Z', 20, { painBefore: 6, painAfter: 5 }),
    session(3, 'ex-knee-to-chest', '2026-11-10T17:00:00.000Z', 6, {
      painBefore: 5,
      painAfter: 7,
      stoppedEarly: true,
      stopReason: 'It hurt more',
      stepsCompleted: 1,
    }),
  ];
}

/** A stored assessment, its result computed by the real engine. */
export function makeAssessment(
  overrides: Partial<Answers> = {},
  n = 1,
  at = '2026-11-12T08:45:00.000Z',
): Assessment {
  const answers = makeAnswers(overrides);
  const result = triage(answers);
  if (isValidationError(result))
    throw new Error(`factory answers are invalid: ${JSON.stringify(result.fields)}`);
  return {
    id: uuid7(400 + n, '0190b000'),
    episodeId: makeEpisode().id,
    at,
    answers: { ...answers },
    result,
    rulesVersion: result.rulesVersion,
  };
}

/** Day 9, not improving, pain below the knee in one leg and night pain: `soon` with three reasons. */
export const redFlagAnswers: Partial<Answers> = {
  age: 46,
  days_since_onset: 9,
  pain_score: 7,
  pain_below_knee: 'one_leg',
  night_pain: true,
  improving_since_onset: false,
};

export interface InputOptions {
  episode?: Partial<Episode>;
  entries?: DiaryEntry[];
  days?: number;
  sessions?: SessionLog[];
  assessments?: Assessment[];
  withPlan?: boolean;
  today?: string;
  generatedAt?: string;
}

/** A complete summary input, the analysis, escalations and plan made by the real modules. */
export function makeInput(options: InputOptions = {}): SummaryInput {
  const episode = makeEpisode(options.episode);
  const entries = options.entries ?? makeDiary(episode, options.days ?? 10);
  const sessions = options.sessions ?? makeSessions(episode);
  const assessments = options.assessments ?? [
    makeAssessment(
      { days_since_onset: 0, pain_score: 7, improving_since_onset: false },
      0,
      '2026-11-03T11:00:00.000Z',
    ),
    makeAssessment(redFlagAnswers),
  ];
  const day = options.today ?? today;
  const analysis = analyse(entries, episode, day);
  const escalations = diaryEscalations({ analysis, sessions, assessments });
  const latest = assessments.at(-1);
  const plan =
    options.withPlan === false
      ? null
      : buildPlan(
          {
            ...episode,
            knownConditions: episode.knownConditions,
            ...(latest === undefined ? {} : { triage: { at: latest.at, result: latest.result } }),
          },
          day,
        );
  return {
    episode,
    entries,
    analysis,
    sessions,
    assessments,
    escalations,
    plan: plan?.kind === 'plan' ? plan : null,
    generatedAt: options.generatedAt ?? generatedAt,
  };
}
