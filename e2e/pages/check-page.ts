/** The safety check, one question a screen: answer it by mouse or by keyboard alone. */
import { questions, type AnswerValue, type Answers, type Question } from '@unknot/core';
import type { Page } from 'playwright-core';

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export class CheckPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Waits until the app has taken over the prerendered page (links then navigate without a reload). */
  async booted(): Promise<void> {
    await this.page.locator('html[data-booted]').waitFor({ state: 'attached' });
  }

  async open(): Promise<void> {
    await this.booted();
    await this.page.getByRole('link', { name: 'Start the safety check' }).click();
    await this.page.waitForURL(/\/check\?q=1$/);
  }

  /** The question on screen, found by its text. */
  async question(): Promise<Question> {
    const heading = this.page.locator('h1.question');
    await heading.waitFor();
    const text = (await heading.textContent())?.trim() ?? '';
    const question = questions.find((q) => q.text === text);
    if (!question) throw new Error(`not a question of the check: "${text}"`);
    return question;
  }

  /** The visible labels of the controls that give `value`. */
  labelsFor(question: Question, value: AnswerValue): string[] {
    const type = question.type;
    switch (type.kind) {
      case 'boolean':
        return [value === true ? 'Yes' : 'No'];
      case 'integer':
        return [String(value)];
      case 'enum':
        return [capitalise(type.options.find((o) => o.value === value)?.label ?? '')];
      case 'multi':
        return (value as string[]).map((v) =>
          capitalise(type.options.find((o) => o.value === v)?.label ?? ''),
        );
    }
  }

  private async answerOne(question: Question, value: AnswerValue): Promise<void> {
    const [label] = this.labelsFor(question, value);
    switch (question.type.kind) {
      case 'integer':
        if (question.id === 'pain_score') {
          await this.page.getByRole('button', { name: String(value), exact: true }).click();
        } else {
          await this.page.getByRole('textbox').fill(String(value));
          await this.page.getByRole('button', { name: 'Next' }).click();
        }
        return;
      case 'multi':
        for (const name of this.labelsFor(question, value))
          await this.page.getByLabel(name, { exact: true }).check();
        await this.page.getByRole('button', { name: 'Next' }).click();
        return;
      case 'boolean':
      case 'enum':
        await this.page.getByRole('button', { name: label ?? '', exact: true }).click();
    }
  }

  /**
   * Answers question after question from `answers` until the check leaves the page (a result), or until the
   * question `stopAt` is on screen.
   */
  async answerAll(answers: Partial<Answers>, stopAt?: Question['id']): Promise<void> {
    for (let n = 0; n < questions.length; n++) {
      if (!/\/check/.test(this.page.url())) return;
      const question = await this.question();
      if (question.id === stopAt) return;
      const value = answers[question.id];
      if (value === undefined) throw new Error(`no answer given for ${question.id}`);
      const before = this.page.url();
      await this.answerOne(question, value);
      await this.page.waitForURL((url) => url.href !== before);
    }
  }
}
