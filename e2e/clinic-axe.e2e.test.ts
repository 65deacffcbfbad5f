/**
 * axe-core on every screen clinic mode adds, in both colour schemes: the clinician's at a desktop's size (where
 * they work: enrolment, sign-in, the patient list, a patient's page, the programme editor, invite codes), the
 * patient's at a phone's (the clinic's welcome, sign-in, joining, the passkey offer, sharing and the access log,
 * the weekly PEG, the plan with the physiotherapist's programme). One walk per person; on each screen the colour
 * scheme changes under the page (the app follows it as it changes), so both are audited without walking twice.
 * One test per screen and scheme, so that a finding on one does not hide the others.
 */
import type { Account } from '@unknot/store';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './support/axe.ts';
import { phone, type App } from './support/browser.ts';
import {
  clinicE2eEnabled,
  clinicE2eSkipReason,
  desktop,
  enrolmentUrl,
  linkedPatientWithRecords,
  makeClinician,
  openClinicApp,
  signInAs,
  startClinicServer,
  type ClinicServer,
} from './support/clinic.ts';
import { signedIn } from '../packages/server/test/clinic/clinic-app.ts';
import { throughSelfCareCheck } from './support/flows.ts';
import { slow } from './support/suite.ts';

if (!clinicE2eEnabled) console.warn(`clinic axe e2e: ${clinicE2eSkipReason}`);

/** What a walk's screens need: the page, the server, and the clinician whose patients they are. */
interface Walk {
  page: Page;
  t: ClinicServer;
  clinician: Account;
}

/** A screen, and how to reach it from the screen before it in its list. */
type Screen = [name: string, reach: (walk: Walk) => Promise<void>];

const heading = (page: Page, name?: string | RegExp) =>
  page.getByRole('heading', { level: 1, ...(name ? { name } : {}) }).waitFor();

const patientName = 'Alex Rivera';
/** The patient who joins in the patient's walk. */
const joinerName = 'Jo Patel';

/** The clinician's screens, with one linked patient who has records (linkedPatientWithRecords). */
const clinicianScreens: Screen[] = [
  [
    'enrolment link',
    async ({ page, t, clinician }) => {
      await page.goto(await enrolmentUrl(t, clinician));
      await heading(page, 'Set up your account');
    },
  ],
  [
    'enrolled: the passkey offer',
    async ({ page }) => {
      await page.getByRole('button', { name: 'Set up my account' }).click();
      await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
    },
  ],
  [
    'sign-in, password fallback open',
    async ({ page, t }) => {
      await page.context().clearCookies();
      await page.goto(`${t.publicOrigin}/sign-in`);
      await heading(page, 'Sign in');
      await page.getByText('Use e-mail and password instead').click();
    },
  ],
  [
    'patient list',
    async ({ page, t, clinician }) => {
      await signInAs(t, { context: page.context() }, clinician);
      await page.goto(`${t.publicOrigin}/clinic`);
      await heading(page, 'Your patients');
      await page.getByRole('link', { name: patientName }).waitFor();
    },
  ],
  [
    'patient page',
    async ({ page }) => {
      await page.getByRole('link', { name: patientName }).click();
      await heading(page, patientName);
      await page.getByRole('heading', { level: 2, name: 'Home programme' }).waitFor();
    },
  ],
  [
    'programme editor, one item chosen',
    async ({ page }) => {
      const editor = page.locator('.programme-editor');
      await editor.locator('#pick-ex-knee-to-chest').check();
      await editor.getByRole('button', { name: 'Add to the programme' }).click();
      await editor.locator('.programme-item').first().waitFor();
    },
  ],
  [
    'programme editor, a dose out of range',
    async ({ page }) => {
      // A dose out of range is refused: what to fix, next to its field and in a summary linked to the fields.
      const editor = page.locator('.programme-editor');
      await editor.locator('.programme-item input').first().fill('999');
      await editor.getByRole('button', { name: 'Save programme' }).click();
      await editor.locator('.refusal-summary, .field-error').first().waitFor();
    },
  ],
  [
    'invite codes, a new code made',
    async ({ page, t }) => {
      await page.goto(`${t.publicOrigin}/clinic/invites`);
      await heading(page, 'Invite codes');
      await page.getByRole('button', { name: 'Make a new code' }).click();
      await page.locator('.new-code .invite-code').waitFor();
    },
  ],
];

