/** Paths through the app that several suites start from. */
import type { Answers } from '@unknot/core';
import type { Page } from 'playwright-core';
import { CheckPage } from '../pages/check-page.ts';
import { HomePage, PreferencesPage } from '../pages/home-page.ts';
import { ResultPage } from '../pages/result-page.ts';
import { selfCare } from './answers.ts';

/** Welcome → the whole check → the self-care result → preferences → today. */
export async function throughSelfCareCheck(
  page: Page,
  baseUrl: string,
  answers: Answers = selfCare,
): Promise<void> {
  await page.goto(baseUrl);
  const check = new CheckPage(page);
  await check.open();
  await check.answerAll(answers);
  const result = new ResultPage(page);
  await result.waitFor();
  await result.continue();
  await new PreferencesPage(page).saveDefaults();
  await new HomePage(page).waitFor();
}

/** Waits until nothing is waiting in the outbox (the header's sync status is empty). */
export async function waitUntilSent(page: Page): Promise<void> {
  await page.locator('[data-testid="sync-status"]').waitFor({ state: 'detached', timeout: 30_000 });
}
