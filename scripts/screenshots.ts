/**
 * `npm run screenshots`: the README's screenshots, taken from the real app. Starts the real server on a temporary
 * database (building the web app first if needed), drives Debian's Chromium at a phone's size through the check,
 * its result, today, the plan, a session, the diary, the library and the settings, then today at a desktop's
 * size, and writes PNGs to docs/screenshots/. With TEST_DATABASE_URL set it also starts a clinic server on a fresh
 * PostgreSQL schema, with a clinician and four patients of theirs, and takes the clinician's workspace at a
 * desktop's size: the patient list, a patient's page and the programme editor (`-- --clinic-only`: those alone).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CheckPage } from '../e2e/pages/check-page.ts';
import { HomePage, PreferencesPage } from '../e2e/pages/home-page.ts';
import { ResultPage } from '../e2e/pages/result-page.ts';
import { SessionPage } from '../e2e/pages/session-page.ts';
import { SettingsPage } from '../e2e/pages/settings-page.ts';
import { selfCare } from '../e2e/support/answers.ts';
import { hasChromium, openApp, phone, skipReason } from '../e2e/support/browser.ts';
import { ensureWebBuilt } from '../e2e/support/build.ts';
import { desktop, linkedPatientWithRecords, makeClinician, signInAs } from '../e2e/support/clinic.ts';
import { webDist } from '../e2e/support/paths.ts';
import { startServer } from '../e2e/support/server.ts';
import {
  clinicEnabled,
  clinicSkipReason,
  listenClinicApp,
  signedIn,
} from '../packages/server/test/clinic/clinic-app.ts';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** A `datetime-local` value `days` days ago at `hour`:00, in this machine's zone. */
function daysAgo(days: number, hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  d.setHours(hour, 0, 0, 0);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

async function shot(page: Page, name: string): Promise<void> {
  // Let the screen settle: fonts, the chart, the focus ring of a freshly focused heading.
  // A string, not a function: this script compiles without the DOM's types.
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${outDir}${name}.png` });
  console.log(`docs/screenshots/${name}.png`);
}

async function addEntry(
  page: Page,
  baseUrl: string,
  when: string,
  pain: number,
  note?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/diary/new`);
  await page.getByLabel('Date and time').fill(when);
  await page.locator(`input[name="pain"][value="${pain}"]`).check({ force: true });
  if (note) await page.getByLabel('Note (optional)').fill(note);
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
}

async function main(): Promise<void> {
  if (!hasChromium) {
    console.log(skipReason);
    return;
  }
  mkdirSync(outDir, { recursive: true });
  await ensureWebBuilt();
  const server = await startServer();
  const app = await openApp();
  const { page } = app;
  try {
    // A clock the script can move: the session shot shows a timer some minutes in.
    await page.clock.install();
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'unknot' }).waitFor();
    await shot(page, '01-welcome');

    const check = new CheckPage(page);
    await check.open();
    const answers = { ...selfCare, days_since_onset: 4, pain_score: 7 };
    await check.answerAll(answers, 'leg_numbness');
    await page.getByRole('button', { name: 'What does this mean?' }).click();
    await shot(page, '02-check');
    await check.answerAll(answers);

    const result = new ResultPage(page);
    await result.waitFor();
    await shot(page, '03-result');
    await result.continue();
    await new PreferencesPage(page).saveDefaults();

    // A few days of diary, so the chart has something to show.
    const pains = [8, 7, 7, 5];
    for (const [i, pain] of pains.entries()) await addEntry(page, server.url, daysAgo(4 - i, 9), pain);
    await addEntry(page, server.url, daysAgo(0, 8), 4, 'Slept better. Short walk before breakfast.');
    await page.locator('.chart-canvas canvas').first().waitFor();
    await shot(page, '07-diary');

    await page.goto(server.url);
    const home = new HomePage(page);
    await home.waitFor();
    await shot(page, '04-today');

    await page.goto(`${server.url}/plan`);
    await page.getByRole('heading', { level: 1, name: 'Your plan' }).waitFor();
    // The top of the plan is the point: today's items, then when to get help.
    await shot(page, '05-plan');

    await page.goto(`${server.url}/session/tx-heat`);
    const session = new SessionPage(page);
    await session.waitForStatus('not_started');
    await shot(page, '06-session-prompts');
    await session.acknowledgePrompts();
    await session.start();
    await page.clock.fastForward('06:10');
    await shot(page, '06-session');

    await page.goto(`${server.url}/learn?q=heat`);
    await page
      .getByRole('status')
      .filter({ hasText: /result/ })
      .waitFor();
    await shot(page, '08-learn');
    await page.goto(`${server.url}/learn/tx-heat`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Strength of evidence' }).scrollIntoViewIfNeeded();
    await shot(page, '09-learn-evidence');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(server.url);
    await home.waitFor();
    await shot(page, '10-today-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await new SettingsPage(page).open();
    await shot(page, '12-settings');

    // A desktop: the side navigation, the wider content with today's plan two by two.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(server.url);
    await home.waitFor();
    await shot(page, '13-desktop');
    await page.setViewportSize(phone);

    // Last: the emergency screen (a later check; it closes the plan).
    await page.goto(`${server.url}/check?q=1`);
    await page.getByRole('button', { name: 'Yes', exact: true }).click();
    await result.waitFor();
    await shot(page, '11-emergency');
  } finally {
    await app.close();
    await server.stop();
  }
}

