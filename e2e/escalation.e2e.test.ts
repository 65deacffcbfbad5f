import { describe, expect, it } from 'vitest';
import { DiaryPage } from './pages/diary-page.ts';
import { selfCare } from './support/answers.ts';
import { hasChromium } from './support/browser.ts';
import { throughSelfCareCheck } from './support/flows.ts';
import { slow, useSuite } from './support/suite.ts';

// Why: the "done when": a stalled recovery shows the day-7 escalation in the web app too
// (the CLI and API tests show it in theirs).
describe.skipIf(!hasChromium)('escalations in the web app', slow, () => {
  const suite = useSuite();

  it('ten days in and not clearly better: Today and the Diary both say to book an appointment, with sources', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url, {
      ...selfCare,
      days_since_onset: 10,
      improving_since_onset: true,
    });
    await page.getByRole('button', { name: '6', exact: true }).first().click();

    const todayAlert = page.locator('.alert').filter({ hasText: 'appointment' }).first();
    await todayAlert.waitFor();
    expect(await todayAlert.locator('.sources li').count()).toBeGreaterThan(0);

    const diary = new DiaryPage(page);
    await diary.open();
    await page.getByRole('heading', { level: 2, name: 'What your diary says' }).waitFor();
    const diaryAlert = page.locator('.alert').filter({ hasText: 'appointment' }).first();
    await diaryAlert.waitFor();
    expect(await diaryAlert.getByRole('heading').textContent()).toMatch(/appointment/i);
    expect(await diaryAlert.locator('.sources li').count()).toBeGreaterThan(0);
    expect(suite.app.errors).toEqual([]);
  });
});
