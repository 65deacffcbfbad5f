import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  account,
  accountKey,
  addPasskey,
  homeOf,
  loadSession,
  localRecords,
  noteSignInNeeded,
  redeemInvite,
  signInWithPasskey,
  signInWithPassword,
  signOut,
} from './account.ts';
import { apiFetch, setCsrfToken, signInNeeded } from './api.ts';
import { fakeStorage } from './fake-storage.ts';
import { canSync, mode, modeSettled } from './instance.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const patient = {
  id: 'a1',
  role: 'patient',
  clinicId: null,
  email: null,
  displayName: 'Alex',
  createdAt: '2026-03-01T00:00:00Z',
};
const session = { account: patient, csrfToken: 'csrf-1' };

interface Sent {
  path: string;
  method: string;
  csrf: string | null;
  body: unknown;
}

/** A server that answers each path from `routes` and records what the app sent. */
function server(routes: Record<string, () => Response | Promise<Response>>): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      sent.push({
        path,
        method: init.method ?? 'GET',
        csrf: headers.get('x-csrf-token'),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      const route = routes[path];
      return route ? Promise.resolve(route()) : Promise.resolve(json({ code: 'not_found' }, 404));
    }),
  );
  return sent;
}

/** The CSRF token the next write carries, as api.ts sends it. */
async function csrfOfNextWrite(): Promise<string | null> {
  const sent = server({ '/api/v1/x': () => new Response(null, { status: 204 }) });
  await apiFetch('/api/v1/x', { method: 'POST' });
  return sent[0]?.csrf ?? null;
}

const bytes = (...values: number[]) => new Uint8Array(values).buffer;

/** A browser with passkeys whose authenticator answers `get`/`create` as given. */
function browserWithPasskeys(credentials: { get?: () => Promise<unknown>; create?: () => Promise<unknown> }) {
  vi.stubGlobal('window', { PublicKeyCredential: function PublicKeyCredential() {} });
  vi.stubGlobal('navigator', { credentials });
}

const credentialBase = {
  id: 'AQ',
  rawId: bytes(1),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  getClientExtensionResults: () => ({}),
};

