/**
 * How the screens are laid out and where focus goes: the plan puts today and when to get help first, a desktop
 * gets a side navigation and one row of 0–10 buttons, focus moves on after a control takes itself away, nothing
 * hides behind the bottom navigation, and the library says why today's plan leaves a timer out.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SessionPage } from './pages/session-page.ts';
import { selfCare } from './support/answers.ts';
import { hasChromium, phone } from './support/browser.ts';
import { throughSelfCareCheck } from './support/flows.ts';
import { slow, useSuite } from './support/suite.ts';

const desktop = { width: 1280, height: 800 };

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('the element is not laid out');
  return found;
}

/** The 0–10 buttons of Today's one-tap pain log. */
function painButtons(page: Page): Locator {
  return page.getByRole('group', { name: 'How bad is the pain right now?' }).getByRole('button');
}

/** What has focus, as role-ish text: the tag, the type and the accessible text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const input = el instanceof HTMLInputElement ? `[${el.name}=${el.value}]` : '';
    return `${el.tagName.toLowerCase()}${input} ${el.textContent.trim()}`;
  });
}

describe.skipIf(!hasChromium)('screens', slow, () => {
  const suite = useSuite();

  it('on a phone: the welcome’s start above the fold, the plan opens on today, focus moves on, the stop confirmation stays clear of the navigation', async () => {
    const { page } = suite.app;
    await page.goto(suite.url);
    const startCheck = page.getByRole('link', { name: 'Start the safety check' });
    expect((await box(startCheck)).y + (await box(startCheck)).height).toBeLessThanOrEqual(phone.height);

    // Day 3: plain ice has ended, strengthening is still to come.
    await throughSelfCareCheck(page, suite.url, { ...selfCare, days_since_onset: 3 });

    // Eleven buttons do not fit a phone's row at 44 px: 0–5 over 6–10, the second row centred, none smaller.
    const buttons = await Promise.all((await painButtons(page).all()).map(box));
    expect(buttons).toHaveLength(11);
    const rows = [buttons.slice(0, 6), buttons.slice(6)];
    for (const row of rows) {
      for (const b of row) {
        expect(b.y).toBe(row[0]?.y);
        expect(b.width).toBeGreaterThanOrEqual(44);
        expect(b.height).toBeGreaterThanOrEqual(44);
      }
    }
    const [top, bottom] = rows.map((row) => {
      const first = row[0];
      const last = row.at(-1);
      if (!first || !last) throw new Error('a row of buttons');
      return { left: first.x, right: last.x + last.width };
    });
    expect(
      Math.abs((bottom?.left ?? 0) - (top?.left ?? 0) - ((top?.right ?? 0) - (bottom?.right ?? 0))),
    ).toBeLessThan(2);

    // The plan: today, then when to get help, both open; everything else collapsed after them.
    await page.goto(`${suite.url}/plan`);
    await page.getByRole('heading', { level: 1, name: 'Your plan' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'When to get help' }).waitFor();
    const sections = await page.locator('main h2').evaluateAll((headings) =>
      headings.map((h) => ({
        text: h.textContent.trim(),
        collapsed: h.closest('details')?.open === false,
      })),
    );
    expect(sections[0]?.text).toMatch(/^Today: Day 3/);
    expect(sections[0]?.collapsed).toBe(false);
    expect(sections[1]).toEqual({ text: 'When to get help', collapsed: false });
    expect(sections.length).toBeGreaterThan(4);
    for (const later of sections.slice(2)) expect(later, later.text).toMatchObject({ collapsed: true });
    expect(await page.getByRole('heading', { level: 2, name: 'When to get help' }).isVisible()).toBe(true);

    // The library says why the plan does not list a timer today, and still lets it start.
    await page.goto(`${suite.url}/learn/tx-ice`);
    const iceNote = page.getByTestId('not-today');
    await iceNote.waitFor();
    expect(await iceNote.innerText()).toMatch(/days 0–2 only; today is day 3/);
    expect(await page.getByRole('link', { name: 'Open the timer' }).isVisible()).toBe(true);
    await page.goto(`${suite.url}/learn/ex-core-back-strengthening`);
    await page.getByTestId('not-today').waitFor();
    expect(await page.getByTestId('not-today').innerText()).toMatch(/from day 15/);
    await page.goto(`${suite.url}/learn/tx-heat`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByTestId('not-today').count()).toBe(0);

    // The timer: after "I have read this" focus is on Start, after Start on the first control of the player.
    await page.goto(`${suite.url}/session/tx-heat`);
    const session = new SessionPage(page);
    await session.waitForStatus('not_started');
    await session.acknowledgePrompts();
    await expect.poll(() => focused(page)).toBe('button Start');
    await page.keyboard.press('Enter');
    await session.waitForStatus('running');
    await expect.poll(() => focused(page)).toBe('button Pause');

    // Stop asks first; the question and its buttons are not under the bottom navigation, and Cancel has focus.
    await page.getByRole('button', { name: 'Stop' }).click();
    const cancel = page.locator('.confirm').getByRole('button', { name: 'Cancel' });
    await cancel.waitFor();
    await expect.poll(() => focused(page)).toBe('button Cancel');
    const nav = await box(page.getByRole('navigation', { name: 'Main' }));
    const confirm = await box(page.locator('.confirm'));
    expect(confirm.y).toBeGreaterThanOrEqual(0);
    expect(confirm.y + confirm.height).toBeLessThanOrEqual(nav.y);

    // An exercise: after the prompts, focus goes to the pain-before scale.
    await page.goto(`${suite.url}/session/ex-gentle-stretching`);
    await session.waitForStatus('not_started');
    await session.acknowledgePrompts();
    await expect.poll(() => focused(page)).toBe('input[pain-before=0] ');
    expect(suite.app.errors).toEqual([]);
  });

  it('on a desktop: the navigation at the side, and the 0–10 buttons on one row', async () => {
    const { page } = suite.app;
    await throughSelfCareCheck(page, suite.url);
    await page.setViewportSize(desktop);
    const nav = await box(page.getByRole('navigation', { name: 'Main' }));
    const main = await box(page.locator('main'));
    expect(nav.x + nav.width).toBeLessThanOrEqual(main.x);
    expect(nav.y).toBeLessThan(desktop.height / 3);
    expect(nav.height).toBeGreaterThan(nav.width);
    expect(main.width).toBeGreaterThan(phone.width * 2);

    const buttons = await Promise.all((await painButtons(page).all()).map(box));
    expect(buttons).toHaveLength(11);
    expect(new Set(buttons.map((b) => b.y)).size).toBe(1);
    for (const b of buttons) expect(b.width).toBeGreaterThanOrEqual(44);

    // Today's plan cards go two by two.
    const pairs = await page
      .locator('.home .plan-items')
      .evaluateAll((lists) =>
        lists
          .filter((list) => list.children.length > 1)
          .map((list) => [...list.children].slice(0, 2).map((card) => card.getBoundingClientRect().top)),
      );
    expect(pairs.length).toBeGreaterThan(0);
    for (const [first, second] of pairs) expect(second).toBe(first);
    expect(suite.app.errors).toEqual([]);
  });
});
