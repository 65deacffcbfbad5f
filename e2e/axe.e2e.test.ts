/**
 * axe-core on every screen of the app, in both colour schemes, on a phone and on a desktop (which lays the app out
 * differently: side navigation, two columns). One test per screen and view, so that a finding on one does not
 * hide the others.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyboardCheckPage as CheckPage } from './pages/check-keyboard.ts';
import { HomePage, PreferencesPage } from './pages/home-page.ts';
import { ResultPage } from './pages/result-page.ts';
import { SessionPage } from './pages/session-page.ts';
import { SettingsPage } from './pages/settings-page.ts';
import { selfCare } from './support/answers.ts';
import { audit } from './support/axe.ts';
import { hasChromium, phone, type App } from './support/browser.ts';
import { openSharedApp, slow, useSuite } from './support/suite.ts';

/** A screen of the app, and how to reach it from the screen before it in this list. */
type Screen = [name: string, reach: (page: Page, url: string) => Promise<void>];

const heading = (page: Page, name?: string) =>
  page.getByRole('heading', { level: 1, ...(name ? { name } : {}) }).waitFor();

const screens: Screen[] = [
  ['welcome', (page, url) => page.goto(url).then(() => undefined)],
  ['check: yes/no question', (page) => new CheckPage(page).open()],
  ['check: explanation open', (page) => page.getByRole('button', { name: 'What does this mean?' }).click()],
  [
    'check: choice question',
    (page) => new CheckPage(page).answerAllWithKeyboard(selfCare, { stopAt: 'trigger' }),
  ],
  [
    'result: self-care with safety-netting',
    async (page) => {
      await new CheckPage(page).answerAll({ ...selfCare });
      await new ResultPage(page).waitFor();
    },
  ],
  [
    'preferences',
    async (page) => {
      await new ResultPage(page).continue();
      await heading(page, 'A few preferences');
    },
  ],
  [
    'today',
    async (page) => {
      await new PreferencesPage(page).saveDefaults();
      const home = new HomePage(page);
      await home.waitFor();
      await home.logPain(5);
    },
  ],
  [
    'plan, every section open',
    async (page, url) => {
      await page.goto(`${url}/plan`);
      await heading(page, 'Your plan');
      // Some forty sections (later days, each item's "why"), nested: opened at once, as clicks would leave them.
      await page.locator('details').evaluateAll((all) => {
        for (const details of all) (details as HTMLDetailsElement).open = true;
      });
    },
  ],
  [
    'session: prompts',
    async (page, url) => {
      await page.goto(`${url}/session/tx-ice`);
      await new SessionPage(page).waitForStatus('not_started');
    },
  ],
  [
    'session: running',
    async (page) => {
      const session = new SessionPage(page);
      await session.acknowledgePrompts();
      await session.start();
    },
  ],
  ['session: paused', (page) => new SessionPage(page).pause()],
  [
    'session: exercise (pain before)',
    async (page, url) => {
      await page.goto(`${url}/session/ex-knee-to-chest`);
      await heading(page);
    },
  ],
  [
    'diary with chart',
    async (page, url) => {
      await page.goto(`${url}/diary`);
      await page.locator('.chart-canvas canvas').first().waitFor();
    },
  ],
  [
    'diary: new entry form',
    async (page, url) => {
      await page.goto(`${url}/diary/new`);
      await heading(page, 'New entry');
      await page.getByRole('button', { name: 'Add a medicine' }).click();
      await page.locator('details.treatments > summary').click();
    },
  ],
  [
    'learn: library',
    async (page, url) => {
      await page.goto(`${url}/learn`);
      await heading(page, 'Learn');
    },
  ],
  [
    'learn: search',
    async (page) => {
      await page.getByRole('searchbox').fill('stretch');
      await page
        .getByRole('status')
        .filter({ hasText: /result/ })
        .waitFor();
    },
  ],
  [
    'learn: recommended entry',
    async (page, url) => {
      await page.goto(`${url}/learn/tx-heat`);
      await heading(page);
    },
  ],
  [
    'learn: not-recommended entry',
    async (page, url) => {
      await page.goto(`${url}/learn/tx-prolonged-bed-rest`);
      await page.getByTestId('do-not-recommend').waitFor();
    },
  ],
  [
    'summary for a doctor',
    async (page, url) => {
      await page.goto(`${url}/summary`);
      await heading(page);
    },
  ],
  [
    'waiting to be sent',
    async (page, url) => {
      await page.goto(`${url}/outbox`);
      await heading(page);
    },
  ],
  ['settings', (page) => new SettingsPage(page).open()],
  ['settings: delete confirmation', (page) => new SettingsPage(page).askToDelete().then(() => undefined)],
  [
    'not found',
    async (page, url) => {
      await page.keyboard.press('Escape');
      await new SettingsPage(page).confirmation().waitFor({ state: 'hidden' });
      await page.goto(`${url}/no-such-page`);
      await heading(page, 'Page not found');
    },
  ],
  [
    // Last: an emergency result closes the rest of the app.
    'emergency',
    async (page, url) => {
      await page.goto(`${url}/check?q=1`);
      await page.getByRole('button', { name: 'Yes', exact: true }).click();
      await new ResultPage(page).waitFor();
    },
  ],
];

/** The four ways every screen is audited: both colour schemes, on a phone and on a desktop. */
const views = [
  ['light', 'phone'],
  ['dark', 'phone'],
  ['light', 'desktop'],
  ['dark', 'desktop'],
] as const;
const sizes = { phone, desktop: { width: 1280, height: 800 } };

describe.skipIf(!hasChromium)('axe-core finds nothing', slow, () => {
  const suite = useSuite({ app: 'own' });
  let app: App | undefined;
  const page = (): Page => {
    if (!app) throw new Error('the browser did not open');
    return app.page;
  };
  beforeAll(async () => {
    app = await openSharedApp();
  }, slow.timeout);
  afterAll(async () => {
    await app?.close();
  }, slow.timeout);

  it('the audit finds what it should (a page made to fail: text without contrast, an image without a name)', async () => {
    const probe = await app?.context.newPage();
    if (!probe) throw new Error('the browser did not open');
    await probe.setContent(
      '<html lang="en"><title>probe</title><main><p style="color:#777;background:#888">faint</p><img src="x.png"></main></html>',
    );
    expect((await audit(probe)).map((f) => f.rule)).toEqual(
      expect.arrayContaining(['color-contrast', 'image-alt']),
    );
    await probe.close();
  });

  // One walk through the app; on each screen, the colour scheme and the size change under it (the app follows
  // both as they change, as it does when a phone switches to dark mode or a window is resized), so that every
  // view is audited without walking the app four times.
  describe.each(screens)('%s', (_name, reach) => {
    beforeAll(async () => {
      await page().emulateMedia({ colorScheme: 'light' });
      await page().setViewportSize(sizes.phone);
      await reach(page(), suite.url);
    }, slow.timeout);

    it.each(views)('%s theme, %s size', async (colorScheme, size) => {
      await page().emulateMedia({ colorScheme });
      await page().setViewportSize(sizes[size]);
      // The page sees the view this test is named after.
      expect(
        await page().evaluate(() => [matchMedia('(prefers-color-scheme: dark)').matches, innerWidth]),
      ).toEqual([colorScheme === 'dark', sizes[size].width]);
      const findings = await audit(page());
      if (findings.length > 0) console.error(JSON.stringify(findings, null, 2));
      expect(findings).toEqual([]);
    });
  });
});