describe('account', () => {
  const clearReal = localRecords.clear;
  /** How often this device's copy of the records was cleared. */
  let cleared = 0;
  beforeEach(() => {
    cleared = 0;
    localRecords.clear = () => {
      cleared += 1;
      return Promise.resolve();
    };
    vi.stubGlobal('localStorage', fakeStorage());
    account.value = undefined;
    signInNeeded.value = false;
    setCsrfToken(null);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    mode.value = 'personal';
    account.value = undefined;
    localRecords.clear = clearReal;
  });

  it('reads who is signed in and sends their CSRF token with every write after', async () => {
    server({ '/api/v1/auth/session': () => json(session) });
    expect(await loadSession()).toEqual({ id: 'a1', role: 'patient', displayName: 'Alex', clinicId: null });
    expect(account.value?.role).toBe('patient');
    expect(await csrfOfNextWrite()).toBe('csrf-1');
  });

  // Why: a session that ended (30 idle days) must not cost the patient their unsent writes.
  it('is signed out on a 401, keeping this device’s copy and whose it is', async () => {
    localStorage.setItem(accountKey, JSON.stringify({ id: 'a1', role: 'patient', displayName: 'Alex' }));
    server({ '/api/v1/auth/session': () => json({ code: 'unauthenticated' }, 401) });
    expect(await loadSession()).toBeNull();
    expect(cleared).toBe(0);
    expect(localStorage.getItem(accountKey)).not.toBeNull();
  });

  // Why: on a shared device the next person must neither see the last one's records nor send them as theirs.
  it('clears this device’s copy when someone else signs in, not when the same person does', async () => {
    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    await loadSession();
    expect(cleared).toBe(0);
    server({ '/api/v1/auth/sign-in': () => json({ ...session, account: { ...patient, id: 'a2' } }) });
    await signInWithPassword('sam@example.org', 'correct horse battery');
    expect(cleared).toBe(1);
    expect(account.value?.id).toBe('a2');
    expect(JSON.parse(localStorage.getItem(accountKey) ?? '{}')).toMatchObject({ id: 'a2' });
  });

  // Why: a patient opening the app on the bus still gets their plan; the session is settled when back online.
  it('offline, starts as the account this browser remembers', async () => {
    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    account.value = undefined;
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect((await loadSession())?.id).toBe('a1');
  });

  it('offline with nothing remembered, is signed out', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await loadSession()).toBeNull();
  });

  it('signs out here when any request found the session over (a 401 elsewhere)', async () => {
    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    signInNeeded.value = true;
    noteSignInNeeded();
    expect(account.value).toBeNull();
    expect(await csrfOfNextWrite()).toBeNull();
  });

  it('signs in with e-mail and password, or reports the server’s refusal', async () => {
    server({ '/api/v1/auth/sign-in': () => json(session) });
    const ok = await signInWithPassword('alex@example.org', 'correct horse battery');
    expect(ok).toMatchObject({ ok: true, value: { id: 'a1' } });
    signInNeeded.value = true;
    server({
      '/api/v1/auth/sign-in': () => json({ code: 'account_locked', detail: 'Try again in 15 minutes.' }, 429),
    });
    const refused = await signInWithPassword('alex@example.org', 'wrong');
    expect(refused).toEqual({
      ok: false,
      problem: { status: 429, code: 'account_locked', detail: 'Try again in 15 minutes.' },
    });
  });

  it('reports no answer as status 0', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await signInWithPassword('a@b.c', 'x')).toEqual({ ok: false, problem: { status: 0 } });
  });

  it('redeems an invite signed out: the answer signs the new patient in', async () => {
    const sent = server({
      '/api/v1/invites/redeem': () => json({ ...session, link: { id: 'link-1' } }, 201),
    });
    expect(await redeemInvite('ABCD2345', 'Alex')).toEqual({ ok: true, value: 'link-1' });
    expect(sent[0]?.body).toEqual({ code: 'ABCD2345', displayName: 'Alex' });
    expect(account.value?.id).toBe('a1');
    expect(await csrfOfNextWrite()).toBe('csrf-1');
  });

  it('redeems an invite signed in: one more link, same account', async () => {
    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    const sent = server({ '/api/v1/invites/redeem': () => json({ link: { id: 'link-2' } }, 201) });
    expect(await redeemInvite('EFGH6789')).toEqual({ ok: true, value: 'link-2' });
    expect(sent[0]?.body).toEqual({ code: 'EFGH6789' });
    expect(sent[0]?.csrf).toBe('csrf-1');
    expect(account.value?.id).toBe('a1');
  });

  it('signs in with a discoverable passkey: options in, assertion out, session back', async () => {
    const sent = server({
      '/api/v1/auth/passkey-sign-in/options': () =>
        json({ challengeId: 'ch-1', options: { challenge: 'AQID', rpId: 'localhost' } }),
      '/api/v1/auth/passkey-sign-in': () => json(session),
    });
    const get = vi.fn(() =>
      Promise.resolve({
        ...credentialBase,
        response: {
          clientDataJSON: bytes(2),
          authenticatorData: bytes(3),
          signature: bytes(4),
          userHandle: bytes(5),
        },
      }),
    );
    browserWithPasskeys({ get });
    const outcome = await signInWithPasskey();
    expect(outcome).toMatchObject({ ok: true, value: { id: 'a1' } });
    const asked = (get.mock.calls[0] as unknown as [{ publicKey: { challenge: ArrayBuffer } }])[0];
    expect([...new Uint8Array(asked.publicKey.challenge)]).toEqual([1, 2, 3]);
    expect(sent[1]?.body).toEqual({
      challengeId: 'ch-1',
      response: {
        id: 'AQ',
        rawId: 'AQ',
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: { clientDataJSON: 'Ag', authenticatorData: 'Aw', signature: 'BA', userHandle: 'BQ' },
      },
    });
  });

  it('treats a closed passkey prompt as cancelled, not as an error', async () => {
    server({
      '/api/v1/auth/passkey-sign-in/options': () => json({ challengeId: 'c', options: { challenge: 'AA' } }),
    });
    browserWithPasskeys({ get: () => Promise.reject(new DOMException('closed', 'NotAllowedError')) });
    expect(await signInWithPasskey()).toEqual({ ok: false, cancelled: true });
    expect(account.value).toBeUndefined();
  });

  it('says when the browser has no passkeys', async () => {
    vi.stubGlobal('window', {});
    expect(await signInWithPasskey()).toEqual({ ok: false, unsupported: true });
    expect(await addPasskey()).toEqual({ ok: false, unsupported: true });
  });

  it('adds a passkey to the signed-in account', async () => {
    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    const sent = server({
      '/api/v1/auth/passkeys/options': () =>
        json({
          challengeId: 'ch-2',
          options: {
            challenge: 'AQ',
            rp: { name: 'unknot', id: 'localhost' },
            user: { id: 'Ag', name: 'a1', displayName: 'Alex' },
            pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          },
        }),
      '/api/v1/auth/passkeys': () => json({ id: 'AQ', createdAt: '2026-03-01T00:00:00Z' }, 201),
    });
    browserWithPasskeys({
      create: () =>
        Promise.resolve({
          ...credentialBase,
          response: {
            clientDataJSON: bytes(2),
            attestationObject: bytes(3),
            getTransports: () => ['internal'],
          },
        }),
    });
    expect(await addPasskey()).toEqual({ ok: true, value: 'AQ' });
    expect(sent.map((s) => [s.path, s.csrf])).toEqual([
      ['/api/v1/auth/passkeys/options', 'csrf-1'],
      ['/api/v1/auth/passkeys', 'csrf-1'],
    ]);
  });

  it('signs out on the server, then here; a session already gone signs out all the same', async () => {
    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    const sent = server({ '/api/v1/auth/sign-out': () => new Response(null, { status: 204 }) });
    expect(await signOut()).toEqual({ ok: true, value: null });
    expect(sent[0]?.csrf).toBe('csrf-1');
    expect(account.value).toBeNull();
    expect(cleared).toBe(1);
    expect(localStorage.getItem(accountKey)).toBeNull();

    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    server({ '/api/v1/auth/sign-out-everywhere': () => json({ code: 'unauthenticated' }, 401) });
    expect(await signOut(true)).toEqual({ ok: true, value: null });
    expect(account.value).toBeNull();
  });

  it('stays signed in when the sign-out could not reach the server', async () => {
    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await signOut()).toEqual({ ok: false, problem: { status: 0 } });
    expect(account.value?.id).toBe('a1');
    expect(cleared).toBe(0);
  });

  // Why: the change feed answers 401 signed out and 403 to staff; in clinic mode only a patient's records sync.
  it('lets the sync layer run in clinic mode only while a patient is signed in', async () => {
    modeSettled.value = true;
    mode.value = 'clinic';
    expect(canSync.value).toBe(false);
    server({ '/api/v1/auth/session': () => json(session) });
    await loadSession();
    expect(canSync.value).toBe(true);
    server({
      '/api/v1/auth/session': () => json({ ...session, account: { ...patient, role: 'clinician' } }),
    });
    await loadSession();
    expect(canSync.value).toBe(false);
    server({ '/api/v1/auth/sign-out': () => new Response(null, { status: 204 }) });
    await signOut();
    expect(canSync.value).toBe(false);
    mode.value = 'personal';
    expect(canSync.value).toBe(true);
  });

  it('sends staff to the workspace and patients to their app', () => {
    expect(homeOf('patient')).toBe('/');
    expect(homeOf('clinician')).toBe('/clinic');
    expect(homeOf('clinic_admin')).toBe('/clinic');
  });
});
