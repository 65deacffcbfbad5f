/**
 * The whole clinic journey in real Chromium, on a clinic server (PostgreSQL) serving the built web app: a
 * clinician at a desktop and a patient on a phone, each in their own browser context (their own cookies and
 * IndexedDB: two people) with a CDP virtual authenticator holding their passkeys.
 *
 * The clinician enrols through the link an admin gave, adds a passkey, and signs in with it; makes an invite code;
 * the patient joins with it and adds a passkey; does the check, logs pain and a session; the clinician sees both
 * on the list and the patient page and assigns a programme; the patient's plan shows it, from the physiotherapist.
 */
import { getEntry } from '@unknot/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HomePage } from './pages/home-page.ts';
import { SessionPage } from './pages/session-page.ts';
import type { App } from './support/browser.ts';
import {
  addVirtualAuthenticator,
  base64url,
  clinicE2eEnabled,
  clinicE2eSkipReason,
  enrolmentUrl,
  errorsBesideFailedCalls,
  failedApiCalls,
  makeClinician,
  openClinicApp,
  startClinicServer,
  type ClinicServer,
} from './support/clinic.ts';
import { throughSelfCareCheck, waitUntilSent } from './support/flows.ts';
import { slow } from './support/suite.ts';

if (!clinicE2eEnabled) console.warn(`clinic journey e2e: ${clinicE2eSkipReason}`);

