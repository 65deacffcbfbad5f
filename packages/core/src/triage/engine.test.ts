/**
 * The §4 machine contract: worked examples byte for byte, output shape and key order, reason
 * ordering, and the exact reason text and sources of every rule (from the §3.3 / §6 tables).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certainEmergencies,
  evaluate,
  isValidationError,
  rules,
  rulesVersion,
  triage,
  type Answers,
  type TriageResult,
} from './index.ts';
import {
  arbAnswers,
  makeAnswers,
  specDisposition,
  specFired,
  specReason,
  specRuleIds,
  specRuleTable,
  specSeverity,
} from './test-factories.ts';

function success(input: unknown): TriageResult {
  const result = triage(input);
  if ('error' in result) throw new Error(`unexpected validation error: ${JSON.stringify(result.fields)}`);
  return result;
}

/** A minimal change to Example 1 that makes each rule fire (see rules.test.ts for the full matrix). */
const firingOverrides: Record<string, Partial<Answers>> = {
  ces_saddle_numbness: { saddle_numbness: true },
  ces_bladder_change: { bladder_problems: true },
  ces_bowel_incontinence: { bowel_incontinence: true },
  ces_sexual_dysfunction: { sexual_dysfunction: true },
  bilateral_leg_symptoms: { leg_numbness: 'both_legs' },
  legs_weak_cannot_walk: { cannot_stand_or_walk: 'legs_weak_or_numb' },
  major_trauma: { trigger: 'significant_injury' },
  fall_cannot_stand_fragile: { trigger: 'minor_fall', age: 51, cannot_stand_or_walk: 'because_of_pain' },
  chest_pain_or_breathlessness: { chest_pain_or_breathlessness: true },
  aaa_suspected: { pulsating_abdominal_pain: true, age: 51, pain_score: 7 },
  cancer_with_nerve_symptoms: { cancer_history: true, leg_numbness: 'one_leg' },
  infection_with_weakness: { fever_or_unwell: true, leg_weakness: 'one_leg' },
  leg_weakness_one_side: { leg_weakness: 'one_leg' },
  fever_or_unwell: { fever_or_unwell: true },
  infection_risk_with_fever: { fever_or_unwell: true, immunosuppression_or_ivdu: true },
  unexplained_weight_loss: { weight_loss: true },
  constant_progressive_pain: { constant_progressive_pain: true },
  cancer_with_suspicious_pain: { cancer_history: true, location: 'upper' },
  fracture_risk_minor_fall: { trigger: 'minor_fall', age: 51 },
  fracture_risk_fragile_bones_severe_pain: { osteoporosis_or_steroids: true, pain_score: 7 },
  pulsating_abdomen: { pulsating_abdominal_pain: true },
  thoracic_pain_no_trigger_over_50: { location: 'upper', trigger: 'unknown', age: 51 },
  vomiting: { vomiting: true },
  pain_below_knee_one_side: { pain_below_knee: 'one_leg' },
  leg_numbness_one_side: { leg_numbness: 'one_leg' },
  injury_minor_fall: { trigger: 'minor_fall' },
  night_pain: { night_pain: true },
  cancer_history_new_pain: { cancer_history: true },
  infection_risk_no_fever: { immunosuppression_or_ivdu: true },
  fragile_bones_new_pain: { osteoporosis_or_steroids: true },
  thoracic_pain_no_trigger: { location: 'middle', trigger: 'unknown' },
  cannot_stand_due_to_pain: { cannot_stand_or_walk: 'because_of_pain' },
  not_improving_after_7_days: { days_since_onset: 7 },
  pain_over_6_weeks: { days_since_onset: 43 },
  severe_pain_not_settling: { pain_score: 8, days_since_onset: 3 },
  under_16: { age: 15 },
  no_red_flags: {},
};

