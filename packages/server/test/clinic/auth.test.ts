import type { Account } from '@unknot/store';
import type { FastifyRequest, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { requireAccount, sessionCookieFor } from '../../src/clinic/auth.ts';
import {
  awayFromMinuteEnd,
  clinicEnabled,
  createAccount,
  signedIn,
  sessionTokenOf,
  startClinicApp,
  type ClinicTestApp,
} from './clinic-app.ts';

const minutes = 60_000;
const password = 'correct horse battery staple';

let t: ClinicTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function app(options: Parameters<typeof startClinicApp>[0] = {}): Promise<ClinicTestApp> {
  t = await startClinicApp(options);
  return t;
}

function json(res: LightMyRequestResponse): Record<string, unknown> {
  return JSON.parse(res.body) as Record<string, unknown>;
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(json(res).code).toBe(code);
}

/** What a browser sends after signing in: the cookie, our Origin and the session's CSRF token. */
function browser(c: ClinicTestApp, token: string, csrfToken: string): Record<string, string> {
  return {
    cookie: `${sessionCookieFor(c.publicOrigin).name}=${token}`,
    origin: c.publicOrigin,
    'x-csrf-token': csrfToken,
  };
}

/** The response to redeeming a new account's enrolment link. */
async function enrolResponse(c: ClinicTestApp, role: 'patient' | 'clinician' = 'clinician') {
  const account = await createAccount(c, role);
  const { token } = await c.identity.createEnrolmentLink(account.id);
  const res = await c.request({ method: 'POST', url: '/api/v1/auth/enrol', payload: { token } });
  return Object.assign(res, { account, enrolToken: token });
}

/** Enrols `role` through its one-time link; returns the cookie's token and the CSRF token. */
async function enrol(c: ClinicTestApp, role: 'patient' | 'clinician' = 'clinician') {
  const res = await enrolResponse(c, role);
  const { account, enrolToken: token } = res;
  expect(res.statusCode, res.body).toBe(200);
  const body = json(res) as { account: { id: string }; csrfToken: string };
  const session = sessionTokenOf(res, c.publicOrigin);
  expect(session).toBeTruthy();
  return { account, enrolToken: token, session: session ?? '', csrfToken: body.csrfToken, body };
}

/** Enrols a clinician and sets the test password through the API, as a person would before signing in with it. */
async function enrolWithPassword(c: ClinicTestApp) {
  const e = await enrol(c);
  const set = await c.request({
    method: 'POST',
    url: '/api/v1/auth/password',
    payload: { password },
    headers: browser(c, e.session, e.csrfToken),
  });
  expect(set.statusCode, set.body).toBe(204);
  return e;
}

async function signIn(
  c: ClinicTestApp,
  email: string | null,
  pass: string,
  headers: Record<string, string> = {},
) {
  return c.request({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password: pass },
    headers,
  });
}

async function sessionOf(c: ClinicTestApp, headers: Record<string, string>) {
  return c.request({ method: 'GET', url: '/api/v1/auth/session', headers });
}

