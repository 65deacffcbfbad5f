import {
  exampleAnswers,
  questions,
  type AnswerValue,
  type Answers,
  type PartialAnswers,
  type QuestionId,
} from '@unknot/core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  answers,
  cautiousValue,
  firstUnanswered,
  nextStep,
  orderedQuestions,
  resetCheck,
  setAnswer,
  unsure,
  type NextStep,
} from './check-flow.ts';

/** The example answers: nothing alarming: every question answered, a self-care result. */
const calm: Answers = { ...exampleAnswers };

/**
 * Goes through the check as the screen does: from the first question, answering from `script`, following
 * `nextStep` after each answer. Returns the questions asked and where the check ended.
 */
function walk(script: Answers): { asked: QuestionId[]; end: NextStep } {
  const given: Record<string, AnswerValue> = {};
  const asked: QuestionId[] = [];
  let index = 0;
  for (;;) {
    const question = orderedQuestions[index];
    if (!question) throw new Error(`no question ${index}`);
    asked.push(question.id);
    given[question.id] = script[question.id];
    const end = nextStep(given, index);
    if (end.kind !== 'question') return { asked, end };
    index = end.index;
  }
}

const idOf = (i: number): QuestionId => orderedQuestions[i]?.id as QuestionId;

describe('the order of the questions', () => {
  it('asks every question once', () => {
    expect(orderedQuestions.map((q) => q.id).sort()).toEqual(questions.map((q) => q.id).sort());
  });

  it('asks the emergency questions first (triage.md §2: 9–12, 22, 23, 4, 6–8, 21)', () => {
    expect(orderedQuestions.slice(0, 11).map((q) => q.number)).toEqual([
      9, 10, 11, 12, 22, 23, 4, 6, 7, 8, 21,
    ]);
  });
});

describe('nextStep', () => {
  it('asks all 25 questions and then shows the result when nothing is alarming', () => {
    const { asked, end } = walk(calm);
    expect(asked).toEqual(orderedQuestions.map((q) => q.id));
    expect(end).toEqual({ kind: 'finish' });
  });

  it.each<[string, Partial<Answers>, QuestionId, string]>([
    ['numbness around the genitals', { saddle_numbness: true }, 'saddle_numbness', 'ces_saddle_numbness'],
    ['a serious injury', { trigger: 'significant_injury' }, 'trigger', 'major_trauma'],
    ['symptoms in both legs', { leg_numbness: 'both_legs' }, 'leg_numbness', 'bilateral_leg_symptoms'],
  ])('stops at once after %s', (_case, alarming, last, rule) => {
    const { asked, end } = walk({ ...calm, ...alarming });
    expect(asked.at(-1)).toBe(last);
    expect(asked).toEqual(orderedQuestions.slice(0, asked.length).map((q) => q.id));
    expect(end).toMatchObject({ kind: 'emergency', reasons: [{ rule }] });
  });

  it('goes on while an emergency still depends on answers not given yet', () => {
    // A pulsing tummy is an emergency only over 50 with pain of 7 or more: known once the pain score is in.
    const { asked, end } = walk({ ...calm, pulsating_abdominal_pain: true, age: 67, pain_score: 8 });
    expect(asked.at(-1)).toBe('pain_score');
    expect(asked).toContain('age');
    expect(end).toMatchObject({ kind: 'emergency', reasons: [{ rule: 'aaa_suspected' }] });
  });

  it('after going back to change an answer, moves on to the next question and keeps the later answers', () => {
    const given = Object.fromEntries(orderedQuestions.slice(0, 10).map((q) => [q.id, calm[q.id]]));
    const changed: PartialAnswers = { ...given, pain_below_knee: 'one_leg' };
    const back = orderedQuestions.findIndex((q) => q.id === 'pain_below_knee');
    expect(nextStep(changed, back)).toEqual({ kind: 'question', index: back + 1 });
    expect(firstUnanswered(changed)).toBe(10);
  });

  it('after the last question, returns to the first one still unanswered', () => {
    const { [idOf(8)]: _skipped, ...given } = calm;
    const last = orderedQuestions.length - 1;
    expect(nextStep(given as PartialAnswers, last)).toEqual({ kind: 'question', index: 8 });
    expect(nextStep(calm, last)).toEqual({ kind: 'finish' });
  });
});

describe('"not sure"', () => {
  beforeEach(() => {
    resetCheck();
  });

  /** triage.md §2: "not sure" is submitted as the more cautious answer, never the reassuring one. */
  const expected = (id: QuestionId, kind: string): AnswerValue | null => {
    if (id === 'improving_since_onset') return false; // "yes, clearly better" is the reassuring answer
    if (id === 'cannot_stand_or_walk') return 'legs_weak_or_numb';
    if (['pain_below_knee', 'leg_numbness', 'leg_weakness'].includes(id)) return 'both_legs';
    if (kind === 'boolean') return true;
    return null; // age, days, location, trigger, pain score and known conditions: not offered
  };

  it.each(orderedQuestions.map((q) => [q.id, q] as const))('%s', (id, question) => {
    const submitted = cautiousValue(question);
    expect(submitted).toEqual(expected(id, question.type.kind));
    if (submitted === null) return;
    setAnswer(id, submitted, true);
    expect(answers.value[id]).toEqual(submitted);
    expect(unsure.value).toEqual([id]);
  });

  it('counts as the warning sign itself: "not sure" about numbness around the genitals stops the check', () => {
    const question = orderedQuestions[0];
    if (!question) throw new Error('no first question');
    setAnswer(question.id, cautiousValue(question) ?? false, true);
    expect(nextStep(answers.value, 0)).toMatchObject({ kind: 'emergency' });
  });

  it('is forgotten once the person answers the question after all', () => {
    setAnswer('night_pain', true, true);
    setAnswer('fever_or_unwell', true, true);
    setAnswer('night_pain', false, false);
    expect(unsure.value).toEqual(['fever_or_unwell']);
    expect(answers.value).toMatchObject({ night_pain: false, fever_or_unwell: true });
  });
});
