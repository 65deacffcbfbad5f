/**
 * The safety check with the keyboard alone: Tab, Enter, Space and typing — never the mouse. Kept apart from
 * CheckPage because it reads the browser's focus (DOM types), which the Node-only scripts do not compile with.
 */
import type { Answers, Question } from '@unknot/core';
import { questions } from '@unknot/core';
import { CheckPage } from './check-page.ts';

export class KeyboardCheckPage extends CheckPage {
  /** Presses Tab until the focused element's text (or label) is `name`, then returns. Never uses the mouse. */
  async tabTo(name: string, maxTabs = 40): Promise<void> {
    for (let i = 0; i < maxTabs; i++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(() => {
        const el = document.activeElement;
        if (!el) return '';
        const label =
          el instanceof HTMLInputElement && el.labels?.[0] ? el.labels[0].textContent : el.textContent;
        return label.trim();
      });
      if (focused === name) return;
    }
    throw new Error(`could not reach "${name}" with the Tab key`);
  }

  /** Whether the focused element shows a visible focus indicator. */
  async focusVisible(): Promise<boolean> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      const style = getComputedStyle(el);
      return style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    });
  }

  /**
   * The same as answerAll, with the keyboard alone: Tab, Enter, Space and typing. Stops before `stopAt` when given.
   */
  async answerAllWithKeyboard(
    answers: Partial<Answers>,
    options: { onEach?: () => Promise<void>; stopAt?: Question['id'] } = {},
  ): Promise<void> {
    const { onEach, stopAt } = options;
    for (let n = 0; n < questions.length; n++) {
      if (!/\/check/.test(this.page.url())) return;
      const question = await this.question();
      // After an answer, focus moves to the next question's heading, so Tab starts from the top of it.
      if (n > 0)
        await this.page.waitForFunction(() => document.activeElement?.matches('h1.question') === true);
      if (question.id === stopAt) return;
      const value = answers[question.id];
      if (value === undefined) throw new Error(`no answer given for ${question.id}`);
      const before = this.page.url();
      switch (question.type.kind) {
        case 'integer':
          if (question.id === 'pain_score') {
            await this.tabTo(String(value));
            await this.page.keyboard.press('Enter');
          } else {
            await this.page.keyboard.press('Tab'); // the explanation toggle
            await this.page.keyboard.press('Tab'); // the answer field
            await this.page.keyboard.type(String(value));
            await this.page.keyboard.press('Enter');
          }
          break;
        case 'multi':
          for (const name of this.labelsFor(question, value)) {
            await this.tabTo(name);
            await this.page.keyboard.press('Space');
          }
          await this.tabTo('Next');
          await this.page.keyboard.press('Enter');
          break;
        case 'boolean':
        case 'enum':
          await this.tabTo(this.labelsFor(question, value)[0] ?? '');
          if (onEach) await onEach();
          await this.page.keyboard.press('Enter');
      }
      await this.page.waitForURL((url) => url.href !== before);
    }
  }
}
