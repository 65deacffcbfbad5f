/**
 * Spec 1.1, issue 12 §1: what a person reads names a source article by its display title and kind, never by its
 * file name; editor notes never show; timer numbers have names in words; a warning sign has its own badge.
 * Scans the visible text of each screen, with every collapsed part opened.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CheckPage } from './pages/check-page.ts';
import { HomePage, PreferencesPage } from './pages/home-page.ts';
import { ResultPage } from './pages/result-page.ts';
import { selfCare } from './support/answers.ts';
import { hasChromium } from './support/browser.ts';
import { slow, useSuite } from './support/suite.ts';

const fileName = /\d{3}_[0-9a-f]{16}\.txt/;
const fieldName = /\b[a-z]+_[a-z_]+\b/;

/** The visible text of the page's main content, with every <details> opened first. */
async function mainText(page: Page): Promise<string> {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  return page.locator('main').innerText();
}

describe.skipIf(!hasChromium)('words', slow, () => {
  const suite = useSuite();

  it('names sources by title on the result, the plan, Learn and a timer, and shows no file or field name', async () => {
    const { page } = suite.app;
    await page.goto(suite.url);
    // Day 9 and not improving: a "soon" result whose reason cites a source article.
    const check = new CheckPage(page);
    await check.open();
    await check.answerAll({ ...selfCare, days_since_onset: 9, improving_since_onset: false });
    const result = new ResultPage(page);
    await result.waitFor();
    const resultText = await mainText(page);
    expect(resultText).toContain('"What to Do for a Back Spasm" (web page of a spine clinic)');
    expect(resultText).not.toMatch(fileName);
    await result.continue();
    await new PreferencesPage(page).saveDefaults();
    await new HomePage(page).waitFor();

    await page.goto(`${suite.url}/plan`);
    await page.getByRole('heading', { level: 1, name: 'Your plan' }).waitFor();
    const planText = await mainText(page);
    expect(planText).not.toMatch(fileName);
    expect(planText).not.toMatch(/^.*\b[a-z]+_[a-z_]+\b: /m);
    if (planText.includes(' *')) expect(planText).toContain('* A number unknot chose');

    await page.goto(`${suite.url}/learn/rem-apple-cider-vinegar`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const vinegar = await mainText(page);
    expect(vinegar).toContain('"Getting Rid of Back Spasm with Medical Treatment, Exercises…"');
    expect(vinegar).not.toMatch(fileName);
    expect(vinegar).not.toContain('deliberately not reproduced');

    await page.goto(`${suite.url}/learn/tx-ice`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const ice = await mainText(page);
    expect(ice).not.toMatch(/say plainly/i);
    expect(ice).toContain('Heat has better evidence than cold.');
    // Evidence references by their title, not their code.
    expect(ice).toContain('Cochrane, French et al. (CD004750)');
    expect(ice).not.toContain('COCH-HEATCOLD');

    await page.goto(`${suite.url}/learn/rf-numbness-bladder-bowel`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await mainText(page)).toContain('Warning sign: get help');

    await page.goto(`${suite.url}/session/tx-alternate-ice-heat`);
    await page.locator('#numbers-heading').waitFor();
    const numbers = await page.locator('dl.numbers').innerText();
    expect(numbers).toContain('Heat on');
    expect(numbers).not.toMatch(fieldName);
    const timer = await mainText(page);
    expect(timer).not.toMatch(fileName);
    if (timer.includes(' *')) expect(timer).toContain('Numbers marked *');
  });
});
