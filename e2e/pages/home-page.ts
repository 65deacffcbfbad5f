import type { Page } from 'playwright-core';

export class HomePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async waitFor(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  }

  /** The one-tap pain log. */
  async logPain(score: number): Promise<void> {
    await this.page
      .getByRole('group', { name: 'How bad is the pain right now?' })
      .getByRole('button', { name: String(score), exact: true })
      .click();
    await this.page.getByText(`Saved: pain ${score}`).waitFor();
  }

  async startTimer(title: string): Promise<void> {
    await this.page.getByRole('link', { name: `Start ${title}` }).click();
    await this.page.waitForURL(/\/session\//);
  }

  pendingStatus(): Promise<string> {
    return this.page.locator('.sync').innerText();
  }
}

export class PreferencesPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async saveDefaults(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'A few preferences' }).waitFor();
    await this.page.getByRole('button', { name: 'Save and continue' }).click();
  }
}
