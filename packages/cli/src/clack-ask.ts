import { isCancel, log, multiselect, select, text } from '@clack/prompts';
import type { AnswerValue } from '@unknot/core';
import type { Ask } from './triage-flow.ts';
import { style } from './output.ts';

/** Asks a triage question in the terminal with @clack/prompts. */
export const clackAsk: Ask = async (question, { index, total }) => {
  const message = `${style('dim', `${index + 1}/${total}`)} ${question.text}\n${style('dim', question.help)}`;
  const type = question.type;
  switch (type.kind) {
    case 'boolean': {
      const value = await select<boolean>({
        message,
        options: [
          { value: false, label: 'No' },
          { value: true, label: 'Yes' },
        ],
      });
      return isCancel(value) ? undefined : value;
    }
    case 'integer': {
      const value = await text({
        message: `${message}\n${style('dim', `A whole number from ${type.min} to ${type.max}.`)}`,
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
      const value = await select<string>({
        message,
        options: type.options.map((o) => ({ value: o.value, label: o.label })),
      });
      return isCancel(value) ? undefined : (value as AnswerValue);
    }
    case 'multi':
      for (;;) {
        const value = await multiselect<string>({
          message: `${message}\n${style('dim', 'Space to select, Enter to confirm.')}`,
          options: type.options.map((o) => ({ value: o.value, label: o.label })),
          required: true,
        });
        if (isCancel(value)) return undefined;
        if (!(value.includes(type.exclusive) && value.length > 1)) return value as AnswerValue;
        log.warn(`"${type.exclusive}" cannot be chosen together with a condition. Please choose again.`);
      }
  }
};
