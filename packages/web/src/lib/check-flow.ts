/**
 * The state of a check in progress: the answers so far (kept in sessionStorage, so a reload mid-check loses
 * nothing), which were "not sure", and the notice to show after a cautious answer was filled in.
 */
import { signal } from '@preact/signals';
import {
  certainEmergencies,
  questions,
  recommendedOrder,
  type AnswerValue,
  type PartialAnswers,
  type Question,
  type QuestionId,
  type Reason,
} from '@unknot/core';
import { onForget } from './records.ts';

const storageKey = 'unknot.check';

/** The questions in the order they are asked: emergency warning signs first (triage.md §2). */
export const orderedQuestions: readonly Question[] = recommendedOrder.map((id) => {
  const question = questions.find((q) => q.id === id);
  if (!question) throw new Error(`question ${id} is in the order but not in the questionnaire`);
  return question;
});

/** How many of the first questions are the emergency warning signs. */
export const warningSignCount = 6;

interface Stored {
  answers: PartialAnswers;
  unsure: QuestionId[];
}

function load(): Stored {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (raw) return JSON.parse(raw) as Stored;
  } catch {
    // Nothing stored, or storage is unavailable.
  }
  return { answers: {}, unsure: [] };
}

export const answers = signal<PartialAnswers>({});
export const unsure = signal<QuestionId[]>([]);
/** The cautious value that was just filled in for "not sure", to tell the person on the next screen. */
export const cautiousNotice = signal<string | null>(null);

export function loadCheckFlow(): void {
  const stored = load();
  answers.value = stored.answers;
  unsure.value = stored.unsure;
}

function save(): void {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify({ answers: answers.value, unsure: unsure.value }));
  } catch {
    // The check still works; it just does not survive a reload.
  }
}

export function setAnswer(id: QuestionId, value: AnswerValue, wasUnsure: boolean): void {
  answers.value = { ...answers.value, [id]: value };
  unsure.value = wasUnsure
    ? [...unsure.value.filter((q) => q !== id), id]
    : unsure.value.filter((q) => q !== id);
  save();
}

export function resetCheck(): void {
  answers.value = {};
  unsure.value = [];
  cautiousNotice.value = null;
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // Nothing to clear.
  }
}

onForget(resetCheck);

/** The index of the first question without an answer, or the count when all are answered. */
export function firstUnanswered(given: PartialAnswers = answers.value): number {
  const i = orderedQuestions.findIndex((q) => given[q.id] === undefined);
  return i === -1 ? orderedQuestions.length : i;
}

/** Where the check goes after an answer. */
export type NextStep =
  { kind: 'emergency'; reasons: Reason[] } | { kind: 'question'; index: number } | { kind: 'finish' };

/**
 * After the answer to the question at `index`: an emergency that is already certain, whatever the remaining
 * answers, stops the check at once; otherwise the next question (also after going back to change an answer), or
 * past the last one the first still unanswered, or the result once every question has an answer.
 */
export function nextStep(given: PartialAnswers, index: number): NextStep {
  const reasons = certainEmergencies(given);
  if (reasons.length > 0) return { kind: 'emergency', reasons };
  if (index + 1 < orderedQuestions.length) return { kind: 'question', index: index + 1 };
  const next = firstUnanswered(given);
  return next < orderedQuestions.length ? { kind: 'question', index: next } : { kind: 'finish' };
}

/**
 * The value "not sure" stands for, or null where the check does not offer "not sure". The rule lives beside each
 * question in core (`ifUnsure`, triage.md §2: always the more cautious answer), so the CLI asks the same way.
 */
export function cautiousValue(question: Question): AnswerValue | null {
  return question.ifUnsure ?? null;
}
