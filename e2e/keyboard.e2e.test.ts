import { questions } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { KeyboardCheckPage as CheckPage } from './pages/check-keyboard.ts';
import { ResultPage } from './pages/result-page.ts';
import { selfCare } from './support/answers.ts';
import { hasChromium } from './support/browser.ts';
import { slow, useSuite } from './support/suite.ts';

describe.skipIf(!hasChromium)('keyboard only', slow, () => {
  const suite = useSuite();

  it('the whole check can be done without a mouse, with focus always visible', async () => {
    const { page } = suite.app;
    await page.goto(suite.url);
    const check = new CheckPage(page);
    await check.booted();
    // The skip link is the first stop, then the way in.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await check.tabTo('Start the safety check');
    expect(await check.focusVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/check\?q=1$/);
    // Focus moves to the question, so a screen reader starts there.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    let seen = 0;
    await check.answerAllWithKeyboard(selfCare, {
      onEach: async () => {
        seen += 1;
        expect(await check.focusVisible()).toBe(true);
      },
    });
    const result = new ResultPage(page);
    await result.waitFor();
    expect(await result.disposition()).toBe('self_care');
    expect(seen).toBeGreaterThan(15);
    // On to the next screen, still by keyboard.
    await check.tabTo('Continue');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'A few preferences' }).waitFor();
  });

  it('"not sure" explains first, then counts the safer answer and says so', async () => {
    const { page } = suite.app;
    await page.goto(`${suite.url}/check?q=1`);
    const check = new CheckPage(page);
    // Go by keyboard to the question about getting better, the one where "no" is the safer answer.
    const improving = questions.find((q) => q.id === 'improving_since_onset');
    if (!improving) throw new Error('question 24 exists');
    await check.answerAllWithKeyboard(selfCare, { stopAt: 'improving_since_onset' });
    expect((await check.question()).id).toBe('improving_since_onset');

    await check.tabTo('Not sure');
    await page.keyboard.press('Enter');
    // First time: the explanation opens and takes focus, and says what a second "not sure" will do.
    const help = page.locator('#question-help');
    await help.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.activeElement?.id === 'question-help');
    expect(await help.innerText()).toContain(improving.help);
    expect(await help.innerText()).toContain('“No”, the safer choice');
    expect(page.url()).toMatch(/q=24$/);

    await check.tabTo('Not sure');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=25$/);
    await page
      .getByText('You were not sure, so we counted your answer as “No” to be on the safe side.')
      .waitFor();
    await check.tabTo('None of these');
    await page.keyboard.press('Space');
    await check.tabTo('Next');
    await page.keyboard.press('Enter');
    const result = new ResultPage(page);
    await result.waitFor();
    await page.getByRole('heading', { name: 'Answers you were not sure about' }).waitFor();
  });
});