/** The patient's screens, from signed out to a plan with their physiotherapist's programme. */
const patientScreens: Screen[] = [
  [
    'the clinic’s welcome, signed out',
    async ({ page, t }) => {
      await page.goto(t.publicOrigin);
      await heading(page, 'Your clinic’s back-pain companion');
    },
  ],
  [
    'sign-in',
    async ({ page, t }) => {
      await page.goto(`${t.publicOrigin}/sign-in`);
      await heading(page, 'Sign in');
    },
  ],
  [
    'join, a code missing',
    async ({ page, t }) => {
      await page.goto(`${t.publicOrigin}/join`);
      await heading(page, 'Join your clinic');
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByText('Please type your invite code.').waitFor();
    },
  ],
  [
    'joined: the passkey offer',
    async ({ page, t, clinician }) => {
      const invite = await t.care.createInvite(clinician.id);
      await page.getByLabel('Invite code').fill(invite.code);
      await page.getByLabel('Your name').fill(joinerName);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('heading', { name: /^You have joined / }).waitFor();
    },
  ],
  [
    'plan with the physiotherapist’s programme',
    async ({ page, t, clinician }) => {
      await throughSelfCareCheck(page, t.publicOrigin);
      const links = await t.care.linksOfClinician(clinician.id);
      const names = await Promise.all(
        links.map(async (l) => (await t.identity.getAccount(l.patientId)).displayName),
      );
      const link = links[names.indexOf(joinerName)];
      if (!link) throw new Error('the join made a link');
      const headers = await signedIn(t, clinician);
      const assigned = await t.request({
        method: 'PUT',
        url: `/api/v1/patients/${link.patientId}/programme`,
        headers,
        payload: { items: [{ entryId: 'ex-walking', timesPerWeek: 7 }], note: 'A little further each day.' },
      });
      expect(assigned.statusCode, assigned.body).toBe(200);
      // The clinician reads the record too, so that the access log below has a line.
      await t.request({ method: 'GET', url: `/api/v1/patients/${link.patientId}`, headers });
      for (let tries = 0; ; tries++) {
        await page.goto(`${t.publicOrigin}/plan`);
        await heading(page, 'Your plan');
        const item = page.locator('li.plan-item[data-from="clinician"]').first();
        try {
          await item.waitFor({ timeout: 5_000 });
          break;
        } catch (error) {
          // The programme arrives with the next pull of the sync layer.
          if (tries >= 5) throw error;
        }
      }
    },
  ],
  [
    'sharing and the access log',
    async ({ page, t }) => {
      await page.goto(`${t.publicOrigin}/clinic-sharing`);
      await heading(page, 'Your clinic');
      await page.getByRole('heading', { name: 'Who looked at your record' }).waitFor();
      // The clinician's reads above are in the log: the table is audited too, not only its empty state.
      await page.locator('table.access-log tbody tr').first().waitFor();
    },
  ],
  [
    'weekly PEG check-in',
    async ({ page, t }) => {
      await page.goto(`${t.publicOrigin}/peg`);
      await heading(page, 'Weekly check-in');
    },
  ],
];

/** Walks `screens` in one page of a fresh context, auditing each in light and dark at `size`. */
function auditWalk(
  server: () => ClinicServer,
  screens: Screen[],
  size: { width: number; height: number },
): void {
  let app: App | undefined;
  let walk: Walk | undefined;
  beforeAll(async () => {
    const t = server();
    app = await openClinicApp({ desktop: size.width === desktop.width });
    const { clinician } = await makeClinician(t);
    await linkedPatientWithRecords(t, clinician, {
      displayName: patientName,
      pains: [8, 7, 7, 6, 5],
      peg: [
        [7, 6, 6],
        [5, 4, 5],
      ],
    });
    walk = { page: app.page, t, clinician };
  }, slow.timeout);
  afterAll(async () => {
    await app?.close();
  }, slow.timeout);

  describe.each(screens)('%s', (_name, reach) => {
    beforeAll(async () => {
      if (!walk) throw new Error('the browser did not open');
      await walk.page.emulateMedia({ colorScheme: 'light' });
      await reach(walk);
    }, slow.timeout);

    it.each(['light', 'dark'] as const)('%s theme', async (colorScheme) => {
      if (!walk) throw new Error('the browser did not open');
      const { page } = walk;
      await page.emulateMedia({ colorScheme });
      expect(
        await page.evaluate(() => [matchMedia('(prefers-color-scheme: dark)').matches, innerWidth]),
      ).toEqual([colorScheme === 'dark', size.width]);
      const findings = await audit(page);
      if (findings.length > 0) console.error(JSON.stringify(findings, null, 2));
      expect(findings).toEqual([]);
    });
  });
}

describe.skipIf(!clinicE2eEnabled)('axe-core finds nothing on the clinic screens', slow, () => {
  let t: ClinicServer | undefined;
  const server = (): ClinicServer => {
    if (!t) throw new Error('the clinic server has not started');
    return t;
  };
  beforeAll(async () => {
    t = await startClinicServer();
  }, slow.timeout);
  afterAll(async () => {
    await t?.close();
  }, slow.timeout);

  describe('the clinician, at a desktop', () => {
    auditWalk(server, clinicianScreens, desktop);
  });
  describe('the patient, on a phone', () => {
    auditWalk(server, patientScreens, phone);
  });
});
