/**
 * One record on every device (issue 11 §1, docs/sync.md): two browser contexts (two devices, each with its own
 * IndexedDB) on one personal server, and the real CLI writing to the same database. Each context pushes its
 * outbox and pulls the change feed; a test makes a context pull at once by showing its tab again (the app syncs
 * on `visibilitychange`), instead of waiting for the 30-second poll.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEntry } from '@unknot/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiaryPage } from './pages/diary-page.ts';
import { HomePage } from './pages/home-page.ts';
import { ResultPage } from './pages/result-page.ts';
import { SessionPage } from './pages/session-page.ts';
import { api } from './support/api.ts';
import { audit } from './support/axe.ts';
import { selfCare } from './support/answers.ts';
import { hasChromium, type App } from './support/browser.ts';
import { throughSelfCareCheck, waitUntilSent } from './support/flows.ts';
import { repoRoot } from './support/paths.ts';
import { openSharedApp, slow, useSuite } from './support/suite.ts';

const ice = getEntry('tx-ice')?.title ?? '';

/** axe-core finds nothing on the page as it is, in the light and the dark theme. */
async function accessible(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const findings = await audit(page);
    if (findings.length > 0) console.error(JSON.stringify(findings, null, 2));
    expect(findings).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Makes the app sync now, as it does when its tab is shown again. */
async function syncNow(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Asks `read` until it gives `expected`, making the app sync between tries. */
async function untilSynced<T>(page: Page, read: () => Promise<T>, expected: T): Promise<void> {
  await expect
    .poll(
      async () => {
        await syncNow(page);
        return read();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toEqual(expected);
}

interface HistoryItem {
  kind: string;
  id: string;
  version: number;
  record: { pain: number };
  conflicted: boolean;
}

async function history(base: string, episodeId: string): Promise<HistoryItem[]> {
  const response = await fetch(`${base}/api/v1/episodes/${episodeId}/history`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: HistoryItem[] }).items;
}

/**
 * From the diary, the edit screen of one entry: sets the pain and saves. Navigates inside the app (no page
 * load), so it works offline too.
 */
async function editPain(page: Page, entryId: string, pain: number): Promise<void> {
  await page.locator(`[data-entry-id="${entryId}"]`).getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit entry' }).waitFor();
  await page.getByRole('radio', { name: String(pain), exact: true }).check();
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
}

describe.skipIf(!hasChromium)('sync between two devices', slow, () => {
  const suite = useSuite({ app: 'own' });
  let phone: App;
  let laptop: App;
  let episodeId = '';
  let entryId = '';

  beforeAll(async () => {
    phone = await openSharedApp();
    laptop = await openSharedApp();
  }, 120_000);
  afterAll(async () => {
    await phone.close();
    await laptop.close();
  });

  it('the second device gets the episode and check; an entry made offline there appears once on both', async () => {
    await throughSelfCareCheck(phone.page, suite.url);
    await waitUntilSent(phone.page);
    const [episode] = await api.episodes(suite.url);
    if (!episode) throw new Error('the episode reached the server');
    episodeId = episode.id;

    // A fresh browser: no check was made in it, yet it opens on Today (the episode and the check were pulled).
    await laptop.page.goto(suite.url);
    await new HomePage(laptop.page).waitFor();

    await laptop.context.setOffline(true);
    await new HomePage(laptop.page).logPain(7);
    await laptop.page.getByText('1 change waiting to be sent').waitFor();
    await laptop.context.setOffline(false);
    await waitUntilSent(laptop.page);

    const entries = await api.diary(suite.url, episodeId);
    expect(entries.map((e) => e.pain)).toEqual([7]);
    entryId = entries[0]?.id ?? '';

    const phoneDiary = new DiaryPage(phone.page);
    await phoneDiary.open();
    await untilSynced(phone.page, () => phoneDiary.pains(), [7]);
    // More rounds change nothing: the entry stays one entry, here, there and on the server.
    await syncNow(phone.page);
    await syncNow(laptop.page);
    await laptop.page.goto(`${suite.url}/diary`);
    await laptop.page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
    expect(await new DiaryPage(laptop.page).pains()).toEqual([7]);
    expect(await phoneDiary.pains()).toEqual([7]);
    expect(await api.diary(suite.url, episodeId)).toHaveLength(1);
  });

  it('a session started on the phone shows as in progress on the laptop', async () => {
    await phone.page.goto(suite.url);
    const home = new HomePage(phone.page);
    await home.waitFor();
    await home.startTimer(ice);
    const session = new SessionPage(phone.page);
    await session.prompts();
    await session.acknowledgePrompts();
    await session.start();
    await waitUntilSent(phone.page);
    const [log] = await api.sessions(suite.url, episodeId);
    expect(log).toMatchObject({ protocolId: 'tx-ice', inProgress: true });

    await laptop.page.goto(suite.url);
    await new HomePage(laptop.page).waitFor();
    const running = laptop.page.getByRole('region', { name: 'In progress on another device' });
    await untilSynced(laptop.page, () => running.count(), 1);
    expect(await running.innerText()).toContain(ice);
    await accessible(laptop.page);
    // The phone itself shows its own run, not "another device".
    await phone.page.goto(suite.url);
    await phone.page.getByRole('heading', { name: 'Session in progress' }).waitFor();
    expect(await phone.page.getByRole('region', { name: 'In progress on another device' }).count()).toBe(0);
  });

  it('an emergency found early in the check reaches the server as an assessment', async () => {
    await phone.page.goto(`${suite.url}/check?q=1`);
    await phone.page.locator('h1.question').waitFor();
    await phone.page.getByRole('button', { name: 'Yes', exact: true }).click();
    const result = new ResultPage(phone.page);
    await result.waitFor();
    expect(await result.disposition()).toBe('emergency');
    await waitUntilSent(phone.page);
    const assessments = (await api.assessments(suite.url, episodeId)) as {
      result: { disposition: string };
      complete?: boolean;
      answers: Record<string, unknown>;
    }[];
    expect(assessments.map((a) => [a.result.disposition, a.complete ?? true])).toEqual([
      ['self_care', true],
      ['emergency', false],
    ]);
    expect(assessments[1]?.answers).toEqual({ saddle_numbness: true });
    // The laptop follows: the latest check is now the emergency, so it shows the emergency screen too.
    await laptop.page.goto(`${suite.url}/diary`);
    await untilSynced(laptop.page, () => Promise.resolve(new URL(laptop.page.url()).pathname), '/result');
  });

  it('an entry (and the episode) changed on both: the later change wins, the replaced one is kept in history, shown and can be put back', async () => {
    // Back to a self-care check on both devices, so the diary opens again.
    await phone.page.goto(`${suite.url}/check?q=1`);
    await throughSelfCareCheckFromQuestion(phone.page);
    await waitUntilSent(phone.page);
    // The laptop is on the emergency screen: it opens the diary again once it has the new check.
    await untilSynced(
      laptop.page,
      async () => {
        await laptop.page.goto(`${suite.url}/diary`);
        return laptop.page
          .getByRole('heading', { level: 1, name: 'Diary' })
          .waitFor({ timeout: 3000 })
          .then(
            () => true,
            () => false,
          );
      },
      true,
    );
    await phone.page.goto(`${suite.url}/diary`);
    await phone.page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();

    // The laptop goes offline; the phone edits first (sent at once), the laptop edits later and sends on return.
    await laptop.context.setOffline(true);
    await editPain(phone.page, entryId, 3);
    await waitUntilSent(phone.page);
    await editPain(laptop.page, entryId, 9);
    await laptop.context.setOffline(false);
    await waitUntilSent(laptop.page);

    expect((await api.diary(suite.url, episodeId)).map((e) => e.pain)).toEqual([9]);
    const lost = (await history(suite.url, episodeId)).find((h) => h.kind === 'diary' && h.id === entryId);
    expect(lost).toMatchObject({ conflicted: true, record: { pain: 3 } });

    // The phone pulls the winner, and its edit screen shows the edit that lost.
    const phoneDiary = new DiaryPage(phone.page);
    await untilSynced(phone.page, () => phoneDiary.pains(), [9]);
    await phone.page.getByRole('link', { name: 'Changed on two devices' }).click();
    const notice = phone.page.getByRole('region', { name: 'Changed on two devices' });
    await notice.waitFor();
    expect(await notice.getByTestId('replaced-entry').innerText()).toContain('Pain 3 of 10');
    await accessible(phone.page);

    // Restoring is a new edit: it wins without a conflict, and the notice goes.
    await notice.getByRole('button', { name: 'Put the replaced edit back' }).click();
    await phone.page.getByText('The replaced edit is back.').waitFor();
    await waitUntilSent(phone.page);
    expect((await api.diary(suite.url, episodeId)).map((e) => e.pain)).toEqual([3]);
    await untilSynced(laptop.page, () => new DiaryPage(laptop.page).pains(), [3]);
    expect(await notice.count()).toBe(0);

    // The episode follows the same rule: changed by a client that had not seen its latest version (base 0), the
    // diary shows what was replaced, and putting it back is a new change.
    const before = (await api.episodes(suite.url))[0];
    const patched = await fetch(`${suite.url}/api/v1/episodes/${episodeId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'unknot-base-version': '0' },
      body: JSON.stringify({ trigger: 'sport_twisting' }),
    });
    expect(patched.status).toBe(200);
    await phone.page.goto(`${suite.url}/diary`);
    const episodeNotice = phone.page.getByRole('region', { name: 'Episode details changed on two devices' });
    await untilSynced(phone.page, () => episodeNotice.count(), 1);
    await accessible(phone.page);
    await episodeNotice.getByRole('button', { name: 'Put the replaced edit back' }).click();
    await episodeNotice.waitFor({ state: 'detached' });
    await waitUntilSent(phone.page);
    expect((await api.episodes(suite.url))[0]?.trigger).toBe(before?.trigger);
  });
});

/** From the first question of a check already open: the self-care answers, to Today. */
async function throughSelfCareCheckFromQuestion(page: Page): Promise<void> {
  const { CheckPage } = await import('./pages/check-page.ts');
  const check = new CheckPage(page);
  await check.answerAll(selfCare);
  const result = new ResultPage(page);
  await result.waitFor();
  await result.continue();
  await new HomePage(page).waitFor();
}

describe.skipIf(!hasChromium)(
  'one browser on a server others write to: the CLI, check-ins, erasing',
  slow,
  () => {
    const suite = useSuite();

    /** The real `unknot` binary on the server's own database (UNKNOT_DATA_DIR), as a terminal user runs it. */
    function unknot(args: string[]): string {
      const env: NodeJS.ProcessEnv = { ...process.env, UNKNOT_DATA_DIR: suite.server.dataDir, NO_COLOR: '1' };
      delete env.DATABASE_URL;
      const run = spawnSync(process.execPath, [join(repoRoot, 'packages/cli/bin/unknot.js'), ...args], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.status).toBe(0);
      return run.stdout;
    }

    it('shows in a browser that never made a check', async () => {
      const onset = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
      const made = JSON.parse(
        unknot(['episode', 'new', '--onset', onset, '--location', 'lower', '--trigger', 'lifting', '--json']),
      ) as { id: string };
      const answersFile = join(suite.server.dataDir, 'answers.json');
      writeFileSync(answersFile, JSON.stringify({ ...selfCare, days_since_onset: 2 }));
      unknot(['triage', '--answers', answersFile, '--save']);

      const { page } = suite.app;
      await page.goto(suite.url);
      await new HomePage(page).waitFor();
      await page.getByText(/^Day 2 since it started/).waitFor();
      const [episode] = await api.episodes(suite.url);
      expect(episode?.id).toBe(made.id);
      // The app kept the episode the CLI made (same id), not a copy of its own.
      const local = await page.evaluate(
        () =>
          new Promise<unknown>((resolve, reject) => {
            const open = indexedDB.open('unknot');
            open.onsuccess = () => {
              const get = open.result.transaction('kv').objectStore('kv').get('episodes');
              get.onsuccess = () => {
                resolve(get.result);
              };
              get.onerror = () => {
                reject(new Error('kv unreadable'));
              };
            };
          }),
      );
      expect((local as { id: string }[]).map((e) => e.id)).toEqual([made.id]);
    });

    it("day 7's check-in asks about warning signs: a yes is a check-in record and leads to the check", async () => {
      const { page } = suite.app;
      await throughSelfCareCheck(page, suite.url, { ...selfCare, days_since_onset: 7 });
      const question = page.getByRole('group', { name: 'Any warning signs since your last check?' });
      await question.waitFor();
      await accessible(page);
      await question.getByRole('button', { name: 'Yes', exact: true }).click();
      await page.waitForURL(/\/check\?q=1$/);
      await waitUntilSent(page);
      const [episode] = await api.episodes(suite.url);
      const response = await fetch(`${suite.url}/api/v1/episodes/${episode?.id ?? ''}/check-ins`);
      expect(
        ((await response.json()) as { redFlagReported: boolean }[]).map((c) => c.redFlagReported),
      ).toEqual([true]);
      // Until a check is done, Today asks for one (core's `triage_again_now`), and the question is not asked twice.
      await page.goto(suite.url);
      await page.getByText('Go through the warning-sign check again now').waitFor();
      await page.getByText('You answered this check-in today.').waitFor();
    });

    it('after everything was erased, a new browser starts at the welcome and keeps nothing', async () => {
      expect((await fetch(`${suite.url}/api/v1/data`, { method: 'DELETE' })).ok).toBe(true);
      const { page } = suite.app;
      await page.goto(suite.url);
      await page.locator('html[data-booted]').waitFor({ state: 'attached' });
      // The feed holds one `erase`: applied from the start, it leaves nothing to show and nothing to store.
      await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/changes')), syncNow(page)]);
      await page.getByRole('link', { name: 'Start the safety check' }).waitFor();
      const kv = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('unknot');
            open.onsuccess = () => {
              const count = open.result.transaction('kv').objectStore('kv').count();
              count.onsuccess = () => {
                resolve(count.result);
              };
              count.onerror = () => {
                reject(new Error('kv unreadable'));
              };
            };
          }),
      );
      expect(kv).toBe(0);
    });
  },
);