const patientName = 'Alex Rivera';
/** What the clinician assigns: an exercise with a dose (hold and repetitions). */
const assigned = getEntry('ex-knee-to-chest');
const ice = getEntry('tx-ice');

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describe.skipIf(!clinicE2eEnabled)('the clinic journey, clinician and patient', { timeout: 300_000 }, () => {
  let t: ClinicServer | undefined;
  const apps: App[] = [];
  beforeAll(async () => {
    t = await startClinicServer();
  }, slow.timeout);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t?.close();
  }, slow.timeout);

  it('invite → join → pain and a session → seen by the clinician → programme → on the patient’s plan', async () => {
    if (!t) throw new Error('no server');
    if (!assigned || !ice) throw new Error('the knowledge base has ex-knee-to-chest and tx-ice');
    const origin = t.publicOrigin;
    const { clinician, clinic } = await makeClinician(t);

    // ── The clinician, at a desktop: the enrolment link, a passkey, then a sign-in with that passkey alone.
    const desk = await openClinicApp({ desktop: true });
    apps.push(desk);
    const staff = desk.page;
    const staffKeys = await addVirtualAuthenticator(staff);
    const staffFailed = failedApiCalls(staff);
    await staff.goto(await enrolmentUrl(t, clinician));
    await h1(staff, 'Set up your account');
    await staff.getByRole('button', { name: 'Set up my account' }).click();
    await staff
      .getByRole('heading', { name: `Welcome, ${clinician.displayName}. You are signed in.` })
      .waitFor();
    await staff.getByRole('button', { name: 'Add a passkey' }).click();
    await staff.getByText('Passkey added. Next time, sign in with it.').waitFor();
    const [staffKey] = await staffKeys.credentials();
    expect((await t.identity.passkeysOf(clinician.id)).map((p) => p.id)).toEqual([
      base64url(staffKey?.credentialId ?? ''),
    ]);

    // Into the workspace, out again (Sign out), and back in with the passkey alone: no e-mail, no password.
    await staff.getByRole('link', { name: 'Go to the app' }).click();
    await h1(staff, 'Your patients');
    const workspaceNav = staff.getByRole('navigation', { name: 'Clinic workspace' });
    await workspaceNav.getByRole('button', { name: 'Sign out' }).click();
    await h1(staff, 'Sign in');
    expect(await desk.context.cookies()).toEqual([]);
    await staff.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await h1(staff, 'Your patients');
    expect((await t.identity.passkeysOf(clinician.id))[0]?.lastUsedAt).not.toBeNull();

    // An invite code for the patient.
    await workspaceNav.getByRole('link', { name: 'Invite codes' }).click();
    await h1(staff, 'Invite codes');
    await staff.getByRole('button', { name: 'Make a new code' }).click();
    const shown = await staff.locator('.new-code .invite-code [aria-hidden="true"]').innerText();
    const code = shown.replace(/\s+/g, '');
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    // ── The patient, on a phone: joins with the code, adds a passkey.
    const phone = await openClinicApp();
    apps.push(phone);
    const patient = phone.page;
    const patientKeys = await addVirtualAuthenticator(patient);
    const patientFailed = failedApiCalls(patient);
    // A clock the test can move, running in real time otherwise: the session below is over in a moment.
    await patient.clock.install();
    await patient.goto(`${origin}/join`);
    await h1(patient, 'Join your clinic');
    await patient.getByLabel('Invite code').fill(code.toLowerCase());
    await patient.getByLabel('Your name').fill(patientName);
    await patient.getByRole('button', { name: 'Join' }).click();
    await patient.getByRole('heading', { name: `You have joined ${clinic.name}.` }).waitFor();
    await patient.getByRole('button', { name: 'Add a passkey' }).click();
    await patient.getByText('Passkey added. Next time, sign in with it.').waitFor();
    expect(await patientKeys.credentials()).toHaveLength(1);
    const [link] = await t.care.linksOfClinician(clinician.id);
    if (!link) throw new Error('the join made a link');
    const patientId = link.patientId;

    // The check, a pain rating, and a session (ice: twenty minutes on, then off, passed on the test's clock).
    await throughSelfCareCheck(patient, origin);
    const home = new HomePage(patient);
    await home.logPain(7);
    await home.startTimer(ice.title);
    const session = new SessionPage(patient);
    await session.acknowledgePrompts();
    await session.start();
    await patient.clock.fastForward('01:30:00');
    await session.waitForStatus('done');
    await patient.getByText('Session saved.').waitFor();
    await waitUntilSent(patient);
    const [episodeId] = await t.care.episodeIdsOf(patientId);
    if (!episodeId) throw new Error('the patient’s episode reached the server');
    expect((await t.store.listSessionLogs(episodeId)).map((s) => s.protocolId)).toEqual(['tx-ice']);

    // ── The clinician sees the patient on the list (a pain rating of 7), then on their page.
    await workspaceNav.getByRole('link', { name: 'Patients' }).click();
    await h1(staff, 'Your patients');
    const row = staff.locator('tr.patient-row', { has: staff.getByRole('link', { name: patientName }) });
    await row.waitFor();
    expect(await row.locator('[aria-label^="Pain"]').getAttribute('aria-label')).toMatch(/\b7 out of 10\b/);
    await row.getByRole('link', { name: patientName }).click();
    await h1(staff, patientName);
    // The doctor summary on the page: the rating of 7, and the ice session, done.
    const summary = staff.locator('.clinic-summary');
    await expect.poll(() => summary.innerText()).toContain(ice.title);
    const sessionsTable = summary.locator('table', { has: staff.getByText(ice.title) }).last();
    expect(await sessionsTable.innerText()).toMatch(/Completed/);
    expect(await summary.innerText()).toContain('7/10');
    await staff.getByRole('heading', { level: 3, name: 'Pain by day' }).waitFor();

    // ── A programme: the exercise, with the dose the editor proposes, saved.
    const editor = staff.locator('.programme-editor');
    await editor.locator(`#pick-${assigned.id}`).check();
    await editor.getByRole('button', { name: 'Add to the programme' }).click();
    await editor.locator('.programme-item', { hasText: assigned.title }).waitFor();
    await editor.getByLabel('Note for the patient (optional)').fill('Morning and evening, slowly.');
    await editor.getByRole('button', { name: 'Save programme' }).click();
    await editor.getByText('Saved. The patient’s plan now follows this programme.').waitFor();
    const programme = await t.care.currentProgramme(patientId);
    expect(programme?.items.map((i) => i.entryId)).toEqual([assigned.id]);

    // ── The patient's plan shows it, marked as from their physiotherapist, with the dose.
    await patient.goto(`${origin}/plan`);
    await h1(patient, 'Your plan');
    const item = patient.locator(`li.plan-item[data-entry="${assigned.id}"][data-from="clinician"]`).first();
    await item.waitFor({ timeout: 30_000 });
    await item.getByText('From your physiotherapist', { exact: true }).waitFor();
    await item.getByText('Your dose:').waitFor();

    // Nothing failed but the 401s of a signed-out page: how the app learns that someone has to sign in
    // (lib/api.ts). A 403, any other 4xx or a 5xx is a bug (a clinician's app pulling /changes, say).
    const signedOut = (call: string) => call.startsWith('401 ');
    expect(staffFailed.filter((call) => !signedOut(call))).toEqual([]);
    expect(patientFailed.filter((call) => !signedOut(call))).toEqual([]);
    expect(errorsBesideFailedCalls(desk)).toEqual([]);
    expect(errorsBesideFailedCalls(phone)).toEqual([]);
  });
});