describe('§4 worked examples, byte for byte', () => {
  it('Example 1 gives exactly the spec output', () => {
    // The spec's expected JSON, verbatim; compared after compact re-serialisation.
    const expected = `{
  "disposition": "self_care",
  "reasons": [ { "rule": "no_red_flags", "disposition": "self_care",
                 "text": "None of the warning signs we ask about are present. Most back spasms like this settle within days to a few weeks with gentle activity and simple pain relief.",
                 "sources": ["https://www.nice.org.uk/guidance/ng59/chapter/Recommendations", "000_2f3779810b56e61f.txt", "003_e4685ed4c058ddb9.txt"] } ],
  "rulesVersion": "1.1.0"
}`;
    const input: unknown = JSON.parse(`{
  "age": 34, "days_since_onset": 2, "location": "lower", "trigger": "lifting", "pain_score": 6,
  "pain_below_knee": "none", "leg_numbness": "none", "leg_weakness": "none",
  "saddle_numbness": false, "bladder_problems": false, "bowel_incontinence": false, "sexual_dysfunction": false,
  "fever_or_unwell": false, "weight_loss": false, "cancer_history": false, "immunosuppression_or_ivdu": false,
  "osteoporosis_or_steroids": false, "night_pain": false, "vomiting": false, "constant_progressive_pain": false,
  "cannot_stand_or_walk": "no", "chest_pain_or_breathlessness": false, "pulsating_abdominal_pain": false,
  "improving_since_onset": false, "known_conditions": ["none"]
}`);
    expect(input).toEqual(makeAnswers());
    expect(JSON.stringify(triage(input))).toBe(JSON.stringify(JSON.parse(expected)));
  });

  it('Example 2 (saddle numbness) gives emergency with exactly ces_saddle_numbness', () => {
    const expected = {
      disposition: 'emergency',
      reasons: [specReason('ces_saddle_numbness')],
      rulesVersion: '1.1.0',
    };
    expect(JSON.stringify(triage(makeAnswers({ saddle_numbness: true })))).toBe(JSON.stringify(expected));
  });

  it('Example 3 (day 9, not improving) gives soon with exactly not_improving_after_7_days', () => {
    const expected = {
      disposition: 'soon',
      reasons: [specReason('not_improving_after_7_days')],
      rulesVersion: '1.1.0',
    };
    expect(JSON.stringify(triage(makeAnswers({ days_since_onset: 9 })))).toBe(JSON.stringify(expected));
  });

  it('Example 4 (age removed, pain_score "6") gives exactly the spec validation error', () => {
    const input: Record<string, unknown> = { ...makeAnswers(), pain_score: '6' };
    delete input.age;
    expect(JSON.stringify(triage(input))).toBe(
      '{"error":"validation_failed","fields":[{"field":"age","problem":"missing"},{"field":"pain_score","problem":"wrong_type"}],"rulesVersion":"1.1.0"}',
    );
  });
});

describe('§4 output shape', () => {
  it('a success has exactly the keys disposition, reasons, rulesVersion, in that order', () => {
    const result = success(makeAnswers({ vomiting: true, night_pain: true }));
    expect(Object.keys(result)).toEqual(['disposition', 'reasons', 'rulesVersion']);
    for (const reason of result.reasons)
      expect(Object.keys(reason)).toEqual(['rule', 'disposition', 'text', 'sources']);
    expect(result.rulesVersion).toBe('1.1.0');
    expect(rulesVersion).toBe('1.1.0');
  });

  it('a validation failure has exactly error, fields, rulesVersion and no disposition', () => {
    const result = triage({ ...makeAnswers(), age: 'old' });
    expect(Object.keys(result)).toEqual(['error', 'fields', 'rulesVersion']);
    expect(result).not.toHaveProperty('disposition');
    expect(result).not.toHaveProperty('reasons');
    expect(isValidationError(result)).toBe(true);
    if (!('error' in result)) throw new Error('expected a validation error');
    for (const f of result.fields) expect(Object.keys(f)).toEqual(['field', 'problem']);
    expect(isValidationError(triage(makeAnswers()))).toBe(false);
  });

  it('the engine exposes the 37 rules of the table in table order', () => {
    expect(rules.map((r) => r.id)).toEqual(specRuleIds);
    expect(rules.map((r) => r.disposition)).toEqual(specRuleTable.map((r) => r.disposition));
  });
});

describe('every rule emits exactly the §3.3 text and the §6 "emit as" sources in the listed order', () => {
  it.each(specRuleIds.map((id) => [id]))('%s', (id) => {
    const overrides = firingOverrides[id];
    if (!overrides) throw new Error(`no firing input for ${id}`);
    const result = success(makeAnswers(overrides));
    const reason = result.reasons.find((r) => r.rule === id);
    expect(reason).toEqual(specReason(id));
    // Same byte order as the spec requires (toEqual ignores key order).
    expect(JSON.stringify(reason)).toBe(JSON.stringify(specReason(id)));
  });
});

describe('reason ordering and the disposition (§3.1, §4)', () => {
  it('sorts by severity, then table order, across severities', () => {
    const result = success(
      makeAnswers({
        age: 15,
        vomiting: true,
        saddle_numbness: true,
        night_pain: true,
        fever_or_unwell: true,
      }),
    );
    expect(result.reasons.map((r) => r.rule)).toEqual([
      'ces_saddle_numbness',
      'fever_or_unwell',
      'vomiting',
      'night_pain',
      'under_16',
    ]);
    expect(result.disposition).toBe('emergency');
  });

  it('random answers: reasons are every fired rule, sorted; disposition = reasons[0] = the most severe', () => {
    fc.assert(
      fc.property(arbAnswers, (answers) => {
        const result = success(answers);
        const ids = result.reasons.map((r) => r.rule);
        expect(result.reasons.length).toBeGreaterThan(0);
        // The table is grouped by severity, so severity-then-table order is table order.
        const sev = (id: string): number => specSeverity[specReason(id).disposition];
        const expectedOrder = [...specFired(answers)].sort(
          (a, b) => sev(b) - sev(a) || specRuleIds.indexOf(a) - specRuleIds.indexOf(b),
        );
        expect(ids).toEqual(expectedOrder);
        expect(result.disposition).toBe(result.reasons[0]?.disposition);
        expect(result.disposition).toBe(specDisposition(answers));
        for (const reason of result.reasons) expect(reason).toEqual(specReason(reason.rule));
      }),
      { numRuns: 500 },
    );
  });

  it('a self_care result has exactly one reason, no_red_flags', () => {
    const result = success(makeAnswers());
    expect(result.disposition).toBe('self_care');
    expect(result.reasons.map((r) => r.rule)).toEqual(['no_red_flags']);
  });

  it('no_red_flags never appears next to another reason', () => {
    for (const [id, overrides] of Object.entries(firingOverrides)) {
      if (id === 'no_red_flags') continue;
      expect(success(makeAnswers(overrides)).reasons.map((r) => r.rule)).not.toContain('no_red_flags');
    }
  });
});

