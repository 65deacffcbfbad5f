import { getEntry, type DiaryEntry } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { DiaryPage } from './pages/diary-page.ts';
import { api } from './support/api.ts';
import { hasChromium } from './support/browser.ts';
import { throughSelfCareCheck, waitUntilSent } from './support/flows.ts';
import { slow, useSuite } from './support/suite.ts';

describe.skipIf(!hasChromium)('the diary', slow, () => {
  const suite = useSuite();

  async function serverEntries(): Promise<DiaryEntry[]> {
    const [episode] = await api.episodes(suite.url);
    if (!episode) throw new Error('the episode reached the server');
    return api.diary(suite.url, episode.id);
  }

  it('adds an entry with every field, edits it and deletes it, and the server follows', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    const diary = new DiaryPage(page);
    await diary.open();
    await page.getByRole('link', { name: 'Add an entry' }).click();
    await page.getByRole('heading', { level: 1, name: 'New entry' }).waitFor();

    const heat = getEntry('tx-heat')?.title ?? '';
    const walking = getEntry('ex-walking')?.title ?? '';
    // The server refuses entries before the onset (yesterday, in this check): today, at half past eight.
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const when = `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T08:30`;
    await page.getByLabel('Date and time').fill(when);
    await page.getByRole('radio', { name: '6', exact: true }).check();
    await page.getByLabel('Comes and goes').check();
    const worse = page.getByRole('group', { name: 'What makes it worse?' });
    await worse.getByLabel('Sitting').check();
    await worse.getByLabel('Bending').check();
    await page.locator('#diary-worse-text').fill('long drive');
    const better = page.getByRole('group', { name: 'What eases it?' });
    await better.getByLabel('Heat').check();
    await better.getByLabel('Walking').check();
    await page.locator('#diary-better-text').fill('warm shower');
    await page.getByText('What did you do for it?').click();
    await page.getByLabel(heat, { exact: true }).check();
    await page.getByLabel(walking, { exact: true }).check();
    await page.getByRole('button', { name: 'Add a medicine' }).click();
    await page.getByLabel('Medicine (generic name)').fill('ibuprofen');
    await page.getByLabel('Dose, as on the pack (optional)').fill('as on the label');
    await page.getByLabel('Hours of sleep last night (optional)').fill('6.5');
    await page.getByLabel('Note (optional)').fill('Better after lunch.');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
    expect(await diary.pains()).toEqual([6]);
    await page.getByText('Better after lunch.').waitFor();
    await waitUntilSent(page);

    const [stored] = await serverEntries();
    expect(stored).toMatchObject({
      at: new Date(when).toISOString(),
      pain: 6,
      pattern: 'intermittent',
      worse: { known: ['sitting', 'bending'], text: 'long drive' },
      better: { known: ['walking', 'heat'], text: 'warm shower' },
      treatments: expect.arrayContaining(['tx-heat', 'ex-walking']) as unknown,
      medicines: [{ name: 'ibuprofen', dose: 'as on the label' }],
      sleepHours: 6.5,
      note: 'Better after lunch.',
    });

    // Edit: the form comes back filled in; the change is sent as a PUT of the same entry.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit entry' }).waitFor();
    expect(await page.locator('#diary-worse-text').inputValue()).toBe('long drive');
    await page.getByRole('radio', { name: '3', exact: true }).check();
    await page.getByRole('group', { name: 'What makes it worse?' }).getByLabel('Bending').uncheck();
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
    expect(await diary.pains()).toEqual([3]);
    await waitUntilSent(page);
    const edited = await serverEntries();
    expect(edited).toHaveLength(1);
    expect(edited[0]).toMatchObject({ id: stored?.id, pain: 3, worse: { known: ['sitting'] } });

    // Delete asks first, then removes it here and on the server.
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Delete this entry?').waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Entry deleted.').waitFor();
    expect(await diary.pains()).toEqual([]);
    await waitUntilSent(page);
    expect(await serverEntries()).toEqual([]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
    expect(await diary.pains()).toEqual([]);
  });
});
