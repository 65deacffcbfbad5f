/**
 * Who is signed in, in clinic mode (docs/clinic.md "Accounts and sign-in"): the account and its session's CSRF
 * token come from `GET /api/v1/auth/session`; sign-in is with a passkey first (discoverable, so no e-mail is
 * asked), with e-mail and password as the fallback; a patient's first sign-in is the redeem of their invite code.
 *
 * Only clinic-mode chunks import this module: personal mode never downloads it. The session itself is an
 * HttpOnly cookie the page never sees; what is kept here is who it belongs to, remembered in localStorage so a
 * patient who opens the app offline still gets their own screens (the outbox sends once the session answers).
 */
import { signal } from '@preact/signals';
import { callApi, type Answer, type Problem } from './api-answer.ts';
import { apiBase, apiFetch, setCsrfToken, signInNeeded } from './api.ts';
import { clinicRole, keepMode } from './instance.ts';
import { clearLocalRecords } from './records.ts';
import {
  authenticationJSON,
  creationOptions,
  passkeysSupported,
  registrationJSON,
  requestOptions,
  type CreationOptionsJSON,
  type RequestOptionsJSON,
} from './webauthn.ts';

export type { Problem };

export type Role = 'patient' | 'clinician' | 'clinic_admin';

export interface Account {
  id: string;
  role: Role;
  displayName: string;
  clinicId: string | null;
}

/**
 * `cancelled`: the person closed the browser's passkey prompt (or it timed out), nothing to report as an error.
 * `unsupported`: this browser has no passkeys.
 */
export type Outcome<T = Account> =
  | { ok: true; value: T }
  | { ok: false; problem: Problem }
  | { ok: false; cancelled: true }
  | { ok: false; unsupported: true };

/** `undefined` until the session has been asked for; then the account, or null when signed out. */
export const account = signal<Account | null | undefined>(undefined);
// The role is mirrored where first-bundle code (the sync layer) can read it: lib/instance.ts `canSync`.
account.subscribe((value) => {
  clinicRole.value = value === undefined ? undefined : (value?.role ?? null);
});

/** Whose records this device holds: the account last signed in here, until it signs out. */
export const accountKey = 'unknot.account';

function remember(value: Account | null): void {
  try {
    if (value === null) localStorage.removeItem(accountKey);
    else localStorage.setItem(accountKey, JSON.stringify(value));
  } catch {
    // Without storage an offline start shows the sign-in choice instead: safe, if less convenient.
  }
}

function remembered(): Account | null {
  try {
    const text = localStorage.getItem(accountKey);
    if (text === null) return null;
    const value = JSON.parse(text) as Partial<Account>;
    return typeof value.id === 'string' &&
      (value.role === 'patient' || value.role === 'clinician' || value.role === 'clinic_admin') &&
      typeof value.displayName === 'string'
      ? { id: value.id, role: value.role, displayName: value.displayName, clinicId: value.clinicId ?? null }
      : null;
  } catch {
    return null;
  }
}

interface SessionBody {
  account: Account & Record<string, unknown>;
  csrfToken: string;
}

/**
 * This device's copy of the records belongs to whoever was signed in. On a shared device the next person must not
 * see it, nor have it sent to their account: it is cleared (the server keeps it) on sign-out, and on a sign-in by
 * someone else than the account this browser remembers. A seam for the tests.
 */
export const localRecords = {
  clear: async (): Promise<void> => {
    await clearLocalRecords();
    // Clearing takes every `unknot.` key with it; which kind of server this is stays true.
    keepMode();
  },
};

async function clearLocal(): Promise<void> {
  try {
    await localRecords.clear();
  } catch {
    // No IndexedDB here (some private modes): there was no copy to clear.
  }
}

async function signedIn(body: SessionBody): Promise<Account> {
  const { id, role, displayName, clinicId } = body.account;
  const value: Account = { id, role, displayName, clinicId };
  const before = remembered();
  if (before !== null && before.id !== id) await clearLocal();
  setCsrfToken(body.csrfToken);
  signInNeeded.value = false;
  account.value = value;
  remember(value);
  return value;
}

/**
 * `clear`: the person signed out, so this device's copy goes. A session that merely ended (a 401) keeps it, with
 * unsent writes: most often the same person signs in again; if someone else does, `signedIn` clears it then.
 */
async function signedOut({ clear }: { clear: boolean }): Promise<void> {
  setCsrfToken(null);
  account.value = null;
  if (!clear) return;
  await clearLocal();
  remember(null);
}

const call = <T>(path: string, body?: unknown): Promise<Answer<T>> =>
  callApi<T>(path, { method: 'POST', ...(body === undefined ? {} : { body }) });

