import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages/home-page.ts';
import { SettingsPage } from './pages/settings-page.ts';
import { api } from './support/api.ts';
import { hasChromium } from './support/browser.ts';
import { throughSelfCareCheck, waitUntilSent } from './support/flows.ts';
import { localTraces } from './support/local-traces.ts';
import { slow, useSuite } from './support/suite.ts';

interface Export {
  format: string;
  schemaVersion: number;
  episodes: { episode: { id: string }; assessments: unknown[]; diary: { pain: number }[] }[];
}

const welcome = (page: Page) => page.getByRole('link', { name: 'Start the safety check' });

describe.skipIf(!hasChromium)('settings: the person owns the record', slow, () => {
  const suite = useSuite();

  it('downloads everything as one file, then deletes everything here and on the server', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await new HomePage(page).logPain(4);
    const settings = new SettingsPage(page);
    await settings.open();

    // Straight away: the download sends what is waiting first, so the pain just logged is in the file.
    const { download, text } = await settings.download();
    expect(download.suggestedFilename()).toMatch(/^unknot-export-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(text) as Export;
    expect(file).toMatchObject({ format: 'unknot-export', schemaVersion: 1 });
    expect(file.episodes).toHaveLength(1);
    expect(file.episodes[0]?.assessments).toHaveLength(1);
    expect(file.episodes[0]?.diary.map((e) => e.pain)).toEqual([4]);
    expect(await settings.outcome()).toBe(`Downloaded ${download.suggestedFilename()}.`);

    // The confirmation names what goes, and the safe choice has the focus; Escape leaves everything as it was.
    const dialog = await settings.askToDelete();
    const said = await dialog.innerText();
    for (const part of [
      '1 episode',
      '1 safety check',
      '1 diary entry',
      '0 session logs',
      'everything stored by the unknot server on this computer',
      'This cannot be undone.',
    ]) {
      expect(said).toContain(part);
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await api.episodes(suite.url)).toHaveLength(1);

    // A theme choice is kept in Web Storage too; a second tab still shows the diary from its memory.
    await page.getByRole('button', { name: /^Colour theme/ }).click();
    const otherTab = await page.context().newPage();
    await otherTab.goto(`${suite.url}/diary`);
    await otherTab.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();

    await settings.askToDelete();
    await page.evaluate(() => {
      document.documentElement.dataset.before = 'delete';
    });
    await settings.confirmDelete();
    await welcome(page).waitFor();
    // Cleared in place (no reload was needed to forget), and focus starts at the welcome's heading.
    expect(await page.evaluate(() => document.documentElement.dataset.before)).toBe('delete');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await api.episodes(suite.url)).toEqual([]);
    expect(await localTraces(page)).toEqual({ kv: 0, outbox: 0, storage: [] });
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    // The other tab reloads: with nothing recorded, the diary gives way to the check.
    await otherTab.waitForURL(/\/check/);
    await otherTab.close();

    await page.reload();
    await welcome(page).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('unknot');
    expect(await page.getByRole('link', { name: 'Settings and your data' }).count()).toBe(0);
  });

  it('deletes nothing, and downloads nothing, when the server cannot be reached', async () => {
    const { page, context } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await new HomePage(page).logPain(6);
    await waitUntilSent(page);
    const settings = new SettingsPage(page);
    await settings.open();
    await context.setOffline(true);

    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await settings.downloadButton().click();
    await page.getByText('Nothing was downloaded.').waitFor();
    expect(await settings.outcome()).toContain('could not be reached');

    await settings.askToDelete();
    await settings.confirmDelete();
    await page.getByText('Nothing was deleted').waitFor();
    expect(await settings.confirmation().isVisible()).toBe(false);
    expect(downloads).toBe(0);

    // Still all there, on the server and here, even after a reload.
    await context.setOffline(false);
    const [episode] = await api.episodes(suite.url);
    expect(episode).toBeDefined();
    expect((await api.diary(suite.url, episode?.id ?? '')).map((e) => e.pain)).toEqual([6]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const dialog = await settings.askToDelete();
    expect(await dialog.innerText()).toContain('1 diary entry');
  });

  it('says which changes are not in the file when they have not reached the server', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await waitUntilSent(page);
    // The server is reachable but cannot take this diary entry yet (the outbox keeps it and tries later).
    await page.route('**/api/v1/episodes/*/diary', (route) =>
      route.request().method() === 'POST' ? route.fulfill({ status: 503 }) : route.fallback(),
    );
    await new HomePage(page).logPain(7);
    const settings = new SettingsPage(page);
    await settings.open();
    const { text } = await settings.download();
    // The suite's earlier tests share this server: look for this entry among every episode's.
    const pains = (JSON.parse(text) as Export).episodes.flatMap((e) => e.diary.map((entry) => entry.pain));
    expect(pains).not.toContain(7);
    await page.getByText('1 change has not reached the server yet, so it is not in the file.').waitFor();
    await page.getByRole('link', { name: 'See what is waiting' }).waitFor();
  });
});
