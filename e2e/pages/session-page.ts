import type { Page } from 'playwright-core';

export class SessionPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  status(): Promise<string | null> {
    return this.page.locator('section.session').getAttribute('data-status');
  }

  async waitForStatus(status: string): Promise<void> {
    await this.page.locator(`section.session[data-status="${status}"]`).waitFor();
  }

  /**
   * The protocol's prompts, once the lazily loaded player has rendered them: `allInnerTexts` alone does not wait,
   * and under load it read an empty list from the screen before.
   */
  async prompts(): Promise<string[]> {
    const items = this.page.locator('.prompts li');
    await items.first().waitFor();
    return items.allInnerTexts();
  }

  startButton() {
    return this.page.getByRole('button', { name: 'Start', exact: true });
  }

  async acknowledgePrompts(): Promise<void> {
    await this.page.getByRole('button', { name: 'I have read this' }).click();
  }

  async start(): Promise<void> {
    await this.startButton().click();
    await this.waitForStatus('running');
  }

  async pause(): Promise<void> {
    await this.page.getByRole('button', { name: 'Pause' }).click();
    await this.waitForStatus('paused');
  }

  async resume(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Resume|Ready, continue)$/ }).click();
    await this.waitForStatus('running');
  }

  /** The countdown as shown, m:ss. */
  countdown(): Promise<string> {
    return this.page.getByRole('timer').innerText();
  }

  stepName(): Promise<string> {
    return this.page.getByTestId('step-name').innerText();
  }
}
