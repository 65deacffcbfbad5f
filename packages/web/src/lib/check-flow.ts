/**
 * The state of a check in progress: the answers so far (kept in sessionStorage, so a reload mid-check loses
 * nothing), which were "not sure", and the notice to show after a cautious answer was filled in.
 */
import { signal } from '@preact/signals';
import {
  questions,
  recommendedOrder,
  type AnswerValue,
  type PartialAnswers,
  type Question,
  type QuestionId,
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

/**
 * The value "not sure" stands for, or null where the check does not offer "not sure".
 *
 * triage.md §2: never submit "not sure" as the reassuring answer; submit the more cautious one. For a yes/no
 * warning sign that is "yes". For "is it clearly getting better?" it is "no": answering "yes" there lowers
 * concern (and the question itself says to answer "no" unless it is clearly better). For the leg questions it
 * is the more affected option, both legs; for standing and walking, legs that are weak or numb.
 */
export function cautiousValue(question: Question): AnswerValue | null {
  if (question.id === 'improving_since_onset') return false;
  const type = question.type;
  switch (type.kind) {
    case 'boolean':
      return true;
    case 'enum': {
      if (type.options.some((o) => o.value === 'both_legs')) return 'both_legs';
      if (type.options.some((o) => o.value === 'legs_weak_or_numb')) return 'legs_weak_or_numb';
      return null;
    }
    case 'integer':
    case 'multi':
      return null;
  }
}