describe('certainEmergencies on partial answers', () => {
  const ids = (partial: Partial<Answers>): string[] => certainEmergencies(partial).map((r) => r.rule);

  it('is empty before any answer, and for the all-clear answers', () => {
    expect(ids({})).toEqual([]);
    expect(ids(makeAnswers())).toEqual([]);
  });

  it('a single cauda equina answer makes its rule certain', () => {
    expect(ids({ saddle_numbness: true })).toEqual(['ces_saddle_numbness']);
    expect(ids({ bladder_problems: true, sexual_dysfunction: true })).toEqual([
      'ces_bladder_change',
      'ces_sexual_dysfunction',
    ]);
    expect(ids({ leg_weakness: 'both_legs' })).toEqual(['bilateral_leg_symptoms']);
  });

  it('a fall with inability to stand is certain only once over_50 or fragile_bones is known', () => {
    const fall: Partial<Answers> = { trigger: 'minor_fall', cannot_stand_or_walk: 'because_of_pain' };
    expect(ids(fall)).toEqual([]);
    expect(ids({ ...fall, age: 50 })).toEqual([]);
    expect(ids({ ...fall, age: 51 })).toEqual(['fall_cannot_stand_fragile']);
    expect(ids({ ...fall, osteoporosis_or_steroids: true })).toEqual(['fall_cannot_stand_fragile']);
    expect(ids({ ...fall, known_conditions: ['osteoporosis'] })).toEqual(['fall_cannot_stand_fragile']);
    expect(ids({ ...fall, age: 40, osteoporosis_or_steroids: false, known_conditions: ['none'] })).toEqual(
      [],
    );
  });

  it('aaa_suspected needs all three parts known', () => {
    expect(ids({ pulsating_abdominal_pain: true, age: 51 })).toEqual([]);
    expect(ids({ pulsating_abdominal_pain: true, age: 51, pain_score: 7 })).toEqual(['aaa_suspected']);
  });

  it('returns the same reason objects as triage, in table order', () => {
    const answers = makeAnswers({
      chest_pain_or_breathlessness: true,
      saddle_numbness: true,
      vomiting: true,
    });
    expect(certainEmergencies(answers)).toEqual([
      specReason('ces_saddle_numbness'),
      specReason('chest_pain_or_breathlessness'),
    ]);
  });

  it('never returns a non-emergency rule', () => {
    const answers = makeAnswers({ vomiting: true, night_pain: true, fever_or_unwell: true });
    expect(certainEmergencies(answers)).toEqual([]);
  });
});

describe('evaluate (three-valued)', () => {
  const when = (id: string) => {
    const rule = rules.find((r) => r.id === id);
    if (!rule?.when) throw new Error(`no condition for ${id}`);
    return rule.when;
  };

  it('is undefined until the deciding answers are known, then final', () => {
    expect(evaluate(when('aaa_suspected'), {})).toBeUndefined();
    expect(evaluate(when('aaa_suspected'), { pulsating_abdominal_pain: false })).toBe(false);
    expect(evaluate(when('aaa_suspected'), { pulsating_abdominal_pain: true, age: 51 })).toBeUndefined();
    expect(evaluate(when('aaa_suspected'), { pulsating_abdominal_pain: true, age: 50 })).toBe(false);
    expect(evaluate(when('bilateral_leg_symptoms'), { leg_numbness: 'both_legs' })).toBe(true);
    expect(evaluate(when('bilateral_leg_symptoms'), { leg_numbness: 'one_leg' })).toBeUndefined();
  });

  it('agrees with the spec on complete answers for every rule', () => {
    fc.assert(
      fc.property(arbAnswers, (answers) => {
        const fired = specFired(answers);
        for (const rule of rules) {
          if (rule.when === null) continue;
          expect(evaluate(rule.when, answers)).toBe(fired.includes(rule.id));
        }
      }),
      { numRuns: 300 },
    );
  });
});
