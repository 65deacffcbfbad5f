import { readFileSync } from 'node:fs';
import { recommendedOrder, rules, triage, type AnswerValue, type QuestionId } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { notSure, runTriageFlow, type Ask } from '../src/triage-flow.ts';
import { fixture } from './run-cli.ts';

const allClear = JSON.parse(readFileSync(fixture('example-1.answers.json'), 'utf8')) as Record<
  QuestionId,
  AnswerValue
>;

/** A person who answers from a prepared sheet; records which questions they were asked. */
function person(overrides: Partial<Record<QuestionId, AnswerValue>> = {}): { ask: Ask; asked: QuestionId[] } {
  const sheet = { ...allClear, ...overrides };
  const asked: QuestionId[] = [];
  const ask: Ask = (question) => {
    asked.push(question.id);
    return Promise.resolve(sheet[question.id]);
  };
  return { ask, asked };
}

describe('the interactive triage flow', () => {
  it('asks the emergency questions first', async () => {
    const { ask, asked } = person();
    await runTriageFlow(ask);
    expect(asked.slice(0, 4)).toEqual([
      'saddle_numbness',
      'bladder_problems',
      'bowel_incontinence',
      'sexual_dysfunction',
    ]);
    expect(asked).toEqual(recommendedOrder);
  });

  it('asks all 25 questions when nothing is an emergency, and the answers give the spec result', async () => {
    const { ask, asked } = person();
    const flow = await runTriageFlow(ask);
    expect(asked).toHaveLength(25);
    expect(flow.kind).toBe('complete');
    expect(triage(flow.answers)).toMatchObject({ disposition: 'self_care' });
  });

  it('stops right after the first answer that makes an emergency certain', async () => {
    const { ask, asked } = person({ saddle_numbness: true });
    const flow = await runTriageFlow(ask);
    expect(asked).toEqual(['saddle_numbness']);
    expect(flow.kind).toBe('emergency');
    if (flow.kind === 'emergency')
      expect(flow.result.reasons.map((r) => r.rule)).toEqual(['ces_saddle_numbness']);
  });

  // Why: the stop must come from the rule data, so every single-answer emergency rule must stop the flow.
  it.each([
    ['chest_pain_or_breathlessness', true, 'chest_pain_or_breathlessness'],
    ['trigger', 'significant_injury', 'major_trauma'],
    ['leg_weakness', 'both_legs', 'bilateral_leg_symptoms'],
    ['cannot_stand_or_walk', 'legs_weak_or_numb', 'legs_weak_cannot_walk'],
  ] as const)('stops on %s = %s (%s)', async (id, value, rule) => {
    const { ask, asked } = person({ [id]: value });
    const flow = await runTriageFlow(ask);
    expect(asked.at(-1)).toBe(id);
    expect(flow.kind).toBe('emergency');
    if (flow.kind === 'emergency') expect(flow.result.reasons.map((r) => r.rule)).toContain(rule);
  });

  it('stops on a combination as soon as its last part is answered (fall, over 50, cannot stand)', async () => {
    const { ask, asked } = person({
      trigger: 'minor_fall',
      cannot_stand_or_walk: 'because_of_pain',
      age: 70,
    });
    const flow = await runTriageFlow(ask);
    expect(asked.at(-1)).toBe('age');
    expect(flow.kind).toBe('emergency');
  });

  it('does not stop for an answer that is urgent but not an emergency', async () => {
    const { ask, asked } = person({ vomiting: true, fever_or_unwell: true });
    const flow = await runTriageFlow(ask);
    expect(asked).toHaveLength(25);
    expect(flow.kind).toBe('complete');
    expect(triage(flow.answers)).toMatchObject({ disposition: 'urgent' });
  });

  it('gives no result when the person cancels', async () => {
    let n = 0;
    const flow = await runTriageFlow(() => Promise.resolve(++n < 3 ? false : undefined));
    expect(flow.kind).toBe('cancelled');
  });

  it('every emergency rule can stop the flow', () => {
    // Guard: if a new emergency rule were added, this count would change and remind us to test it.
    expect(rules.filter((r) => r.disposition === 'emergency')).toHaveLength(12);
  });
});

describe('"Not sure" in the interactive triage flow', () => {
  it('records the cautious answer of the question for "not sure"', async () => {
    const ask: Ask = (question) =>
      Promise.resolve(question.id === 'improving_since_onset' ? notSure : allClear[question.id]);
    const flow = await runTriageFlow(ask);
    expect(flow.answers.improving_since_onset).toBe(false);
  });

  it('stops for an emergency when a warning sign is answered "not sure"', async () => {
    const ask: Ask = (question) =>
      Promise.resolve(question.id === 'leg_weakness' ? notSure : allClear[question.id]);
    const flow = await runTriageFlow(ask);
    expect(flow.kind).toBe('emergency');
    expect(flow.answers.leg_weakness).toBe('both_legs');
  });

  it('refuses "not sure" for a question that does not offer it', async () => {
    const ask: Ask = (question) => Promise.resolve(question.id === 'age' ? notSure : allClear[question.id]);
    await expect(runTriageFlow(ask)).rejects.toThrow('age does not offer "not sure"');
  });
});