/** The clinician's workspace, with a caseload that shows each kind of need on the list. */
async function clinicianShots(): Promise<void> {
  if (!clinicEnabled) {
    console.log(`${clinicSkipReason}: no screenshots of the clinician's workspace`);
    return;
  }
  // Not startClinicServer(): that starts the e2e worker's shared browser, which would keep this script running.
  const t = await listenClinicApp({ app: { webDist } });
  const app = await openApp();
  const { page } = app;
  try {
    const { clinician } = await makeClinician(t);
    await linkedPatientWithRecords(t, clinician, {
      displayName: 'Maria Gonzalez',
      pains: [6, 7, 7, 8],
      warningSign: true,
      peg: [
        [6, 5, 6],
        [7, 7, 7],
      ],
    });
    await linkedPatientWithRecords(t, clinician, {
      displayName: 'Tom Becker',
      pains: [5, 5, 4],
      lastDaysAgo: 9,
    });
    const { patient } = await linkedPatientWithRecords(t, clinician, {
      displayName: 'Alex Rivera',
      pains: [8, 7, 7, 6, 5, 4, 3],
      peg: [
        [7, 6, 6],
        [6, 5, 5],
        [4, 3, 4],
      ],
    });
    // Alex's programme, assigned as the editor would (the list then shows how much of it was done this week).
    const assigned = await t.request({
      method: 'PUT',
      url: `/api/v1/patients/${patient.id}/programme`,
      headers: await signedIn(t, clinician),
      payload: {
        items: [
          { entryId: 'ex-walking', timesPerWeek: 7 },
          { entryId: 'ex-knee-to-chest', timesPerWeek: 14, holdSeconds: 20, reps: 3 },
        ],
        note: 'Morning and evening; stop if the pain spreads down a leg.',
      },
    });
    if (assigned.statusCode !== 200) throw new Error(`programme refused: ${assigned.body}`);
    await linkedPatientWithRecords(t, clinician, { displayName: 'Priya Shah', pains: [4, 3, 3, 2] });
    await signInAs(t, app, clinician);
    await page.setViewportSize(desktop);

    await page.goto(`${t.publicOrigin}/clinic`);
    await page.getByRole('link', { name: 'Priya Shah' }).waitFor();
    await shot(page, '14-clinician-list');

    await page.getByRole('link', { name: 'Alex Rivera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex Rivera' }).waitFor();
    await page.locator('.programme-editor .programme-item').first().waitFor();
    await shot(page, '15-clinician-patient');
    // The editor's picker: what can be added, with evidence grades, and what cannot, each with its reason.
    await page.evaluate(
      "document.querySelector('.programme-editor .picker').scrollIntoView({ block: 'start' }); scrollBy(0, -16)",
    );
    await shot(page, '16-clinician-programme');
  } finally {
    await app.close();
    await t.close();
  }
}

// `npm run screenshots -- --clinic-only` retakes the clinician's screenshots alone.
if (!process.argv.includes('--clinic-only')) await main();
await clinicianShots();
