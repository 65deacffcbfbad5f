import { dispositionAdvice, questions, triage, isValidationError } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { CheckPage } from './pages/check-page.ts';
import { ResultPage } from './pages/result-page.ts';
import { api } from './support/api.ts';
import { selfCare } from './support/answers.ts';
import { hasChromium } from './support/browser.ts';
import { throughSelfCareCheck } from './support/flows.ts';
import { slow, useSuite } from './support/suite.ts';

describe.skipIf(!hasChromium)('an emergency answer', slow, () => {
  const suite = useSuite();

  /** Nothing on the page leads to a plan or a timer. */
  async function expectNoPlanNoTimer(): Promise<void> {
    const { page } = suite.app;
    expect(await page.locator('a[href^="/plan"], a[href^="/session"], a[href="/"]:not(.brand)').count()).toBe(
      0,
    );
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.getByRole('timer').count()).toBe(0);
    expect(await page.getByRole('button', { name: /start/i }).count()).toBe(0);
    // triage.md §1: for an emergency, only the advice and the reasons; no safety-netting to slow the person down.
    expect(await page.getByRole('heading', { name: 'When to get help' }).count()).toBe(0);
  }

  it('leads straight to the emergency screen, with no plan and no timer reachable', async () => {
    const { page } = suite.app;
    await page.goto(suite.url);
    const check = new CheckPage(page);
    await check.open();
    // Emergency warning signs come first; the first is numbness in the saddle area.
    expect((await check.question()).id).toBe('saddle_numbness');
    await page.getByRole('button', { name: 'Yes', exact: true }).click();

    // One answer made the emergency certain: the result shows at once, the other 24 questions are not asked.
    const result = new ResultPage(page);
    await result.waitFor();
    expect(await result.disposition()).toBe('emergency');
    expect(await result.headline()).toBe(dispositionAdvice.emergency.headline);
    await page.getByText(dispositionAdvice.emergency.advice).waitFor();
    await page
      .getByText(/cauda equina/)
      .first()
      .waitFor();
    expect(await page.locator('a[href="tel:999"], a[href="tel:112"], a[href="tel:911"]').count()).toBe(3);
    await expectNoPlanNoTimer();

    // Typing the address of the plan, today's screen or a timer leads back to the emergency screen.
    for (const path of ['/', '/plan', '/session/tx-ice', '/session/tx-heat', '/preferences', '/diary']) {
      await page.goto(`${suite.url}${path}`);
      await result.waitFor();
      expect(await result.disposition()).toBe('emergency');
      await expectNoPlanNoTimer();
    }

    // It holds after a reload, and nothing was sent: an early stop has no complete answers to record.
    await page.reload();
    await result.waitFor();
    expect(await result.disposition()).toBe('emergency');
    expect(await api.episodes(suite.url)).toEqual([]);
    expect(suite.app.errors).toEqual([]);
  });

  it('an urgent result also keeps the plan and the timers closed, and says why', async () => {
    const answers = { ...selfCare, fever_or_unwell: true };
    const expected = triage(answers);
    if (isValidationError(expected)) throw new Error('the answers must be complete');
    expect(expected.disposition).toBe('urgent');

    const { page } = suite.app;
    await page.goto(suite.url);
    const check = new CheckPage(page);
    await check.open();
    await check.answerAll(answers);
    const result = new ResultPage(page);
    await result.waitFor();
    expect(await result.disposition()).toBe('urgent');
    expect(await result.headline()).toBe(dispositionAdvice.urgent.headline);
    // Urgent shows the safety-netting (triage.md §5).
    await page.getByRole('heading', { name: 'When to get help' }).waitFor();
    for (const path of ['/', '/plan', '/session/tx-ice']) {
      await page.goto(`${suite.url}${path}`);
      await result.waitFor();
      expect(await result.disposition()).toBe('urgent');
      expect(await page.getByRole('timer').count()).toBe(0);
    }
    expect(questions.length).toBe(25);
  });

  it('a later check that finds an emergency locks a plan that was open', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await page.goto(`${suite.url}/plan`);
    await page.getByRole('heading', { level: 1, name: 'Your plan' }).waitFor();
    await page.goto(`${suite.url}/check?q=1`);
    await page.getByRole('button', { name: 'Yes', exact: true }).click();
    const result = new ResultPage(page);
    await result.waitFor();
    expect(await result.disposition()).toBe('emergency');
    await page.goto(`${suite.url}/plan`);
    await result.waitFor();
    await expectNoPlanNoTimer();
  });
});
