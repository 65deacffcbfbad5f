import { DomainError } from '../errors.ts';
import { certainEmergencies, isValidationError, triage } from '../triage/engine.ts';
import { rulesVersion } from '../triage/rules.ts';
import type { TriageResult } from '../triage/types.ts';
import { validateAnswers } from '../triage/validate.ts';
import type { AssessmentInput } from './assessment.ts';

const invalidAnswers = (fields: readonly { field: string; problem: string }[]): DomainError =>
  new DomainError(
    'validation_failed',
    'The triage answers are incomplete or invalid; no result was given.',
    fields.map((f) => ({ field: `answers.${f.field}`, problem: f.problem })),
  );

/**
 * The result an assessment is stored with, computed here and never taken from the client.
 *
 * A complete check (`complete` absent or true) needs every answer, as `triage` does. An early stop
 * (`complete: false`) is the questionnaire stopping as soon as an emergency is certain, so the person is sent for
 * help at once; it is kept only when the answers given so far already make an emergency certain whatever the rest
 * would be (`certainEmergencies`). Anything else stopped early has no safe result and is refused
 * (`early_stop_refused`), so a half-answered check can never be stored as reassurance.
 *
 * @throws DomainError `validation_failed` when an answer given is invalid (or, for a complete check, missing).
 */
export function assessmentResult(input: Pick<AssessmentInput, 'answers' | 'complete'>): TriageResult {
  if (input.complete !== false) {
    const outcome = triage(input.answers);
    if (isValidationError(outcome)) throw invalidAnswers(outcome.fields);
    return outcome;
  }
  const validation = validateAnswers(input.answers);
  // Unanswered questions are what an early stop leaves out; a wrong answer is still wrong.
  const wrong = validation.ok ? [] : validation.fields.filter((f) => f.problem !== 'missing');
  if (wrong.length > 0) throw invalidAnswers(wrong);
  const reasons = certainEmergencies(input.answers);
  if (reasons.length === 0) {
    throw new DomainError(
      'early_stop_refused',
      'A check stopped early is stored only when its answers already show an emergency; these do not. ' +
        'Answer the remaining questions and send it as complete.',
      [{ field: 'answers', problem: 'do not show an emergency, so the check cannot stop early' }],
    );
  }
  return { disposition: 'emergency', reasons, rulesVersion };
}
