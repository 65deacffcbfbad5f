import {
  dispositionAdvice,
  questions,
  safetyNet,
  sourceDisplayName,
  type Problem,
  type TriageResult,
  type TriageValidationError,
} from '@unknot/core';
import type { Style } from '../io.ts';

const badge: Record<TriageResult['disposition'], string> = {
  emergency: 'EMERGENCY',
  urgent: 'URGENT',
  soon: 'SOON',
  self_care: 'SELF-CARE',
};

/**
 * The result screen: headline, advice, every reason with its sources, then the safety-netting.
 * An emergency shows only the advice and the reasons, so nothing slows the person down (triage.md §1).
 */
export function renderTriageResult(result: TriageResult, style: Style): string {
  const advice = dispositionAdvice[result.disposition];
  const headStyle = result.disposition === 'emergency' || result.disposition === 'urgent' ? 'red' : 'green';
  const lines: string[] = [
    style(['bold', headStyle], `${badge[result.disposition]}: ${advice.headline}`),
    '',
    advice.advice,
    '',
    style('bold', result.reasons.length === 1 ? 'Why:' : `Why (${result.reasons.length} reasons):`),
  ];
  for (const reason of result.reasons) {
    lines.push(`  - ${reason.text}`);
    lines.push(style('dim', `    Sources: ${reason.sources.map(sourceDisplayName).join('; ')}`));
  }
  if (advice.showSafetyNet) {
    for (const group of safetyNet.groups) {
      lines.push('', style('bold', group.heading));
      for (const item of group.items) lines.push(`  - ${item}`);
    }
    lines.push('', style('bold', safetyNet.closing));
  }
  lines.push('', style('dim', `Rules version ${result.rulesVersion}.`));
  return lines.join('\n');
}

const problemWords: Record<Problem, string> = {
  missing: 'no answer',
  wrong_type: 'the answer has the wrong type',
  out_of_range: 'the number is out of range',
  invalid_value: 'not one of the allowed answers',
  conflict: 'answers that contradict each other ("none" with another condition, or a repeat)',
  unknown_field: 'not a question of this check (a misspelt key?)',
};

/** A validation error as text: every answer that needs fixing, with the question it belongs to. */
export function renderValidationError(error: TriageValidationError, style: Style): string {
  const lines = [style(['bold', 'red'], 'No result: some answers need fixing. Nothing was assessed.')];
  for (const { field, problem } of error.fields) {
    const question = questions.find((q) => q.id === field);
    lines.push(`  - ${field}: ${problemWords[problem]}${question ? ` (${question.text})` : ''}`);
  }
  return lines.join('\n');
}
