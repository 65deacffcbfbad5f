import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from 'playwright-core';

export class SettingsPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Through the header, the way a person finds it. */
  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Settings and your data' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  }

  /** Clicks "Download my data" and returns the file the browser saved, with its text. */
  async download(): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 15_000 }),
      this.downloadButton().click(),
    ]);
    const path = await download.path();
    return { download, text: await readFile(path, 'utf8') };
  }

  downloadButton(): Locator {
    return this.page.getByRole('button', { name: 'Download my data' });
  }

  /** The confirmation, once "Delete everything" has opened it. */
  confirmation(): Locator {
    return this.page.getByRole('dialog', { name: 'Delete everything?' });
  }

  async askToDelete(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Delete everything', exact: true }).click();
    const dialog = this.confirmation();
    await dialog.waitFor();
    return dialog;
  }

  async confirmDelete(): Promise<void> {
    await this.confirmation().getByRole('button', { name: 'Yes, delete everything' }).click();
  }

  /** What the screen said after an action (its live regions). */
  outcome(): Promise<string> {
    return this.page.locator('main').getByRole('status').filter({ hasText: /\S/ }).last().innerText();
  }
}
