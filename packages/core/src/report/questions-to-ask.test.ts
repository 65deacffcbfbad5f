import { describe, expect, it } from 'vitest';
import type { Answers } from '../triage/index.ts';
import { questionsToAsk, type QuestionContext } from './questions-to-ask.ts';
import { buildSummary } from './summary.ts';
import { makeAssessment, makeInput } from './test-factories.ts';
import type { DoctorSummary } from './types.ts';

/** A context from a summary made with the factories, after `change`. */
function context(
  change: (s: DoctorSummary) => Partial<QuestionContext> = () => ({}),
  answers?: Partial<Answers>,
): QuestionContext {
  const s = buildSummary(makeInput(answers === undefined ? {} : { assessments: [makeAssessment(answers)] }));
  return {
    episode: s.episode,
    pain: s.pain,
    assessments: s.assessments,
    sessions: s.sessions,
    medicines: s.medicines,
    ...change(s),
  };
}

const ids = (c: QuestionContext) => questionsToAsk(c).map((q) => q.id);

describe('questionsToAsk', () => {
  it('always asks about the cause first and how to carry on last', () => {
    const list = ids(context());
    expect(list[0]).toBe('cause');
    expect(list.slice(-2)).toEqual(['activity', 'when_to_return']);
  });

  it.each<[string, () => QuestionContext, string, boolean]>([
    [
      'not improving by day 7',
      () => context((s) => ({ episode: { ...s.episode, day: 7 } })),
      'not_improving',
      true,
    ],
    [
      'improving by day 7',
      () =>
        context((s) => ({
          episode: { ...s.episode, day: 7 },
          pain: { ...s.pain, clinicallyImportantImprovement: true },
        })),
      'not_improving',
      false,
    ],
    [
      'day 6, too early to say',
      () => context((s) => ({ episode: { ...s.episode, day: 6 } })),
      'not_improving',
      false,
    ],
    [
      'more than six weeks',
      () => context((s) => ({ episode: { ...s.episode, day: 43 } })),
      'long_duration',
      true,
    ],
    [
      'six weeks exactly',
      () => context((s) => ({ episode: { ...s.episode, day: 42 } })),
      'long_duration',
      false,
    ],
    [
      'worse than at the start',
      () => context((s) => ({ pain: { ...s.pain, trend: 'worsening' } })),
      'worsening',
      true,
    ],
    [
      'pain spreads below the knee',
      () => context(undefined, { pain_below_knee: 'one_leg' }),
      'leg_symptoms',
      true,
    ],
    ['numbness in a leg', () => context(undefined, { leg_numbness: 'one_leg' }), 'leg_symptoms', true],
    ['no leg symptoms', () => context(undefined, {}), 'leg_symptoms', false],
    ['a weak leg', () => context(undefined, { leg_weakness: 'one_leg' }), 'leg_weakness', true],
    [
      'a minor fall',
      () => context((s) => ({ episode: { ...s.episode, trigger: { code: 'minor_fall', text: 'x' } } })),
      'fracture',
      true,
    ],
    ['long-term steroids', () => context(undefined, { osteoporosis_or_steroids: true }), 'fracture', true],
    ['night pain', () => context(undefined, { night_pain: true }), 'night_pain', true],
    ['a past cancer', () => context(undefined, { cancer_history: true }), 'cancer_history', true],
    ['a session that raised pain by 2', () => context(), 'session_hurt', true],
    ['no session raised pain', () => context(() => ({ sessions: [] })), 'session_hurt', false],
    ['medicines taken', () => context(), 'medicines', true],
    ['no medicines', () => context(() => ({ medicines: [] })), 'pain_relief', true],
    [
      'a known back condition',
      () =>
        context((s) => ({
          episode: { ...s.episode, knownConditions: [{ code: 'spinal_stenosis', text: 'Spinal stenosis' }] },
        })),
      'known_conditions',
      true,
    ],
    ['work not known', () => context((s) => ({ episode: { ...s.episode, work: null } })), 'work', false],
  ])('%s', (_name, make, id, expected) => {
    expect(ids(make()).includes(id)).toBe(expected);
  });

  it('says why each tailored question is there, in the person’s own numbers', () => {
    const list = questionsToAsk(context());
    const tailored = list.filter((q) => !['cause', 'activity', 'when_to_return'].includes(q.id));
    expect(tailored.every((q) => q.because !== null && q.because.length > 0)).toBe(true);
    expect(list.find((q) => q.id === 'not_improving')?.because).toContain('Day 9');
    expect(list.find((q) => q.id === 'session_hurt')?.because).toContain('5 → 7');
  });

  it('asks each question once', () => {
    const list = ids(
      context(undefined, { pain_below_knee: 'one_leg', leg_numbness: 'one_leg', night_pain: true }),
    );
    expect(new Set(list).size).toBe(list.length);
  });
});
