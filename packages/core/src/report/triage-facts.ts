/**
 * Triage assessments for the summary: the outcome, the reasons the person was shown, every answer in words, and
 * the "red-flag answers": the answers that made a rule fire, so a doctor sees what was answered and not only the
 * conclusion drawn from it.
 */
import {
  dispositionAdvice,
  evaluate,
  questions,
  rules,
  severity,
  type Condition,
  type PartialAnswers,
  type Question,
  type QuestionId,
} from '../triage/index.ts';
import { localDateTime } from './dates.ts';
import { compareText } from './diary-facts.ts';
import type { RedFlagAnswer, SummaryAnswer, SummaryAssessment, SummaryAssessmentInput } from './types.ts';
import { questionLabels } from './words.ts';

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function optionLabel(question: Question, value: string): string {
  const type = question.type;
  if (type.kind !== 'enum' && type.kind !== 'multi') return value;
  return type.options.find((o) => o.value === value)?.label ?? value;
}

/** A stored answer as a typed value, or `undefined` when it is not of a shape any question takes. */
function typedValue(value: unknown): SummaryAnswer['value'] | undefined {
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return [...value];
  return undefined;
}

/** An answer in words: "Yes", "No", a number, or the option's label. */
export function answerText(question: Question, value: SummaryAnswer['value']): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return capitalise(optionLabel(question, value));
  return capitalise(value.map((v) => optionLabel(question, v)).join('; '));
}

/** Every answer that `questions` knows, in question order, typed and in words. */
export function summariseAnswers(answers: Readonly<Record<string, unknown>>): SummaryAnswer[] {
  const out: SummaryAnswer[] = [];
  for (const question of questions) {
    const value = typedValue(answers[question.id]);
    if (value === undefined) continue;
    out.push({
      questionId: question.id,
      number: question.number,
      question: question.text,
      label: questionLabels[question.id],
      value,
      text: answerText(question, value),
    });
  }
  return out;
}

/**
 * The questions whose answers made `condition` true: every true part of an `all`, the true branches of an `any`.
 * Only called for a condition that holds.
 */
function firingQuestions(condition: Condition, answers: PartialAnswers): QuestionId[] {
  if ('all' in condition) return condition.all.flatMap((c) => firingQuestions(c, answers));
  if ('any' in condition) {
    return condition.any
      .filter((c) => evaluate(c, answers) === true)
      .flatMap((c) => firingQuestions(c, answers));
  }
  return evaluate(condition, answers) === true ? [condition.q] : [];
}

/**
 * The answers behind the reasons the person was shown. A reason whose rule no longer exists, or no longer holds
 * on these answers (an assessment made under older rules), contributes no answers rather than wrong ones.
 */
export function redFlagAnswers(
  reasons: readonly { readonly rule: string }[],
  answers: readonly SummaryAnswer[],
  raw: Readonly<Record<string, unknown>>,
): RedFlagAnswer[] {
  const partial = raw as PartialAnswers;
  const rulesByQuestion = new Map<string, string[]>();
  const worst = new Map<string, number>();
  for (const reason of reasons) {
    const rule = rules.find((r) => r.id === reason.rule);
    if (rule?.when == null || evaluate(rule.when, partial) !== true) continue;
    for (const q of new Set(firingQuestions(rule.when, partial))) {
      rulesByQuestion.set(q, [...(rulesByQuestion.get(q) ?? []), rule.id]);
      worst.set(q, Math.max(worst.get(q) ?? 0, severity(rule.disposition)));
    }
  }
  // The answers behind the most serious outcome first, so a cut list (the PDF's) keeps what matters most.
  return answers
    .filter((a) => rulesByQuestion.has(a.questionId))
    .map((a) => ({ ...a, rules: rulesByQuestion.get(a.questionId) ?? [] }))
    .sort((a, b) => (worst.get(b.questionId) ?? 0) - (worst.get(a.questionId) ?? 0) || a.number - b.number);
}

/** Each assessment for the summary, newest first. */
export function summariseAssessments(
  assessments: readonly SummaryAssessmentInput[],
  timeZone: string,
): SummaryAssessment[] {
  return assessments
    .map((a): SummaryAssessment => {
      const { date, time } = localDateTime(a.at, timeZone);
      const answers = summariseAnswers(a.answers);
      return {
        id: a.id,
        at: a.at,
        date,
        time,
        disposition: a.result.disposition,
        headline: dispositionAdvice[a.result.disposition].headline,
        rulesVersion: a.rulesVersion,
        reasons: a.result.reasons.map((r) => ({ rule: r.rule, disposition: r.disposition, text: r.text })),
        redFlagAnswers: redFlagAnswers(a.result.reasons, answers, a.answers),
        answers,
      };
    })
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || compareText(a.id, b.id));
}
