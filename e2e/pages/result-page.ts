import type { Page } from 'playwright-core';

export class ResultPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async waitFor(): Promise<void> {
    await this.page.waitForURL(/\/result$/);
    await this.page.locator('[data-disposition]').waitFor();
  }

  disposition(): Promise<string | null> {
    return this.page.locator('[data-disposition]').getAttribute('data-disposition');
  }

  headline(): Promise<string | null> {
    return this.page.locator('h1').textContent();
  }

  /** From a self-care or soon result: on to the preferences (first time) or today. */
  async continue(): Promise<void> {
    await this.page.getByRole('link', { name: /^(Continue|Go to today)$/ }).click();
  }
}
