import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { KeyboardCheckPage as CheckPage } from './pages/check-keyboard.ts';
import { HomePage, PreferencesPage } from './pages/home-page.ts';
import { ResultPage } from './pages/result-page.ts';
import { SessionPage } from './pages/session-page.ts';
import { SettingsPage } from './pages/settings-page.ts';
import { selfCare } from './support/answers.ts';
import { hasChromium, openApp } from './support/browser.ts';
import { slow, useSuite } from './support/suite.ts';

interface Finding {
  screen: string;
  rule: string;
  impact: string | null | undefined;
  targets: string[];
  summary: string;
}

/** Runs axe on the page as it is and returns what it found, labelled with the screen's name. */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  // Let transitions settle (colour contrast is measured on what is painted).
  await page.waitForTimeout(150);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => ({
    screen,
    rule: v.id,
    impact: v.impact,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    summary: v.nodes[0]?.failureSummary ?? v.help,
  }));
}

// Each pass audits some 25 screens: twice a browser test's usual room, so a loaded 2-core machine does not time out.
describe.skipIf(!hasChromium)('axe-core finds nothing on any screen', { timeout: slow.timeout * 2 }, () => {
  const suite = useSuite({ browserPerTest: false });

  // A desktop lays the app out differently (side navigation, two columns): it is checked as well as a phone.
  it.each([
    ['light', 'phone'],
    ['dark', 'phone'],
    ['light', 'desktop'],
    ['dark', 'desktop'],
  ] as const)('%s theme, %s size', async (colorScheme, size) => {
    const app = await openApp({ colorScheme });
    const { page } = app;
    if (size === 'desktop') await page.setViewportSize({ width: 1280, height: 800 });
    const findings: Finding[] = [];
    const check = async (screen: string): Promise<void> => {
      findings.push(...(await audit(page, screen)));
    };
    try {
      await page.goto(suite.url);
      await check('welcome');

      const checkPage = new CheckPage(page);
      await checkPage.open();
      await check('check: yes/no question');
      await page.getByRole('button', { name: 'What does this mean?' }).click();
      await check('check: explanation open');
      await checkPage.answerAllWithKeyboard(selfCare, { stopAt: 'trigger' });
      await check('check: choice question');
      await checkPage.answerAll({ ...selfCare });
      const result = new ResultPage(page);
      await result.waitFor();
      await check('result: self-care with safety-netting');
      await result.continue();
      await page.getByRole('heading', { level: 1, name: 'A few preferences' }).waitFor();
      await check('preferences');
      await new PreferencesPage(page).saveDefaults();

      const home = new HomePage(page);
      await home.waitFor();
      await home.logPain(5);
      await check('today');

      await page.goto(`${suite.url}/plan`);
      await page.getByRole('heading', { level: 1, name: 'Your plan' }).waitFor();
      for (const summary of await page.locator('details > summary').all()) await summary.click();
      await check('plan, every section open');

      await page.goto(`${suite.url}/session/tx-ice`);
      const session = new SessionPage(page);
      await session.waitForStatus('not_started');
      await check('session: prompts');
      await session.acknowledgePrompts();
      await session.start();
      await check('session: running');
      await session.pause();
      await check('session: paused');

      await page.goto(`${suite.url}/session/ex-knee-to-chest`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check('session: exercise (pain before)');

      await page.goto(`${suite.url}/diary`);
      await page.locator('.chart-canvas canvas').first().waitFor();
      await check('diary with chart');
      await page.goto(`${suite.url}/diary/new`);
      await page.getByRole('heading', { level: 1, name: 'New entry' }).waitFor();
      await page.getByRole('button', { name: 'Add a medicine' }).click();
      await page.locator('details.treatments > summary').click();
      await check('diary: new entry form');

      await page.goto(`${suite.url}/learn`);
      await page.getByRole('heading', { level: 1, name: 'Learn' }).waitFor();
      await check('learn: library');
      await page.getByRole('searchbox').fill('stretch');
      await page
        .getByRole('status')
        .filter({ hasText: /result/ })
        .waitFor();
      await check('learn: search');
      await page.goto(`${suite.url}/learn/tx-heat`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check('learn: recommended entry');
      await page.goto(`${suite.url}/learn/tx-prolonged-bed-rest`);
      await page.getByTestId('do-not-recommend').waitFor();
      await check('learn: not-recommended entry');

      await page.goto(`${suite.url}/summary`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check('summary for a doctor');
      await page.goto(`${suite.url}/outbox`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check('waiting to be sent');
      const settings = new SettingsPage(page);
      await settings.open();
      await check('settings');
      await settings.askToDelete();
      await check('settings: delete confirmation');
      await page.keyboard.press('Escape');
      await settings.confirmation().waitFor({ state: 'hidden' });
      await page.goto(`${suite.url}/no-such-page`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await check('not found');

      // Last: an emergency result (it closes the rest of the app).
      await page.goto(`${suite.url}/check?q=1`);
      await page.getByRole('button', { name: 'Yes', exact: true }).click();
      await result.waitFor();
      await check('emergency');
    } finally {
      await app.close();
    }
    if (findings.length > 0) console.error(JSON.stringify(findings, null, 2));
    expect(findings).toEqual([]);
  });
});