describe.skipIf(!clinicEnabled)('clinic sign-in', () => {
  it('enrol link → session → set password → sign out → sign in', async () => {
    const c = await app();
    const e = await enrol(c);
    expect(e.body.account.id).toBe(e.account.id);
    const signedInHeaders = browser(c, e.session, e.csrfToken);

    const current = await sessionOf(c, signedInHeaders);
    expect(current.statusCode).toBe(200);
    expect(json(current)).toEqual({ account: e.body.account, csrfToken: e.csrfToken });

    // The link is single use.
    const again = await c.request({
      method: 'POST',
      url: '/api/v1/auth/enrol',
      payload: { token: e.enrolToken },
    });
    expectProblem(again, 410, 'invite_unusable');

    const short = await c.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { password: 'too short' },
      headers: signedInHeaders,
    });
    expectProblem(short, 400, 'validation_failed');
    expect(json(short).fields).toEqual([
      { field: 'body.password', problem: 'must be at least 12 characters' },
    ]);

    const set = await c.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { password },
      headers: signedInHeaders,
    });
    expect(set.statusCode, set.body).toBe(204);

    const out = await c.request({ method: 'POST', url: '/api/v1/auth/sign-out', headers: signedInHeaders });
    expect(out.statusCode).toBe(204);
    expect(sessionTokenOf(out, c.publicOrigin)).toBe('');
    expectProblem(await sessionOf(c, signedInHeaders), 401, 'unauthenticated');

    expectProblem(await signIn(c, e.account.email, 'not the password at all'), 401, 'invalid_credentials');
    // Upper case and spaces around the e-mail are how people type it.
    const back = await signIn(c, ` ${e.account.email?.toUpperCase() ?? ''} `, password);
    expect(back.statusCode, back.body).toBe(200);
    const token = sessionTokenOf(back, c.publicOrigin) ?? '';
    const csrf = (json(back) as { csrfToken: string }).csrfToken;
    const after = await sessionOf(c, browser(c, token, csrf));
    expect((json(after) as { account: { id: string } }).account.id).toBe(e.account.id);
  });

  it('says the same for an unknown e-mail and a wrong password', async () => {
    const c = await app();
    const e = await enrol(c);
    await c.identity.setPasswordHash(e.account.id, 'not a hash anyone can match');
    const unknown = await signIn(c, 'nobody@example.org', password);
    const wrong = await signIn(c, e.account.email, password);
    expectProblem(unknown, 401, 'invalid_credentials');
    expectProblem(wrong, 401, 'invalid_credentials');
    expect(json(unknown).detail).toBe(json(wrong).detail);
  });

  it('refuses bad input with 4xx naming the field', async () => {
    const c = await app();
    const missing = await c.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'a@b.c' },
    });
    expectProblem(missing, 400, 'validation_failed');
    expect(JSON.stringify(json(missing).fields)).toContain('body.password');
    expectProblem(
      await c.request({ method: 'POST', url: '/api/v1/auth/enrol', payload: { token: 'never-issued' } }),
      410,
      'invite_unusable',
    );
    expectProblem(
      await c.request({ method: 'POST', url: '/api/v1/auth/enrol', payload: { token: 'x', extra: 1 } }),
      400,
      'validation_failed',
    );
  });
});

describe.skipIf(!clinicEnabled)('sessions', () => {
  it('a cookie planted before sign-in is dead after it (fixation)', async () => {
    const c = await app();
    const e = await enrolWithPassword(c);

    // A live session's cookie carried into a new sign-in is revoked, and a new token is issued.
    const res = await signIn(c, e.account.email, password, browser(c, e.session, e.csrfToken));
    expect(res.statusCode, res.body).toBe(200);
    const rotated = sessionTokenOf(res, c.publicOrigin);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(e.session);
    expectProblem(await sessionOf(c, browser(c, e.session, e.csrfToken)), 401, 'unauthenticated');

    // A cookie an attacker made up is never adopted: sign-in answers with its own.
    const planted = 'attacker-chosen-value';
    const fresh = await signIn(c, e.account.email, password, {
      cookie: `${sessionCookieFor(c.publicOrigin).name}=${planted}`,
    });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(sessionTokenOf(fresh, c.publicOrigin)).not.toBe(planted);
    expectProblem(
      await sessionOf(c, { cookie: `${sessionCookieFor(c.publicOrigin).name}=${planted}` }),
      401,
      'unauthenticated',
    );
  });

  it('an idle clinician session ends after 30 minutes, a patient session after 30 days', async () => {
    const c = await app();
    const clinician = await signedIn(c, await createAccount(c, 'clinician'));
    const patient = await signedIn(c, await createAccount(c, 'patient'));
    c.advanceClock(29 * minutes);
    expect((await sessionOf(c, clinician)).statusCode).toBe(200);
    // Idle expiry slides: 29 more minutes after that use is still within 30 minutes of the last use.
    c.advanceClock(29 * minutes);
    expect((await sessionOf(c, clinician)).statusCode).toBe(200);
    c.advanceClock(31 * minutes);
    expectProblem(await sessionOf(c, clinician), 401, 'unauthenticated');
    expect((await sessionOf(c, patient)).statusCode).toBe(200);
    c.advanceClock(31 * 24 * 60 * minutes);
    expectProblem(await sessionOf(c, patient), 401, 'unauthenticated');
  });

  it('a signed-out session is refused, also for writes', async () => {
    const c = await app();
    const headers = await signedIn(c, await createAccount(c, 'patient'));
    expect((await c.request({ method: 'POST', url: '/api/v1/auth/sign-out', headers })).statusCode).toBe(204);
    expectProblem(await sessionOf(c, headers), 401, 'unauthenticated');
    expectProblem(
      await c.request({ method: 'POST', url: '/api/v1/auth/password', payload: { password }, headers }),
      401,
      'unauthenticated',
    );
  });

  it('sign out everywhere ends every session of the account and no one else’s', async () => {
    const c = await app();
    const account = await createAccount(c, 'clinician');
    const phone = await signedIn(c, account);
    const laptop = await signedIn(c, account);
    const colleague = await signedIn(c, await createAccount(c, 'clinician'));
    const res = await c.request({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: phone });
    expect(res.statusCode, res.body).toBe(204);
    expectProblem(await sessionOf(c, phone), 401, 'unauthenticated');
    expectProblem(await sessionOf(c, laptop), 401, 'unauthenticated');
    expect((await sessionOf(c, colleague)).statusCode).toBe(200);
  });

  it('anonymous requests to signed-in routes are 401', async () => {
    const c = await app();
    expectProblem(await sessionOf(c, {}), 401, 'unauthenticated');
    for (const url of [
      '/api/v1/auth/password',
      '/api/v1/auth/passkeys/options',
      '/api/v1/auth/sign-out-everywhere',
    ]) {
      const res = await c.request({
        method: 'POST',
        url,
        payload: url.endsWith('password') ? { password } : {},
      });
      expectProblem(res, 401, 'unauthenticated');
    }
  });
});