/**
 * Asks the server who is signed in. 401: signed out. No answer (offline): the account this browser remembers, so
 * the app opens; the first request that reaches the server then settles it.
 */
export async function loadSession(): Promise<Account | null> {
  let response: Response;
  try {
    response = await apiFetch(`${apiBase}/auth/session`);
  } catch {
    const known = remembered();
    account.value = known;
    return known;
  }
  if (response.ok) return signedIn((await response.json()) as SessionBody);
  if (response.status === 401) await signedOut({ clear: false });
  else account.value = remembered();
  return account.value ?? null;
}

/** A 401 from any request (api.ts) means the session is over: forget the account here too. */
export function noteSignInNeeded(): void {
  if (signInNeeded.value && account.value) void signedOut({ clear: false });
}

/** The browser refused or the person cancelled: WebAuthn says so with a NotAllowedError or an AbortError. */
function isCancel(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}

/** Sign in with a passkey this browser (or a phone nearby) holds: no e-mail, the authenticator offers it. */
export async function signInWithPasskey(): Promise<Outcome> {
  if (!passkeysSupported()) return { ok: false, unsupported: true };
  const options = await call<{ challengeId: string; options: RequestOptionsJSON }>(
    '/auth/passkey-sign-in/options',
  );
  if (!options.ok) return options;
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({ publicKey: requestOptions(options.value.options) });
  } catch (error) {
    if (isCancel(error)) return { ok: false, cancelled: true };
    throw error;
  }
  if (credential === null) return { ok: false, cancelled: true };
  const answer = await call<SessionBody>('/auth/passkey-sign-in', {
    challengeId: options.value.challengeId,
    response: authenticationJSON(
      credential as PublicKeyCredential & { response: AuthenticatorAssertionResponse },
    ),
  });
  return answer.ok ? { ok: true, value: await signedIn(answer.value) } : answer;
}

export async function signInWithPassword(email: string, password: string): Promise<Outcome> {
  const answer = await call<SessionBody>('/auth/sign-in', { email, password });
  return answer.ok ? { ok: true, value: await signedIn(answer.value) } : answer;
}

/** Redeems a one-time enrolment link's token (a clinician's or admin's first sign-in). */
export async function enrol(token: string): Promise<Outcome> {
  const answer = await call<SessionBody>('/auth/enrol', { token });
  return answer.ok ? { ok: true, value: await signedIn(answer.value) } : answer;
}

/**
 * Redeems an invite code. Signed out, `displayName` is needed: the redeem makes the patient account and signs it
 * in. Signed in as a patient, it adds one more clinician. The value is the new link's id.
 */
export async function redeemInvite(code: string, displayName?: string): Promise<Outcome<string>> {
  const answer = await call<{ account?: SessionBody['account']; csrfToken?: string; link: { id: string } }>(
    '/invites/redeem',
    { code, ...(displayName === undefined ? {} : { displayName }) },
  );
  if (!answer.ok) return answer;
  const { account: made, csrfToken, link } = answer.value;
  if (made && csrfToken !== undefined) await signedIn({ account: made, csrfToken });
  return { ok: true, value: link.id };
}

/** Adds a passkey to the signed-in account, so the next sign-in needs nothing typed. */
export async function addPasskey(): Promise<Outcome<string>> {
  if (!passkeysSupported()) return { ok: false, unsupported: true };
  const options = await call<{ challengeId: string; options: CreationOptionsJSON }>('/auth/passkeys/options');
  if (!options.ok) return options;
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.create({ publicKey: creationOptions(options.value.options) });
  } catch (error) {
    // InvalidStateError: this authenticator already holds a passkey for the account (excludeCredentials).
    if (isCancel(error) || (error instanceof DOMException && error.name === 'InvalidStateError')) {
      return { ok: false, cancelled: true };
    }
    throw error;
  }
  if (credential === null) return { ok: false, cancelled: true };
  const answer = await call<{ id: string }>('/auth/passkeys', {
    challengeId: options.value.challengeId,
    response: registrationJSON(
      credential as PublicKeyCredential & { response: AuthenticatorAttestationResponse },
    ),
  });
  return answer.ok ? { ok: true, value: answer.value.id } : answer;
}

/**
 * Ends the session on the server (or every session of the account), then here. A session the server no longer
 * knows (401) is signed out all the same; no answer at all leaves the person signed in, and says so.
 */
export async function signOut(everywhere = false): Promise<Outcome<null>> {
  const answer = await call<null>(everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out');
  if (!answer.ok && answer.problem.status !== 401) return answer;
  await signedOut({ clear: true });
  return { ok: true, value: null };
}

/** Where a person goes once signed in: staff to their workspace, a patient to their app. */
export function homeOf(role: Role): string {
  return role === 'patient' ? '/' : '/clinic';
}
