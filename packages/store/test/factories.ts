import {
  exampleAnswers,
  type AssessmentInput,
  type DiaryEntryInput,
  type EpisodeInput,
  type SessionLogInput,
} from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';

const day = 86_400_000;
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** A valid new episode; `onsetDaysAgo` sets the onset relative to now. */
export function makeEpisode(overrides: Partial<EpisodeInput> & { onsetDaysAgo?: number } = {}): EpisodeInput {
  const { onsetDaysAgo = 2, ...rest } = overrides;
  return {
    id: uuidv7(),
    onsetDate: isoDate(new Date(Date.now() - onsetDaysAgo * day)),
    timeZone: 'Europe/London',
    location: 'lower',
    trigger: 'lifting',
    knownConditions: [],
    preferences: { thermal: 'either', hasShower: true, hasIcePack: true, work: 'sitting' },
    ...rest,
  };
}

export function makeDiaryEntry(overrides: Partial<DiaryEntryInput> = {}): DiaryEntryInput {
  return {
    id: uuidv7(),
    at: new Date().toISOString(),
    pain: 6,
    pattern: 'intermittent',
    worse: { known: ['sitting', 'bending'], text: 'getting out of the car' },
    better: { known: ['heat', 'walking'] },
    treatments: ['tx-heat', 'ex-walking'],
    medicines: [{ name: 'ibuprofen', dose: '200 mg' }],
    sleepHours: 6.5,
    note: 'stiff in the morning',
    ...overrides,
  };
}

/** Answers of the triage spec's worked example 1 (self_care). */
export const allClearAnswers: Record<string, unknown> = { ...exampleAnswers };

export function makeAssessment(overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return { id: uuidv7(), at: new Date().toISOString(), answers: { ...allClearAnswers }, ...overrides };
}

export function makeSessionLog(overrides: Partial<SessionLogInput> = {}): SessionLogInput {
  const start = Date.now() - 20 * 60_000;
  return {
    id: uuidv7(),
    protocolId: 'tx-ice',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 20 * 60_000).toISOString(),
    stepsCompleted: 3,
    stoppedEarly: false,
    painBefore: 6,
    painAfter: 4,
    ...overrides,
  };
}