describe.skipIf(!clinicEnabled)('CSRF', () => {
  const write = (c: ClinicTestApp, headers: Record<string, string>) =>
    c.request({ method: 'POST', url: '/api/v1/auth/password', payload: { password }, headers });

  it('a signed-in write needs our Origin and the session’s token', async () => {
    const c = await app();
    const headers = await signedIn(c, await createAccount(c, 'patient'));
    const other = await signedIn(c, await createAccount(c, 'patient'));
    const { 'x-csrf-token': _token, ...noToken } = headers;
    const { origin: _origin, ...noOrigin } = headers;

    expectProblem(await write(c, noToken), 403, 'csrf_failed');
    expectProblem(await write(c, { ...headers, 'x-csrf-token': 'guessed' }), 403, 'csrf_failed');
    expectProblem(await write(c, { ...headers, 'x-csrf-token': other['x-csrf-token'] }), 403, 'csrf_failed');
    // No Origin at all: a browser always sends one on a POST, so this is not our page.
    expectProblem(await write(c, noOrigin), 403, 'csrf_failed');
    // Another origin is refused before anything reads the session.
    expectProblem(await write(c, { ...headers, origin: 'https://evil.example' }), 403, 'cross_site_request');
    expectProblem(await write(c, { ...headers, origin: 'http://clinic.example' }), 403, 'cross_site_request');

    expect((await write(c, headers)).statusCode).toBe(204);
  });

  it('a sign-in from another site’s page is refused too (login CSRF)', async () => {
    const c = await app();
    const res = await signIn(c, 'someone@example.org', password, { origin: 'https://evil.example' });
    expectProblem(res, 403, 'cross_site_request');
    const sameSite = await signIn(c, 'someone@example.org', password, { 'sec-fetch-site': 'same-site' });
    expectProblem(sameSite, 403, 'cross_site_request');
  });

  it('reads need no token', async () => {
    const c = await app();
    const {
      'x-csrf-token': _token,
      origin: _origin,
      ...cookieOnly
    } = await signedIn(c, await createAccount(c, 'patient'));
    expect((await sessionOf(c, cookieOnly)).statusCode).toBe(200);
  });
});

