import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@unknot/core';
import type { Account, CareStore, IdentityStore, Role, SessionView } from '@unknot/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../error-handler.ts';
import { problem } from '../problems.ts';

/** What buildApp needs to run in clinic mode (docs/clinic.md). */
export interface ClinicOptions {
  /** `https://clinic.example`: the only Host served, the only Origin a signed-in write may come from. */
  publicOrigin: string;
  identity: IdentityStore;
  care: CareStore;
  /** Sign-in attempts a minute per client address (rate-limit.ts); tests lower it. */
  signInRateLimitPerMinute?: number | undefined;
  /** Proxies in front whose X-Forwarded-For names the client (config.ts); default none. */
  trustedProxies?: number | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account (clinic mode), or null: anonymous, or personal mode. */
    account: Account | null;
    /** The live session's id (not its token), or null. */
    sessionId: string | null;
  }
}

/** The cookie a session lives in, and how it is written, for one public origin. */
export interface SessionCookie {
  name: string;
  /** The attributes after `name=value`. */
  attributes: string;
}

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, has Path=/ and no Domain, so no other
 * host (a sibling subdomain) can plant or overwrite it. Plain http is for tests on localhost only (config.ts),
 * where a Secure cookie would not be sent back, hence another name.
 */
export function sessionCookieFor(publicOrigin: string): SessionCookie {
  const secure = new URL(publicOrigin).protocol === 'https:';
  return secure
    ? { name: '__Host-unknot', attributes: 'Path=/; HttpOnly; Secure; SameSite=Lax' }
    : { name: 'unknot', attributes: 'Path=/; HttpOnly; SameSite=Lax' };
}

/** The value of one cookie in a Cookie header; the first wins when a name repeats. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The request's auth state beyond `account` and `sessionId`: kept here so no route can read the token. */
interface RequestAuth {
  options: ClinicOptions;
  cookie: SessionCookie;
  /** The token the request's cookie carried, live or not (startSession revokes it). */
  token: string | undefined;
  csrfToken: string | undefined;
}

const authOf = new WeakMap<FastifyRequest, RequestAuth>();

function requestAuth(request: FastifyRequest): RequestAuth {
  const auth = authOf.get(request);
  // Only reachable if a clinic route were registered without the plugin: a bug of ours, hence not a DomainError.
  if (!auth) throw new Error('the clinic auth plugin is not registered');
  return auth;
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Compares two secrets in time that does not depend on where they differ. */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The signed-in account, if it has one of `roles` (any role when none is given). */
export function requireAccount(request: FastifyRequest, ...roles: Role[]): Account {
  const { account } = request;
  if (!account) throw new DomainError('unauthenticated', 'Sign in first: this needs an account.');
  if (roles.length > 0 && !roles.includes(account.role)) {
    throw new DomainError('forbidden', `This is for ${roles.join(' or ')} accounts only.`);
  }
  return account;
}

/**
 * Writes the cookie that carries `token`, or clears it when `token` is undefined. `maxAgeSeconds` keeps it
 * past the browser's closing; without it the browser forgets it when it closes.
 */
function setSessionCookie(
  reply: FastifyReply,
  cookie: SessionCookie,
  token: string | undefined,
  maxAgeSeconds?: number,
): void {
  reply.header(
    'set-cookie',
    token === undefined
      ? `${cookie.name}=; ${cookie.attributes}; Max-Age=0`
      : `${cookie.name}=${token}; ${cookie.attributes}${maxAgeSeconds ? `; Max-Age=${maxAgeSeconds}` : ''}`,
  );
}

/**
 * A patient's phone should keep them signed in (their session lasts 30 idle days), so their cookie outlives
 * the browser until the session's expiry as of sign-in. Staff sessions end after 30 idle minutes: their
 * cookie is the browser session's only, which a shared clinic computer forgets when closed.
 */
function cookieMaxAge(session: SessionView): number | undefined {
  if (session.account.role !== 'patient') return undefined;
  return Math.max(1, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
}

/**
 * Signs `account` in on this request: the session the request came with (if any) is revoked first, so a
 * cookie planted before sign-in (session fixation) never becomes a signed-in one; a new session and token
 * are made, and the cookie set.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  account: Account,
): Promise<{ account: Account; csrfToken: string }> {
  const auth = requestAuth(request);
  if (auth.token !== undefined) await auth.options.identity.revokeSession(auth.token);
  const session = await auth.options.identity.createSession(account.id);
  setSessionCookie(reply, auth.cookie, session.token, cookieMaxAge(session));
  auth.token = session.token;
  auth.csrfToken = session.csrfToken;
  request.account = session.account;
  request.sessionId = session.sessionId;
  return { account: session.account, csrfToken: session.csrfToken };
}

/** The request's live session as a client sees it (GET /auth/session), or `unauthenticated`. */
export function currentSession(request: FastifyRequest): { account: Account; csrfToken: string } {
  const account = requireAccount(request);
  const { csrfToken } = requestAuth(request);
  if (csrfToken === undefined)
    throw new DomainError('unauthenticated', 'Sign in first: this needs an account.');
  return { account, csrfToken };
}

/** Ends the request's session (sign out on this device) and clears its cookie. */
export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const auth = requestAuth(request);
  if (auth.token !== undefined) await auth.options.identity.revokeSession(auth.token);
  setSessionCookie(reply, auth.cookie, undefined);
  auth.token = undefined;
  auth.csrfToken = undefined;
  request.account = null;
  request.sessionId = null;
}

/** Ends every session of the signed-in account (sign out everywhere) and clears this device's cookie. */
export async function endAllSessions(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const account = requireAccount(request);
  await requestAuth(request).options.identity.revokeAllSessions(account.id);
  await endSession(request, reply);
}

/**
 * Clinic mode's sign-in state on every request: the session cookie is looked up (in PostgreSQL, so any
 * process can serve any request) and `request.account` set. A write that carries a live session must come
 * from a page of the public origin and carry the session's CSRF token: SameSite=Lax already keeps the cookie
 * off cross-site POSTs, the token also covers a same-site page (a sibling subdomain) and older browsers.
 * Register after the request guard and the rate limit.
 */
export function registerClinicAuth(app: FastifyInstance, options: ClinicOptions): void {
  const cookie = sessionCookieFor(options.publicOrigin);
  app.decorateRequest('account', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRequest', async (request, reply) => {
    const token = cookieValue(request.headers.cookie, cookie.name) || undefined;
    const auth: RequestAuth = { options, cookie, token, csrfToken: undefined };
    authOf.set(request, auth);
    request.account = null;
    request.sessionId = null;
    if (token === undefined) return;
    const session = await options.identity.session(token);
    // A dead cookie makes the request anonymous, not refused: signing in again must still work.
    if (!session) return;
    request.account = session.account;
    request.sessionId = session.sessionId;
    auth.csrfToken = session.csrfToken;
    if (!writeMethods.has(request.method)) return;
    const sentToken = request.headers['x-csrf-token'];
    const fromOurOrigin = request.headers.origin === options.publicOrigin;
    if (fromOurOrigin && typeof sentToken === 'string' && sameSecret(sentToken, session.csrfToken)) return;
    const missing = fromOurOrigin
      ? 'header x-csrf-token does not carry the token of this session (GET /api/v1/auth/session gives it)'
      : `header Origin is not ${options.publicOrigin}`;
    return sendProblem(
      reply,
      problem('csrf_failed', `A signed-in change needs proof it came from this app: ${missing}.`, request.id),
    );
  });
}
