/**
 * The patient's side of a clinic, in real Chromium against a clinic server on PostgreSQL that serves the built
 * app: a clinician's invite code → joining in the browser → adding a passkey (a CDP virtual authenticator) →
 * signing out and back in with the passkey alone → the clinic screen (shared with, the notes choice, the access
 * log) → the weekly PEG → the clinician's programme in the plan → leaving the clinic.
 *
 * And personal mode's promise: the sign-in and clinic chunks are never downloaded there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../packages/server/src/clinic/passwords.ts';
import { signedIn } from '../packages/server/test/clinic/clinic-app.ts';
import { hasChromium, skipReason } from './support/browser.ts';
import {
  addVirtualAuthenticator,
  base64url,
  clinicE2eEnabled,
  clinicE2eSkipReason,
  makeClinician,
  openClinicApp,
  startClinicServer,
  type ClinicServer,
} from './support/clinic.ts';
import { throughSelfCareCheck, waitUntilSent } from './support/flows.ts';
import { localTraces } from './support/local-traces.ts';
import { webDist } from './support/paths.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { openSharedApp, slow } from './support/suite.ts';

if (!clinicE2eEnabled) console.warn(`clinic patient e2e: ${clinicE2eSkipReason}`);

/** A GET from the page, with its cookies: what the server says to this browser. */
function fromPage(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (url) => {
    const res = await fetch(url);
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  }, `/api/v1${path}`);
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe.skipIf(!clinicE2eEnabled)(
  'clinic mode in the browser: the patient’s side, and sign-in',
  slow,
  () => {
    let t: ClinicServer | undefined;
    beforeAll(async () => {
      t = await startClinicServer();
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('joins with a code, signs in with a passkey, shares, answers the PEG, sees the programme, leaves', async () => {
      if (!t) throw new Error('no server');
      const origin = t.publicOrigin;
      const { clinician } = await makeClinician(t, {
        clinicName: 'Riverside Physiotherapy',
        displayName: 'Sam Okafor',
      });
      const invite = await t.care.createInvite(clinician.id);
      const app = await openClinicApp();
      try {
        const { page } = app;
        const authenticator = await addVirtualAuthenticator(page);

        // Signed out, the app offers the ways in, and the safety check without an account.
        await page.goto(`${origin}/`);
        await heading(page, 'Your clinic’s back-pain companion').waitFor();
        await expect(page.getByRole('link', { name: 'Do the safety check' }).isVisible()).resolves.toBe(true);
        await page.getByRole('link', { name: 'Join with an invite code' }).click();

        // Join: the code (typed as a person would, in small letters with a space) and a name.
        await heading(page, 'Join your clinic').waitFor();
        const typed = `${invite.code.slice(0, 4).toLowerCase()} ${invite.code.slice(4).toLowerCase()}`;
        await page.getByLabel('Invite code').fill(typed);
        await page.getByLabel('Your name').fill('Alex Rivera');
        await page.getByRole('button', { name: 'Join' }).click();
        await page.getByRole('heading', { name: 'You have joined Riverside Physiotherapy.' }).waitFor();

        // At once, the passkey.
        await page.getByRole('button', { name: 'Add a passkey' }).click();
        await page.getByText('Passkey added. Next time, sign in with it.').waitFor();
        const session = (await fromPage(page, '/auth/session')).body as {
          account: { id: string; role: string };
        };
        expect(session.account.role).toBe('patient');
        const patientId = session.account.id;
        const held = await authenticator.credentials();
        expect(held).toHaveLength(1);
        expect((await t.identity.passkeysOf(patientId)).map((p) => p.id)).toEqual([
          base64url(held[0]?.credentialId ?? ''),
        ]);
        await page.getByRole('link', { name: 'Not now' }).click();

        // Reloaded, signed in, no check yet: the welcome, once (the prerendered copy is taken over, not kept beside).
        await page.goto(`${origin}/`);
        await page.getByRole('link', { name: 'Start the safety check' }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.locator('main .screen').count()).toBe(1);

        // The patient does the check (their episode), then signs out in Settings.
        await throughSelfCareCheck(page, origin);
        await waitUntilSent(page);
        await page.goto(`${origin}/settings`);
        await page.getByText('Signed in as Alex Rivera.').waitFor();
        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await heading(page, 'Your clinic’s back-pain companion').waitFor();
        expect((await fromPage(page, '/auth/session')).status).toBe(401);
        // A shared device: the next person finds nothing of this patient's here (the server keeps it all).
        const traces = await localTraces(page);
        expect({ kv: traces.kv, outbox: traces.outbox }).toEqual({ kv: 0, outbox: 0 });
        expect(traces.storage).not.toContain('unknot.account');

        // Back in with the passkey alone: no e-mail, no password.
        await page.getByRole('link', { name: 'Sign in' }).click();
        await heading(page, 'Sign in').waitFor();
        await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
        await heading(page, 'Today').waitFor();
        expect(((await fromPage(page, '/auth/session')).body as typeof session).account.id).toBe(patientId);

        // The clinician opens the patient's record: one audit row the patient can read.
        const staff = await signedIn(t, clinician);
        expect(
          (await t.request({ method: 'GET', url: `/api/v1/patients/${patientId}`, headers: staff }))
            .statusCode,
        ).toBe(200);

        // The clinic screen: with whom, what, the notes choice (off by default), the access log.
        await page.goto(`${origin}/clinic-sharing`);
        await heading(page, 'Your clinic').waitFor();
        await page.getByRole('heading', { name: 'Shared with Riverside Physiotherapy' }).waitFor();
        await page.getByText('Your physiotherapist: Sam Okafor').waitFor();
        const notes = page.getByRole('checkbox', {
          name: 'Also share the notes I write in my diary and check-ins',
        });
        expect(await notes.isChecked()).toBe(false);
        await notes.check();
        await page.getByText('Your notes are now shared.').waitFor();
        expect((await t.care.linksOfPatient(patientId)).map((l) => l.shareNotes)).toEqual([true]);
        await notes.uncheck();
        await page.getByText('Your notes are no longer shared.').waitFor();
        expect((await t.care.linksOfPatient(patientId)).map((l) => l.shareNotes)).toEqual([false]);
        const log = page.getByRole('table');
        await log.getByRole('row', { name: /Sam Okafor.*looked at your whole record/ }).waitFor();

        // The weekly PEG: due on the home screen's terms, saved through the outbox, on the server.
        await page.goto(`${origin}/`);
        await heading(page, 'Today').waitFor();
        const prompt = page.getByRole('region', { name: 'Your weekly check-in' });
        await prompt.getByRole('link', { name: 'Answer now' }).click();
        await heading(page, 'Weekly check-in').waitFor();
        const answer = async (question: string, value: number) => {
          await page
            .getByRole('group', { name: question })
            .getByRole('radio', { name: String(value), exact: true })
            .check();
        };
        await page.getByRole('button', { name: 'Save this week’s check-in' }).click();
        await page.getByText('Please answer all three questions.').waitFor();
        await answer('What number best describes your pain on average in the past week?', 6);
        await answer('How much has pain interfered with your enjoyment of life in the past week?', 5);
        await answer('How much has pain interfered with your general activity in the past week?', 4);
        await page.getByRole('button', { name: 'Save this week’s check-in' }).click();
        await page.getByText('Saved. Thank you: see you next week.').waitFor();
        await page.getByRole('link', { name: 'Back to today' }).click();
        await heading(page, 'Today').waitFor();
        expect(await prompt.count()).toBe(0);
        await waitUntilSent(page);
        const peg = (await fromPage(page, '/me/peg')).body as {
          scores: { pain: number; enjoyment: number; activity: number }[];
        };
        expect(peg.scores.map(({ pain, enjoyment, activity }) => ({ pain, enjoyment, activity }))).toEqual([
          { pain: 6, enjoyment: 5, activity: 4 },
        ]);

        // The clinician assigns a programme; the plan shows it, marked, with its dose.
        const assigned = await t.request({
          method: 'PUT',
          url: `/api/v1/patients/${patientId}/programme`,
          headers: staff,
          payload: {
            items: [{ entryId: 'ex-gentle-stretching', holdSeconds: 10, reps: 3, timesPerWeek: 14 }],
          },
        });
        expect(assigned.statusCode, assigned.body).toBe(200);
        await page.goto(`${origin}/plan`);
        const item = page
          .locator('.plan-item[data-from="clinician"][data-entry="ex-gentle-stretching"]')
          .first();
        await item.waitFor({ timeout: 45_000 });
        expect(await item.innerText()).toContain('From your physiotherapist');
        expect(await item.innerText()).toMatch(/Your dose:\s*hold 10 s, 3 repetitions, twice a day/);

        // Leaving, after a confirmation; the clinician sees nothing from then on.
        await page.goto(`${origin}/clinic-sharing`);
        await page.getByRole('button', { name: 'Leave Riverside Physiotherapy' }).click();
        const dialog = page.getByRole('dialog', { name: 'Leave Riverside Physiotherapy?' });
        await dialog.getByRole('button', { name: 'Yes, leave' }).click();
        await page.getByText('You have left Riverside Physiotherapy.').waitFor();
        await page.getByText('You are not sharing your records with any clinic.').waitFor();
        expect((await t.care.linksOfPatient(patientId)).every((l) => l.endedAt !== null)).toBe(true);
        const after = await t.request({
          method: 'GET',
          url: `/api/v1/patients/${patientId}`,
          headers: staff,
        });
        expect(after.statusCode).toBe(403);
        expect(app.errors.filter((e) => !/401|403|Failed to load resource/.test(e))).toEqual([]);
      } finally {
        await app.close();
      }
    });
    it('signs a clinician in with e-mail and password, and takes them to the workspace', async () => {
      if (!t) throw new Error('no server');
      const origin = t.publicOrigin;
      const { clinician } = await makeClinician(t, { clinicName: 'Hillside Physio', displayName: 'Jo Park' });
      const password = 'correct horse battery staple';
      await t.identity.setPasswordHash(clinician.id, await hashPassword(password));
      const app = await openClinicApp();
      try {
        const { page } = app;
        await page.goto(`${origin}/sign-in`);
        await heading(page, 'Sign in').waitFor();
        await page.getByText('Use e-mail and password instead').click();
        await page.getByLabel('E-mail').fill(clinician.email ?? '');
        await page.getByLabel('Password').fill('not the password at all');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByText('That e-mail and password do not match an account.').waitFor();
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.waitForURL(`${origin}/clinic`);
        // A clinician has no plan: a patient's address takes them back to the workspace.
        await page.goto(`${origin}/plan`);
        await page.waitForURL(`${origin}/clinic`);
      } finally {
        await app.close();
      }
    });
  },
);

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The modules only clinic mode routes to (each a lazy chunk of its own). */
const clinicModules = [
  'src/screens/clinic-gate.tsx',
  'src/screens/sign-in.tsx',
  'src/screens/join.tsx',
  'src/screens/enrol.tsx',
  'src/screens/clinic-sharing.tsx',
  'src/screens/peg.tsx',
  'src/screens/clinic-settings.tsx',
  'src/clinician/workspace.tsx',
];

/**
 * The chunk files that only clinic mode needs, from the build's manifest: the clinic modules' chunks and every chunk
 * they import that no personal-mode screen imports too (e.g. the account code and the clinic strings).
 */
function clinicChunks(): string[] {
  const manifest = JSON.parse(readFileSync(join(webDist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const reach = (roots: string[], follow: (chunk: ManifestChunk) => string[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (key: string): void => {
      const chunk = manifest[key];
      if (seen.has(key) || !chunk) return;
      seen.add(key);
      for (const next of follow(chunk)) visit(next);
    };
    roots.forEach(visit);
    return seen;
  };
  for (const module of clinicModules) {
    if (!manifest[module]) throw new Error(`${module} is not a chunk of its own in the build`);
  }
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry === true);
  const personal = reach(entries, (chunk) =>
    [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])].filter((key) => !clinicModules.includes(key)),
  );
  const clinic = reach(clinicModules, (chunk) => chunk.imports ?? []);
  return [...clinic].filter((key) => !personal.has(key)).map((key) => manifest[key]?.file ?? key);
}

if (!hasChromium) console.warn(`personal-mode chunk e2e: ${skipReason}`);

describe.skipIf(!hasChromium)('personal mode', slow, () => {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('never downloads the sign-in, clinic or workspace chunks', async () => {
    if (!server) throw new Error('no server');
    const chunks = clinicChunks();
    const app = await openSharedApp();
    try {
      const { page } = app;
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      // The whole patient app, settings included, and the clinic addresses typed by hand.
      await throughSelfCareCheck(page, server.url);
      for (const path of [
        '/plan',
        '/diary',
        '/settings',
        '/sign-in',
        '/join',
        '/peg',
        '/clinic-sharing',
        '/clinic',
      ]) {
        await page.goto(`${server.url}${path}`);
        await page.locator('html[data-booted]').waitFor({ state: 'attached' });
        await page.locator('main h1').first().waitFor();
      }
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' }).isVisible()).resolves.toBe(
        true,
      );
      expect(await page.evaluate(() => localStorage.getItem('unknot.mode'))).toBeNull();
      // Some scripts were loaded (the check, the plan…), none of them a clinic chunk.
      expect(scripts.length).toBeGreaterThan(0);
      expect(chunks.some((file) => file.includes('account'))).toBe(true);
      expect(scripts.filter((path) => chunks.some((chunk) => path.endsWith(chunk)))).toEqual([]);
      // Nor does the service worker fetch them in the background: they are not in its precache list.
      const serviceWorker = readFileSync(join(webDist, 'sw.js'), 'utf8');
      expect(serviceWorker).toContain('assets/');
      expect(chunks.filter((file) => serviceWorker.includes(file))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
