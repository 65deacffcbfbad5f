/**
 * The clinician's workspace end to end: a clinic server on real PostgreSQL serving the built app, three linked
 * patients seeded through the stores, a clinician signed in (a planted session cookie: sign-in has its own suite),
 * then keyboard only: Tab to the patient list, check it is sorted by need, open the neediest patient, build a
 * programme (filter, pick, set the doses), meet a refused item disabled with its reason, get the server's 422
 * naming the rule for a dose out of range, fix it and save; the server holds the programme. The layout is checked
 * at a desktop's and a tablet's size for horizontal scrolling.
 */
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../packages/server/test/clinic/clinic-app.ts';
import { linkPatient } from '../packages/server/test/test-app.ts';
import { sortByNeed } from '../packages/web/src/clinician/need.ts';
import type { PatientRow } from '../packages/web/src/clinician/types.ts';
import {
  clinicE2eEnabled,
  clinicE2eSkipReason,
  clinicianSignedIn,
  errorsBesideFailedCalls,
  failedApiCalls,
  linkedPatientWithRecords,
  openClinicApp,
  startClinicServer,
  type ClinicServer,
} from './support/clinic.ts';
import { slow } from './support/suite.ts';

if (!clinicE2eEnabled) console.warn(`clinician e2e: ${clinicE2eSkipReason}`);

const tablet = { width: 820, height: 1180 };

