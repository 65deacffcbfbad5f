import type { Page } from 'playwright-core';

export class DiaryPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diary' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
  }

  /** The pain score of each entry, newest first. */
  async pains(): Promise<number[]> {
    const texts = await this.page.locator('.diary-entry .pain-badge').allInnerTexts();
    return texts.map(Number);
  }
}
