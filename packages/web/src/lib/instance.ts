/**
 * Which kind of server this app came from: `personal` (one person, no accounts) or `clinic` (patients and their
 * clinicians sign in; docs/clinic.md). The app asks once per start (`GET /api/v1/instance`) and remembers the
 * answer in localStorage, so an offline start in clinic mode still shows the clinic's screens. Until the server has
 * answered once, the app is personal: everything it does then works without an account.
 *
 * This is the only clinic code in the first bundle; sign-in, joining and the clinic screens load on demand, and
 * only in clinic mode.
 */
import { computed, signal } from '@preact/signals';
import { apiBase, apiFetch } from './api.ts';

export type Mode = 'personal' | 'clinic';

export const modeKey = 'unknot.mode';

function isMode(value: unknown): value is Mode {
  return value === 'personal' || value === 'clinic';
}

/** What this browser learned last time, or `personal` when it never asked (or cannot keep it). */
export function storedMode(): Mode {
  try {
    const value = localStorage.getItem(modeKey);
    return isMode(value) ? value : 'personal';
  } catch {
    return 'personal';
  }
}

export const mode = signal<Mode>(storedMode());
/** Whether this page load has its answer (or knows it will get none): until then a clinic-only address waits. */
export const modeSettled = signal(false);

/**
 * In clinic mode, the role of whoever is signed in: `undefined` until the session is known, null when signed out.
 * Set by lib/account.ts (a clinic chunk); kept here so first-bundle code can read it without loading that chunk.
 */
export const clinicRole = signal<'patient' | 'clinician' | 'clinic_admin' | null | undefined>(undefined);

/**
 * Whether the sync layer may pull and push records: always in personal mode; in clinic mode only while a patient
 * is signed in. Signed out, the server answers 401; staff have no records of their own and read patients through
 * /patients, so the change feed answers them 403 (docs/clinic.md "In the web app"). Not before this page load has
 * the server's answer (or knows it gets none, offline): a new browser starts out "personal", and a clinician's
 * first page would otherwise pull before it learns it is in a clinic.
 */
export const canSync = computed(
  () => modeSettled.value && (mode.value === 'personal' || clinicRole.value === 'patient'),
);

/**
 * Only clinic mode is written down: personal mode is the default, so it leaves no key behind (erasing everything
 * in personal mode leaves no trace of the app in Web Storage).
 */
function storeMode(value: Mode): void {
  try {
    if (value === 'clinic') localStorage.setItem(modeKey, value);
    else localStorage.removeItem(modeKey);
  } catch {
    // Private mode without storage: asked again on the next start, which is all that is lost.
  }
}

/** Writes the mode back after something cleared the app's storage (a sign-out clears the device's copy). */
export function keepMode(): void {
  storeMode(mode.value);
}

let asked: Promise<void> | null = null;

/**
 * Asks the server once per page load. No answer (offline), a server too old to know the route (404) or a body that
 * is not a mode keeps what was stored: never guess "clinic" from silence.
 */
export function loadInstance(fetcher: typeof apiFetch = apiFetch): Promise<void> {
  asked ??= (async () => {
    try {
      const response = await fetcher(`${apiBase}/instance`);
      if (!response.ok) return;
      const body = (await response.json()) as { mode?: unknown };
      if (!isMode(body.mode)) return;
      mode.value = body.mode;
      storeMode(body.mode);
    } catch {
      // Offline: the stored mode stands.
    } finally {
      modeSettled.value = true;
    }
  })();
  return asked;
}

/** Tests only: forget that the server was asked, and read the stored mode again. */
export function resetInstanceForTests(): void {
  asked = null;
  clinicRole.value = undefined;
  mode.value = storedMode();
  modeSettled.value = false;
}
