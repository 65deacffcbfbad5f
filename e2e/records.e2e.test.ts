/**
 * What the records say (issue 12 §2): a session skipped through is logged as 0 steps and the summary says
 * "Skipped"; a running session survives a new tab; a one-tap rating can be undone; a diary time outside the
 * episode is refused before saving; a medicine with its time reaches the summary.
 */
import { getEntry } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages/home-page.ts';
import { SessionPage } from './pages/session-page.ts';
import { api } from './support/api.ts';
import { hasChromium } from './support/browser.ts';
import { throughSelfCareCheck, waitUntilSent } from './support/flows.ts';
import { slow, useSuite } from './support/suite.ts';

const ice = getEntry('tx-ice')?.title ?? '';

describe.skipIf(!hasChromium)('records', slow, () => {
  const suite = useSuite();

  async function episodeId(): Promise<string> {
    const [episode] = await api.episodes(suite.url);
    if (!episode) throw new Error('the episode reached the server');
    return episode.id;
  }

  /** `datetime-local` value `days` from today at `time`. */
  function localInput(days: number, time: string): string {
    const d = new Date(Date.now() + days * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${time}`;
  }

  it('logs a session whose every step was skipped as 0 steps, and the summary says "Skipped"', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    const home = new HomePage(page);
    await home.startTimer(ice);
    const session = new SessionPage(page);
    await session.prompts();
    await session.acknowledgePrompts();
    await session.start();
    const skip = page.getByRole('button', { name: 'Skip step' });
    while ((await session.status()) !== 'done') {
      if (await skip.isVisible()) await skip.click();
    }
    await page.getByText('Session saved.').waitFor();
    await page.getByText('Skipped: every step was skipped').waitFor();
    await waitUntilSent(page);

    const id = await episodeId();
    expect(await api.sessions(suite.url, id)).toMatchObject([{ protocolId: 'tx-ice', stepsCompleted: 0 }]);
    const summary = await (await fetch(`${suite.url}/api/v1/episodes/${id}/summary.html`)).text();
    expect(summary).toContain('<td>Skipped</td>');
    expect(summary).not.toContain('<td>Completed</td>');
  });

  it('resumes a running session in a new tab, at the same step, and Today says it is in progress', async () => {
    const { page, context } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await new HomePage(page).startTimer(ice);
    const session = new SessionPage(page);
    await session.prompts();
    await session.acknowledgePrompts();
    await session.start();
    const step = await session.stepName();

    const second = await context.newPage();
    await second.goto(suite.url);
    await new HomePage(second).waitFor();
    await second.getByRole('heading', { name: 'Session in progress' }).waitFor();
    await second.getByRole('link', { name: 'Back to the session' }).click();
    const resumed = new SessionPage(second);
    await resumed.waitForStatus('running');
    expect(await resumed.stepName()).toBe(step);
    expect(await resumed.countdown()).toMatch(/^(20:00|19:[0-5]\d)$/);
    await second.close();
  });

  it('takes back a one-tap rating with Undo, here and on the server', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    const home = new HomePage(page);
    await home.logPain(4);
    await waitUntilSent(page);
    const id = await episodeId();
    expect((await api.diary(suite.url, id)).map((e) => e.pain)).toEqual([4]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Removed.').waitFor();
    await waitUntilSent(page);
    expect(await api.diary(suite.url, id)).toEqual([]);
  });

  it('refuses a diary time outside the episode before saving, and keeps a medicine with its time', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await page.goto(`${suite.url}/diary/new`);
    await page.getByRole('heading', { level: 1, name: 'New entry' }).waitFor();
    await page.getByRole('radio', { name: '5', exact: true }).check();
    for (const when of [localInput(-10, '08:00'), localInput(3, '08:00')]) {
      await page.getByLabel('Date and time').fill(when);
      await page.getByRole('button', { name: 'Save entry' }).click();
      await page.getByText(/^Choose a time from the day this episode began \(.+\) up to now\./).waitFor();
      await page.getByRole('heading', { level: 1, name: 'New entry' }).waitFor();
    }

    await page.getByLabel('Date and time').fill(localInput(0, '00:05'));
    await page.getByRole('button', { name: 'Add a medicine' }).click();
    await page.getByLabel('Medicine (generic name)').fill('Naproxen');
    await page.getByLabel('Dose, as on the pack (optional)').fill('250 mg');
    await page.getByLabel('When you took it (optional)').fill(localInput(0, '00:01'));
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
    await waitUntilSent(page);

    const id = await episodeId();
    expect(await api.diary(suite.url, id)).toMatchObject([
      {
        pain: 5,
        medicines: [{ name: 'Naproxen', dose: '250 mg', at: new Date(localInput(0, '00:01')).toISOString() }],
      },
    ]);
    const summary = await (await fetch(`${suite.url}/api/v1/episodes/${id}/summary.html`)).text();
    expect(summary).toMatch(/<th scope="row">Naproxen<\/th><td>250 mg<\/td><td>1× \([^)]+\), last taken /);
  });
});
