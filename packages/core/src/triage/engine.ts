import { evaluate, holds } from './conditions.ts';
import { rules, rulesVersion, type Rule } from './rules.ts';
import { sourceEmitAs } from './sources.ts';
import { severity, type PartialAnswers, type Reason, type TriageOutcome } from './types.ts';
import { validateAnswers } from './validate.ts';

const defaultRule = rules.find((r) => r.when === null);
if (!defaultRule) throw new Error('triage rules: the default rule no_red_flags is missing');

function toReason(rule: Rule): Reason {
  return {
    rule: rule.id,
    disposition: rule.disposition,
    text: rule.text,
    sources: rule.sources.map((ref) => sourceEmitAs[ref]),
  };
}

/**
 * Runs the red-flag triage of triage.md on one set of answers. Pure and deterministic.
 *
 * Invalid or incomplete input gives the §4 validation error and never a disposition, so a caller
 * cannot mistake a half-answered questionnaire for `self_care`.
 */
export function triage(input: unknown): TriageOutcome {
  const validation = validateAnswers(input);
  if (!validation.ok) return { error: 'validation_failed', fields: validation.fields, rulesVersion };

  const answers = validation.answers;
  const fired = rules.filter((rule) => rule.when !== null && holds(rule.when, answers));
  const reasons = (fired.length > 0 ? fired : [defaultRule as Rule])
    .map((rule, order) => ({ rule, order }))
    // Most severe first; the table order breaks ties (sort is stable, the index makes it explicit).
    .sort((a, b) => severity(b.rule.disposition) - severity(a.rule.disposition) || a.order - b.order)
    .map(({ rule }) => toReason(rule));
  const first = reasons[0] as Reason;
  return { disposition: first.disposition, reasons, rulesVersion };
}

/**
 * The emergency rules that are already certain to fire on the answers given so far, whatever the
 * remaining answers turn out to be. A questionnaire can stop and show emergency advice as soon as
 * this is non-empty. Derived from the rule conditions themselves, not from a separate list.
 */
export function certainEmergencies(answers: PartialAnswers): Reason[] {
  return rules
    .filter((r) => r.disposition === 'emergency' && r.when !== null && evaluate(r.when, answers) === true)
    .map(toReason);
}

/** Tells a result from a validation error, as the spec asks callers to (by the `error` key). */
export function isValidationError(
  outcome: TriageOutcome,
): outcome is Extract<TriageOutcome, { error: string }> {
  return 'error' in outcome;
}
