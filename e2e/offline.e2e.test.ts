import { describe, expect, it } from 'vitest';
import { DiaryPage } from './pages/diary-page.ts';
import { HomePage } from './pages/home-page.ts';
import { api } from './support/api.ts';
import { hasChromium } from './support/browser.ts';
import { throughSelfCareCheck, waitUntilSent } from './support/flows.ts';
import { slow, useSuite } from './support/suite.ts';

describe.skipIf(!hasChromium)('offline', slow, () => {
  const suite = useSuite();

  it('a pain entry logged offline reaches the server exactly once when the connection returns', async () => {
    const { page, context } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await waitUntilSent(page);
    // The service worker has precached the app shell and controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    const [episode] = await api.episodes(suite.url);
    if (!episode) throw new Error('the episode reached the server while online');

    await context.setOffline(true);
    const home = new HomePage(page);
    await home.logPain(7);
    await page.getByText('1 change waiting to be sent').waitFor();
    expect(await home.pendingStatus()).toContain('Offline');

    // Use the app while offline: the diary shows the entry, the library searches, and a full reload of another
    // screen is served by the service worker from its cache.
    const diary = new DiaryPage(page);
    await diary.open();
    expect(await diary.pains()).toEqual([7]);
    await page.goto(`${suite.url}/learn`);
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('heat');
    await page.getByRole('link', { name: /^Heat/ }).first().waitFor();
    await page.goto(`${suite.url}/diary`);
    await page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
    expect(await diary.pains()).toEqual([7]);
    await page.getByText('1 change waiting to be sent').waitFor();
    expect(await api.diary(suite.url, episode.id)).toEqual([]);

    await context.setOffline(false);
    await waitUntilSent(page);
    const entries = await api.diary(suite.url, episode.id);
    expect(entries.map((e) => e.pain)).toEqual([7]);

    // Still exactly one after more rounds of syncing (a reload re-reads and re-sends whatever is waiting).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
    expect(await diary.pains()).toEqual([7]);
    expect((await api.diary(suite.url, episode.id)).map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });
});

describe.skipIf(!hasChromium)('a write the server refuses', slow, () => {
  const suite = useSuite();

  it('a 409 conflict is shown and kept aside, not retried for ever; the person can discard it', async () => {
    const { page, context } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await waitUntilSent(page);
    const [episode] = await api.episodes(suite.url);
    if (!episode) throw new Error('the episode reached the server');

    // Offline, log a pain; meanwhile another client stores a different entry under the same id.
    await context.setOffline(true);
    await new HomePage(page).logPain(6);
    const waiting = await page.evaluate(
      () =>
        new Promise<{ recordId: string; body: { at: string } }[]>((resolve, reject) => {
          const open = indexedDB.open('unknot');
          open.onsuccess = () => {
            const all = open.result.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () => {
              resolve(all.result as { recordId: string; body: { at: string } }[]);
            };
            all.onerror = () => {
              reject(new Error('outbox unreadable'));
            };
          };
        }),
    );
    const op = waiting[0];
    if (!op) throw new Error('the pain entry waits in the outbox');
    const other = await fetch(`${suite.url}/api/v1/episodes/${episode.id}/diary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: op.recordId, at: op.body.at, pain: 2 }),
    });
    expect(other.status).toBe(201);

    await context.setOffline(false);
    await page.getByText('1 change could not be saved').waitFor({ timeout: 30_000 });
    // The server keeps what it had; the app's version was not forced over it.
    expect((await api.diary(suite.url, episode.id)).map((e) => e.pain)).toEqual([2]);

    await page.getByRole('link', { name: /could not be saved/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Waiting to be sent' }).waitFor();
    await page.getByText('The server already holds a different version of this record.').waitFor();
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.getByText('Nothing is waiting.', { exact: false }).waitFor();
    expect(await page.locator('[data-testid="sync-status"]').count()).toBe(0);
  });
});