/** Presses Tab until the focused element matches `selector` (at most `limit` presses); fails if it never does. */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector}; focus is on ${String(at)}`);
}

/** Replaces the focused input's value by typing, as a keyboard user does. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe.skipIf(!clinicE2eEnabled)("the clinician's workspace in Chromium", slow, () => {
  let t: ClinicServer | undefined;
  beforeAll(async () => {
    t = await startClinicServer();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists patients by need and assigns a programme, keyboard only', async () => {
    if (!t) throw new Error('no server');
    const app = await openClinicApp({ desktop: true });
    try {
      const { page } = app;
      const failed = failedApiCalls(page);
      const { clinician } = await clinicianSignedIn(t, app);
      // Linked in this order, so the server's list (oldest link first) is not already the order of need.
      const calm = await linkedPatientWithRecords(t, clinician, {
        displayName: 'Casey Calm',
        pains: [7, 6, 4, 3, 2],
      });
      const quiet = await linkedPatientWithRecords(t, clinician, {
        displayName: 'Quinn Quiet',
        pains: [5],
        lastDaysAgo: 9,
      });
      const warned = await linkedPatientWithRecords(t, clinician, {
        displayName: 'Wren Warned',
        pains: [6, 6],
        warningSign: true,
        peg: [
          [7, 6, 6],
          [5, 4, 4],
        ],
      });
      // Pat has no episode (so no escalation) and last answered the PEG 8 days ago: quiet for 7 days or more.
      const pat = await createAccount(t, 'patient', { email: null, displayName: 'Pat Peg' });
      await linkPatient(t.care, clinician.id, pat.id);
      await t.care.addPegScore({
        id: uuidv7(),
        patientId: pat.id,
        at: new Date(Date.now() - 8 * 86_400_000).toISOString(),
        pain: 5,
        enjoyment: 5,
        activity: 5,
      });
      // Wren's spondylolisthesis rules out the prone press-up (its avoid_with): the editor must say so.
      await t.store.updateEpisode(warned.episode.id, { knownConditions: ['spondylolisthesis'] });

      await page.goto(`${t.publicOrigin}/clinic`);
      await page.locator('.patient-table').waitFor();

      // The order on the page is the order of need, computed from the server's own figures.
      const { items: rows } = await page.evaluate(
        async () => (await (await fetch('/api/v1/patients?limit=200')).json()) as { items: PatientRow[] },
      );
      const expected = sortByNeed(rows, new Date().toISOString().slice(0, 10)).map(
        (r) => r.patient.displayName,
      );
      const shown = await page.locator('.patient-link').allTextContents();
      expect(shown).toEqual(expected);
      // Wren's warning sign first; Quinn (escalated, or quiet for 9 days) before Pat (quiet for 8); Casey, who
      // recorded today and is improving, last.
      expect(shown).toEqual(['Wren Warned', 'Quinn Quiet', 'Pat Peg', 'Casey Calm']);
      // The server lists them oldest link first, so this order is the client's sort, not the server's.
      expect(rows.map((r) => r.patient.id)).toEqual([
        calm.patient.id,
        quiet.patient.id,
        warned.patient.id,
        pat.id,
      ]);
      expect(await page.locator('.patient-row').nth(2).locator('.need-badge').textContent()).toBe(
        'Quiet for 7+ days',
      );
      // Each row's sparkline says in words what it draws (Wren rated 6, then 6).
      const sparkline = page.locator('.patient-row').first().locator('svg[role="img"]');
      expect(await sparkline.getAttribute('aria-label')).toMatch(/6, 6 out of 10/);

      // Keyboard only from here: the first patient link Tab reaches is the neediest patient's.
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
      });
      await tabTo(page, '.patient-link');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Wren Warned');
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/clinic/patients/${warned.patient.id}`);
      await page.getByRole('heading', { level: 1, name: 'Wren Warned' }).waitFor();

      // The refused entry is disabled, its reason (the rule) beside it.
      const pressUp = page.locator('#pick-ex-prone-press-up');
      expect(await pressUp.isDisabled()).toBe(true);
      expect(await page.locator('#pick-ex-prone-press-up-why').textContent()).toMatch(
        /avoid_with spondylolisthesis/,
      );
      expect(await page.locator('#pick-tx-prolonged-bed-rest').isDisabled()).toBe(true);

      // Filter, pick the knee-to-chest stretch, add it: focus lands on its first dose.
      await tabTo(page, '#picker-filter');
      await page.keyboard.type('knee-to-chest');
      await tabTo(page, 'input[name="candidate"]');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
        'ex-knee-to-chest',
      );
      await page.keyboard.press('Space');
      await tabTo(page, '#picker-add');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'item-0-timesPerWeek');
      expect(await page.locator('#item-0-reps').getAttribute('max')).toBe('4');
      await retype(page, '5');
      await page.keyboard.press('Tab');
      await retype(page, '20');
      await page.keyboard.press('Tab');
      // One over the protocol's range: the editor hints, the server refuses, naming the rule.
      await retype(page, '9');
      expect(await page.locator('#item-0-reps').getAttribute('aria-invalid')).toBe('true');
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press('Enter');
      const refusal = page.locator('.refusal-summary');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/reps_per_side in protocols\.json/);
      await page.waitForFunction(() => document.activeElement?.classList.contains('refusal-summary'));
      expect(await t.care.currentProgramme(warned.patient.id)).toBeUndefined();

      // Fix the dose and save.
      await tabTo(page, '#item-0-reps');
      await retype(page, '3');
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press('Enter');
      await page.locator('.saved-status:text("Saved")').waitFor();

      const programme = await t.care.currentProgramme(warned.patient.id);
      expect(programme?.items).toEqual([
        { entryId: 'ex-knee-to-chest', timesPerWeek: 5, holdSeconds: 20, reps: 3 },
      ]);
      // Sessions done vs assigned now counts the new item.
      expect(await page.locator('#sessions-heading + p + table').textContent()).toMatch(
        /Knee-to-chest.*0 of 5/,
      );
      // The one refusal was the 422 this test asked for.
      expect(failed).toEqual([`422 PUT /api/v1/patients/${warned.patient.id}/programme`]);
      expect(errorsBesideFailedCalls(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('lays out without horizontal scrolling on a desktop and a tablet', async () => {
    if (!t) throw new Error('no server');
    const app = await openClinicApp({ desktop: true });
    try {
      const { page } = app;
      const failed = failedApiCalls(page);
      const { clinician } = await clinicianSignedIn(t, app, { displayName: 'Robin Layout' });
      const { patient } = await linkedPatientWithRecords(t, clinician, {
        displayName: 'Morgan Long-Name-For-Wrapping Checks',
        pains: [8, 7, 7, 6, 6, 5, 5, 4, 4, 3],
        peg: [
          [8, 7, 7],
          [6, 6, 5],
          [4, 4, 3],
        ],
      });
      for (const size of [{ width: 1280, height: 800 }, tablet]) {
        await page.setViewportSize(size);
        await page.goto(`${t.publicOrigin}/clinic`);
        await page.locator('.patient-table').waitFor();
        expect(await scrollsSideways(page), `list at ${String(size.width)}px`).toBe(false);
        await page.goto(`${t.publicOrigin}/clinic/patients/${patient.id}`);
        await page.locator('.programme-editor').waitFor();
        await page.locator('.clinic-summary h3').first().waitFor();
        expect(await scrollsSideways(page), `patient at ${String(size.width)}px`).toBe(false);
        // A desktop shows the patient page in two columns side by side; a tablet in one.
        const columns = await page.evaluate(() =>
          [...document.querySelectorAll('.patient-column')].map((el) => el.getBoundingClientRect().top),
        );
        if (size.width >= 1100) expect(columns[0]).toBe(columns[1]);
        else expect(columns[1]).toBeGreaterThan(columns[0] ?? 0);
        await page.goto(`${t.publicOrigin}/clinic/invites`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(await scrollsSideways(page), `invites at ${String(size.width)}px`).toBe(false);
      }

      // Making an invite code shows it large and lists it as unused.
      await page.getByRole('button', { name: 'Make a new code' }).click();
      const code = (await page.locator('.invite-code [aria-hidden="true"]').textContent())?.replace(' ', '');
      expect(code).toMatch(/^[A-Z2-9]{8}$/);
      const invites = await t.care.invitesOf(clinician.id);
      expect(invites.map((i) => i.code)).toContain(code);
      await page
        .locator('.invite-table')
        .getByText(/Not used yet/)
        .first()
        .waitFor();
      // The patient linked through an invite shows as having joined by name.
      expect(await page.locator('.invite-table').textContent()).toMatch(/Joined by Morgan/);
      expect(failed).toEqual([]);
      expect(errorsBesideFailedCalls(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('sends a signed-out visitor to sign in', async () => {
    if (!t) throw new Error('no server');
    const app = await openClinicApp({ desktop: true });
    try {
      await app.page.goto(`${t.publicOrigin}/clinic`);
      await app.page.waitForURL('**/sign-in');
    } finally {
      await app.close();
    }
  });
});
