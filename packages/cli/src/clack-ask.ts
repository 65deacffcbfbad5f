import { styleText } from 'node:util';
import { isCancel, log, multiselect, select, text } from '@clack/prompts';
import type { AnswerValue, Question } from '@unknot/core';
import { notSure, type Ask } from './triage-flow.ts';

/** "Not sure", offered only where the question says which cautious answer it stands for. */
function unsureOption(question: Question): { value: typeof notSure; label: string }[] {
  return question.ifUnsure === undefined ? [] : [{ value: notSure, label: 'Not sure' }];
}

/** Says which answer "not sure" was counted as, so the result is not a surprise. */
function tellCautious(answer: string): void {
  log.info(`Not sure counts as the more careful answer: "${answer}".`);
}

/** Prompts draw on the process's own terminal (clack writes to process.stdout), so they style for it too. */
const dim = (text: string): string => styleText('dim', text, { stream: process.stdout });

/** Asks a triage question in the terminal with @clack/prompts. */
export const clackAsk: Ask = async (question, { index, total }) => {
  const message = `${dim(`${index + 1}/${total}`)} ${question.text}\n${dim(question.help)}`;
  const type = question.type;
  switch (type.kind) {
    case 'boolean': {
      const value = await select<boolean | typeof notSure>({
        message,
        options: [{ value: false, label: 'No' }, { value: true, label: 'Yes' }, ...unsureOption(question)],
      });
      if (isCancel(value)) return undefined;
      if (value === notSure) tellCautious(question.ifUnsure === true ? 'Yes' : 'No');
      return value;
    }
    case 'integer': {
      const value = await text({
        message: `${message}\n${dim(`A whole number from ${type.min} to ${type.max}.`)}`,
        validate: (input) => {
          const n = Number(input);
          if (!input || !/^\d+$/.test(input.trim()) || !Number.isInteger(n))
            return 'Please enter a whole number.';
          if (n < type.min || n > type.max) return `Please enter a number from ${type.min} to ${type.max}.`;
          return undefined;
        },
      });
      return isCancel(value) ? undefined : Number(value.trim());
    }
    case 'enum': {
      const value = await select<string | typeof notSure>({
        message,
        options: [
          ...type.options.map((o) => ({ value: o.value, label: o.label })),
          ...unsureOption(question),
        ],
      });
      if (isCancel(value)) return undefined;
      if (value === notSure) {
        tellCautious(
          type.options.find((o) => o.value === question.ifUnsure)?.label ?? String(question.ifUnsure),
        );
        return notSure;
      }
      return value as AnswerValue;
    }
    case 'multi':
      for (;;) {
        const value = await multiselect<string>({
          message: `${message}\n${dim('Space to select, Enter to confirm.')}`,
          options: type.options.map((o) => ({ value: o.value, label: o.label })),
          required: true,
        });
        if (isCancel(value)) return undefined;
        if (!(value.includes(type.exclusive) && value.length > 1)) return value as AnswerValue;
        log.warn(`"${type.exclusive}" cannot be chosen together with a condition. Please choose again.`);
      }
  }
};