describe.skipIf(!clinicEnabled)('lockout and rate limits', () => {
  it('five failures lock the account for 15 minutes, even against the right password', async () => {
    const c = await app();
    const e = await enrolWithPassword(c);
    for (let i = 0; i < 5; i += 1)
      expectProblem(await signIn(c, e.account.email, `wrong guess ${i}`), 401, 'invalid_credentials');
    const locked = await signIn(c, e.account.email, password);
    expectProblem(locked, 429, 'account_locked');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    c.advanceClock(15 * minutes + 1000);
    expect((await signIn(c, e.account.email, password)).statusCode).toBe(200);
  });

  it('the general budget is counted in the database too; health checks stay exempt', async () => {
    const c = await app({ app: { rateLimitPerMinute: 3 } });
    await awayFromMinuteEnd();
    for (let i = 0; i < 3; i += 1) expectProblem(await sessionOf(c, {}), 401, 'unauthenticated');
    const limited = await sessionOf(c, {});
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await c.request({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // Another app on the same database (another process, in effect) sees the same count.
    const other = await buildApp({
      store: c.store,
      rateLimitPerMinute: 3,
      clinic: { publicOrigin: c.publicOrigin, identity: c.identity, care: c.care },
    });
    try {
      const res = await other.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: { host: 'clinic.example' },
      });
      expectProblem(res, 429, 'rate_limited');
    } finally {
      await other.close();
    }
  });

  it('sign-in attempts per client address have their own, small budget', async () => {
    const c = await app({ signInRateLimitPerMinute: 3 });
    await awayFromMinuteEnd();
    for (let i = 0; i < 3; i += 1)
      expectProblem(await signIn(c, `someone${i}@example.org`, password), 401, 'invalid_credentials');
    const limited = await signIn(c, 'someone@example.org', password);
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other routes keep their own budget.
    expectProblem(await sessionOf(c, {}), 401, 'unauthenticated');
  });
});

describe.skipIf(!clinicEnabled)('client addresses behind a load balancer', () => {
  const attempts = (c: ClinicTestApp, client: string) =>
    signIn(c, 'someone@example.org', password, { 'x-forwarded-for': client });

  it('with UNKNOT_TRUSTED_PROXIES=1 each client behind the proxy has its own budget', async () => {
    const c = await app({ signInRateLimitPerMinute: 2, trustedProxies: 1 });
    await awayFromMinuteEnd();
    for (let i = 0; i < 2; i += 1)
      expectProblem(await attempts(c, '203.0.113.7'), 401, 'invalid_credentials');
    expectProblem(await attempts(c, '203.0.113.7'), 429, 'rate_limited');
    expectProblem(await attempts(c, '198.51.100.9'), 401, 'invalid_credentials');
  });

  it('without it, X-Forwarded-For is not believed: a client cannot buy a fresh budget', async () => {
    const c = await app({ signInRateLimitPerMinute: 2 });
    await awayFromMinuteEnd();
    for (let i = 0; i < 2; i += 1)
      expectProblem(await attempts(c, `203.0.113.${i}`), 401, 'invalid_credentials');
    expectProblem(await attempts(c, '198.51.100.9'), 429, 'rate_limited');
  });
});

