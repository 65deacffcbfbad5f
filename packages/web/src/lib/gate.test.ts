import type { Disposition } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { clinicRedirectFor, redirectFor, showNavigation } from './gate.ts';

/** One path of each screen of app.tsx's router. */
const care = ['/plan', '/session/heat', '/preferences'];
const records = ['/diary', '/diary/new', '/diary/0190-entry', '/summary'];
// Always reachable: the check itself, its result, reading, the outbox and settings (to erase everything).
const open = ['/', '/check', '/result', '/learn', '/learn/heat', '/outbox', '/settings', '/nowhere'];

describe('redirectFor', () => {
  it.each(open)('lets %s through whatever the check said', (path) => {
    for (const latest of [null, 'emergency', 'urgent', 'soon', 'self_care'] as const) {
      expect(redirectFor(path, latest, latest !== null)).toBeNull();
      expect(redirectFor(path, latest, false)).toBeNull();
    }
  });

  it.each([...care, ...records])('sends %s to the check before a first check', (path) => {
    expect(redirectFor(path, null, false)).toBe('/check');
  });

  it.each([...care, ...records])('keeps %s behind the result over an emergency', (path) => {
    expect(redirectFor(path, 'emergency', true)).toBe('/result');
  });

  it.each(care)('keeps %s (home care) behind the result after an urgent result', (path) => {
    expect(redirectFor(path, 'urgent', true)).toBe('/result');
  });

  it.each(records)('lets %s (the records) through after an urgent result', (path) => {
    expect(redirectFor(path, 'urgent', true)).toBeNull();
  });

  it.each<[string, Disposition]>(
    [...care, ...records].flatMap((path) => [
      [path, 'soon'],
      [path, 'self_care'],
    ]),
  )('lets %s through after a %s result', (path, latest) => {
    expect(redirectFor(path, latest, true)).toBeNull();
  });

  // A check saved on this device whose episode is not (yet) here: nothing to build on, so check again.
  it.each([...care, ...records])('sends %s to the check when there is no episode', (path) => {
    expect(redirectFor(path, 'self_care', false)).toBe('/check');
  });
});

describe('showNavigation', () => {
  it.each<[Disposition | null, boolean]>([
    [null, false],
    ['emergency', false],
    ['urgent', true],
    ['soon', true],
    ['self_care', true],
  ])('after %s: %s', (latest, shown) => {
    expect(showNavigation(latest)).toBe(shown);
  });
});

describe('clinicRedirectFor', () => {
  const patientScreens = ['/plan', '/diary', '/summary', '/settings', '/peg', '/clinic-sharing', '/outbox'];

  // Safety first: the triage check and the library work without an account.
  it.each(['/', '/check', '/result', '/learn', '/learn/heat', '/sign-in', '/join', '/enrol', '/clinic'])(
    'lets a signed-out person open %s',
    (path) => {
      expect(clinicRedirectFor(path, null)).toBeNull();
    },
  );

  it.each(patientScreens)('sends a signed-out person from %s to the sign-in choice', (path) => {
    expect(clinicRedirectFor(path, null)).toBe('/');
  });

  it.each([...patientScreens, '/', '/check', '/join'])('lets a patient open %s', (path) => {
    expect(clinicRedirectFor(path, 'patient')).toBeNull();
  });

  it.each(['/clinic', '/clinic/patients/p1'])('keeps a patient out of the workspace (%s)', (path) => {
    expect(clinicRedirectFor(path, 'patient')).toBe('/');
  });

  it.each(['clinician', 'clinic_admin'] as const)(
    'sends a %s to the workspace from a patient screen',
    (role) => {
      for (const path of [...patientScreens, '/', '/check', '/join']) {
        expect(clinicRedirectFor(path, role)).toBe('/clinic');
      }
      for (const path of ['/clinic', '/clinic/invites', '/learn/heat', '/sign-in', '/enrol']) {
        expect(clinicRedirectFor(path, role)).toBeNull();
      }
    },
  );

  // The workspace and the patient's clinic screens never wait on the check.
  it.each(['/clinic', '/clinic/patients/p1', '/peg', '/clinic-sharing', '/sign-in', '/join'])(
    'leaves %s open to the check gate',
    (path) => {
      expect(redirectFor(path, null, false)).toBeNull();
    },
  );
});
