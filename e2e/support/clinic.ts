/**
 * What clinic-mode e2e suites share: a clinic server on PostgreSQL that serves the built web app, browser
 * contexts sized for a patient (phone) or a clinician (desktop), a CDP virtual authenticator for passkeys, and
 * ways to be signed in without going through the sign-in screens (for suites that test something else), plus a
 * linked patient with records for the clinician's screens to show.
 *
 * Suites that use it skip themselves unless `clinicE2eEnabled` (Chromium installed and TEST_DATABASE_URL set).
 */
import type { Account, Clinic } from '@unknot/store';
import type { Episode } from '@unknot/core';
import type { CDPSession, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { sessionCookieFor } from '../../packages/server/src/clinic/auth.ts';
import {
  clinicEnabled,
  clinicSkipReason,
  createAccount,
  listenClinicApp,
  type ClinicTestApp,
} from '../../packages/server/test/clinic/clinic-app.ts';
import {
  linkPatient,
  makeAssessment,
  makeDiaryEntry,
  makeEpisode,
  makeSessionLog,
} from '../../packages/server/test/test-app.ts';
import { hasChromium, openApp, sharedBrowser, skipReason, type App, type AppOptions } from './browser.ts';
import { webDist } from './paths.ts';

export const clinicE2eEnabled = hasChromium && clinicEnabled;
/** Why a clinic e2e suite is skipped, to print once per file. */
export const clinicE2eSkipReason = hasChromium ? clinicSkipReason : skipReason;

/** A clinic server listening on http://localhost:PORT (the origin WebAuthn binds passkeys to). */
export type ClinicServer = ClinicTestApp & { port: number };

/** Starts a clinic server with the built web app; the worker's Chromium starts meanwhile. */
export async function startClinicServer(): Promise<ClinicServer> {
  const browser = sharedBrowser();
  browser.catch(() => undefined); // reported by the await below, not as an unhandled rejection meanwhile
  const server = await listenClinicApp({ app: { webDist } });
  try {
    await browser;
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

/** A clinician works at a desk: their screens are checked at a laptop's size. */
export const desktop = { width: 1280, height: 800 };

export interface ClinicAppOptions extends AppOptions {
  /** Desktop size (a clinician); the default is a phone (a patient). */
  desktop?: boolean;
}

/** A fresh browser context (its own cookies: one person) in this worker's Chromium. */
export async function openClinicApp(options: ClinicAppOptions = {}): Promise<App> {
  const app = await openApp(options, await sharedBrowser());
  if (options.desktop) await app.page.setViewportSize(desktop);
  return app;
}

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
  /** The passkeys it holds (CDP gives credential ids in base64, not base64url). */
  credentials: () => Promise<{ credentialId: string; rpId?: string; isResidentCredential: boolean }[]>;
}

/**
 * A platform authenticator on `page` that keeps resident keys and verifies its user at once, so
 * navigator.credentials.create()/get() succeed without a prompt. It belongs to the page's target: it survives
 * navigations, and a context's other pages do not see it.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return {
    cdp,
    authenticatorId,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

/** CDP's base64 credential id as the API (and IdentityStore.passkeysOf) keeps it: base64url. */
export function base64url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Signs the context in as `account` by planting a live session cookie made through the IdentityStore: for suites
 * that test what comes after sign-in. The web app reads its CSRF token from GET /auth/session as usual.
 */
export async function signInAs(
  t: ClinicServer,
  app: Pick<App, 'context'>,
  account: Pick<Account, 'id'>,
): Promise<void> {
  const session = await t.identity.createSession(account.id);
  await app.context.addCookies([
    { name: sessionCookieFor(t.publicOrigin).name, value: session.token, url: t.publicOrigin },
  ]);
}

/** A one-time enrolment link for `account`, as `unknot admin add-clinician` prints it (docs/clinic.md). */
export async function enrolmentUrl(t: ClinicServer, account: Pick<Account, 'id'>): Promise<string> {
  const { token } = await t.identity.createEnrolmentLink(account.id);
  return `${t.publicOrigin}/enrol#${token}`;
}

/** A clinician of a new clinic (named as people would see them in screenshots). */
export async function makeClinician(
  t: ClinicServer,
  options: { clinicName?: string; displayName?: string } = {},
): Promise<{ clinician: Account; clinic: Clinic }> {
  const clinic = await t.identity.createClinic(options.clinicName ?? 'Riverside Physiotherapy');
  const clinician = await createAccount(t, 'clinician', {
    clinic,
    displayName: options.displayName ?? 'Sam Okafor',
  });
  return { clinician, clinic };
}

/** A clinician of a new clinic, signed in in `app` without the sign-in screens. */
export async function clinicianSignedIn(
  t: ClinicServer,
  app: App,
  options: { clinicName?: string; displayName?: string } = {},
): Promise<{ clinician: Account; clinic: Clinic }> {
  const made = await makeClinician(t, options);
  await signInAs(t, app, made.clinician);
  return made;
}

export interface PatientHistory {
  displayName?: string;
  /** Pain ratings one a day, oldest first, the last `lastDaysAgo` days ago (default [6], today). */
  pains?: number[];
  lastDaysAgo?: number;
  /** A check-in that reports a warning sign (the list puts such a patient first). */
  warningSign?: boolean;
  /** Weekly PEG scores (0–10 each of pain, enjoyment, activity), oldest first, the last one today. */
  peg?: [pain: number, enjoyment: number, activity: number][];
}

const day = 86_400_000;

/**
 * A patient linked to `clinician` through an invite (as every real link is made), with one episode holding a
 * self-care check, their pain ratings and a finished session (pain 6 → 4) on the day of the last rating.
 */
export async function linkedPatientWithRecords(
  t: ClinicServer,
  clinician: Pick<Account, 'id'>,
  history: PatientHistory = {},
): Promise<{ patient: Account; episode: Episode }> {
  const { pains = [6], lastDaysAgo = 0 } = history;
  const patient = await createAccount(t, 'patient', {
    email: null,
    displayName: history.displayName ?? 'Alex Rivera',
  });
  await linkPatient(t.care, clinician.id, patient.id);
  const firstDaysAgo = lastDaysAgo + pains.length - 1;
  const at = (daysAgo: number): string => new Date(Date.now() - daysAgo * day - 60_000).toISOString();
  const { record: episode } = await t.store.createEpisode(makeEpisode({ onsetDaysAgo: firstDaysAgo + 1 }));
  await t.care.setEpisodeOwner(episode.id, patient.id);
  await t.store.createAssessment(episode.id, makeAssessment({ at: at(firstDaysAgo) }));
  for (const [i, pain] of pains.entries()) {
    await t.store.createDiaryEntry(episode.id, makeDiaryEntry({ pain, at: at(firstDaysAgo - i) }));
  }
  const end = Date.parse(at(lastDaysAgo));
  await t.store.createSessionLog(
    episode.id,
    makeSessionLog({
      startedAt: new Date(end - 20 * 60_000).toISOString(),
      endedAt: new Date(end).toISOString(),
    }),
  );
  if (history.warningSign) {
    await t.store.createCheckIn(episode.id, {
      id: uuidv7(),
      at: at(lastDaysAgo),
      redFlagReported: true,
    });
  }
  for (const [i, [pain, enjoyment, activity]] of (history.peg ?? []).entries()) {
    await t.care.addPegScore({
      id: uuidv7(),
      patientId: patient.id,
      at: at(((history.peg?.length ?? 0) - 1 - i) * 7),
      pain,
      enjoyment,
      activity,
    });
  }
  return { patient, episode };
}

/**
 * Every API answer of 400 or more that `page` gets from now on, as "STATUS METHOD /path" (no query). The browser
 * reports each as a console error "Failed to load resource" without naming it; this names them, so that a test
 * can allow the expected ones (a signed-out session probe answers 401) and fail on the rest.
 */
export function failedApiCalls(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && url.pathname.startsWith('/api/')) {
      failed.push(`${String(response.status())} ${response.request().method()} ${url.pathname}`);
    }
  });
  return failed;
}

/** A page's console errors less the browser's own line for each failed request (see failedApiCalls). */
export function errorsBesideFailedCalls(app: App): string[] {
  return app.errors.filter(
    (e) => !e.startsWith('Failed to load resource: the server responded with a status'),
  );
}