describe.skipIf(!clinicEnabled)('cookie and host', () => {
  it('the https cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/ with no Domain', async () => {
    const c = await app();
    const cookie = String((await enrolResponse(c)).headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-unknot=[A-Za-z0-9_-]{20,};/);
    const attributes = cookie
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=lax']));
    expect(attributes.some((a) => a.startsWith('domain'))).toBe(false);
    // A clinician's cookie ends with the browser session; a patient's lasts their 30 idle days.
    expect(attributes.some((a) => a.startsWith('max-age'))).toBe(false);
    const patientCookie = String((await enrolResponse(c, 'patient')).headers['set-cookie']);
    const maxAge = Number(/max-age=(\d+)/i.exec(patientCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(29 * 24 * 3600);
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600);
  });

  it('on http://localhost (tests) the cookie is not Secure and has no __Host- prefix', async () => {
    const c = await app({ publicOrigin: 'http://localhost:8123' });
    const cookie = String((await enrolResponse(c)).headers['set-cookie']);
    expect(cookie).toMatch(/^unknot=[A-Za-z0-9_-]{20,};/);
    expect(cookie.toLowerCase()).toContain('httponly');
    expect(cookie.toLowerCase()).not.toContain('secure');
  });

  it.each(['evil.example', 'localhost', '127.0.0.1', 'clinic.example:8443', 'clinic.example.evil.example'])(
    'Host %s is not the public origin: 421',
    async (host) => {
      const c = await app();
      expectProblem(
        await c.request({ method: 'GET', url: '/api/v1/auth/session', headers: { host } }),
        421,
        'misdirected_request',
      );
    },
  );

  it('Host clinic.example and clinic.example:443 are ours', async () => {
    const c = await app();
    for (const host of ['clinic.example', 'clinic.example:443', 'CLINIC.example']) {
      expectProblem(
        await c.request({ method: 'GET', url: '/api/v1/auth/session', headers: { host } }),
        401,
        'unauthenticated',
      );
    }
  });
});

describe.skipIf(!clinicEnabled)('passkey routes refuse what they cannot verify', () => {
  it('registration: an unknown challenge or a forged response is a 400 naming the field', async () => {
    const c = await app();
    const headers = await signedIn(c, await createAccount(c, 'patient'));
    const options = await c.request({ method: 'POST', url: '/api/v1/auth/passkeys/options', headers });
    expect(options.statusCode, options.body).toBe(200);
    const { challengeId, options: creation } = json(options) as {
      challengeId: string;
      options: { challenge: string; rp: { id: string }; authenticatorSelection: { residentKey: string } };
    };
    expect(creation.rp.id).toBe('clinic.example');
    expect(creation.authenticatorSelection.residentKey).toBe('required');
    const forged = forgedRegistration;
    const bad = await c.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys',
      payload: { challengeId, response: forged },
      headers,
    });
    expectProblem(bad, 400, 'validation_failed');
    expect(JSON.stringify(json(bad).fields)).toContain('body.response');
    // The challenge was used up by that attempt.
    const reused = await c.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys',
      payload: { challengeId, response: forged },
      headers,
    });
    expectProblem(reused, 400, 'validation_failed');
    expect(JSON.stringify(json(reused).fields)).toContain('body.challengeId');
  });

  it('registration: another account’s challenge is refused', async () => {
    const c = await app();
    const a = await signedIn(c, await createAccount(c, 'patient'));
    const b = await signedIn(c, await createAccount(c, 'patient'));
    const options = await c.request({ method: 'POST', url: '/api/v1/auth/passkeys/options', headers: a });
    const { challengeId } = json(options) as { challengeId: string };
    const response = forgedRegistration;
    const res = await c.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys',
      payload: { challengeId, response },
      headers: b,
    });
    expectProblem(res, 400, 'validation_failed');
    expect(JSON.stringify(json(res).fields)).toContain('body.challengeId');
  });

  it('sign-in: an unknown passkey or challenge is invalid_credentials', async () => {
    const c = await app();
    const options = await c.request({ method: 'POST', url: '/api/v1/auth/passkey-sign-in/options' });
    expect(options.statusCode, options.body).toBe(200);
    const { challengeId } = json(options) as { challengeId: string };
    const forged = {
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
    };
    const res = await c.request({
      method: 'POST',
      url: '/api/v1/auth/passkey-sign-in',
      payload: { challengeId, response: forged },
    });
    expectProblem(res, 401, 'invalid_credentials');
    const reused = await c.request({
      method: 'POST',
      url: '/api/v1/auth/passkey-sign-in',
      payload: { challengeId, response: forged },
    });
    expectProblem(reused, 401, 'invalid_credentials');
    const malformed = await c.request({
      method: 'POST',
      url: '/api/v1/auth/passkey-sign-in',
      payload: {
        challengeId,
        response: { ...forged, response: { ...forged.response, signature: 'not base64url!' } },
      },
    });
    expectProblem(malformed, 400, 'validation_failed');
  });
});

/** A registration answer in the right shape that no authenticator made: well-formed, never valid. */
const forgedRegistration = {
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  clientExtensionResults: {},
  response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' },
};

describe('requireAccount', () => {
  // The function reads only `request.account`, which the auth hook sets; the routes' use of it is covered above
  // and by the authorisation matrix (matrix.test.ts).
  const asRequest = (account: Account | null) => ({ account }) as unknown as FastifyRequest;
  const clinician: Account = {
    id: '0190a000-0000-7000-8000-000000000001',
    role: 'clinician',
    clinicId: '0190a000-0000-7000-8000-000000000002',
    email: 'c@example.org',
    displayName: 'C',
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  it('is unauthenticated without an account, forbidden with the wrong role', () => {
    expect(() => requireAccount(asRequest(null))).toThrow(
      expect.objectContaining({ code: 'unauthenticated' }),
    );
    expect(() => requireAccount(asRequest(clinician), 'patient')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(requireAccount(asRequest(clinician), 'patient', 'clinician')).toBe(clinician);
    expect(requireAccount(asRequest(clinician))).toBe(clinician);
  });
});
