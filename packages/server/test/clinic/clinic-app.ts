/**
 * Test support for clinic mode: the real app on a fresh PostgreSQL schema with the real identity and care
 * stores, and signed-in clients made without going through a sign-in route.
 */
import { createServer, type AddressInfo } from 'node:net';
import {
  openStore,
  SqlCareStore,
  SqlIdentityStore,
  type Account,
  type Clinic,
  type Role,
} from '@unknot/store';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.ts';
import { sessionCookieFor } from '../../src/clinic/auth.ts';
import { freshPostgres, postgresSkipReason, postgresUrl, type TestApp } from '../test-app.ts';

/** Clinic mode runs on PostgreSQL only: without TEST_DATABASE_URL its tests are skipped, and say so. */
export const clinicEnabled = postgresUrl !== undefined;
export const clinicSkipReason = `Clinic-mode tests skipped: ${postgresSkipReason}`;
if (!clinicEnabled) console.warn(clinicSkipReason);

export interface ClinicTestApp extends TestApp {
  identity: SqlIdentityStore;
  care: SqlCareStore;
  publicOrigin: string;
  /** The schema the app's tables live in (another process can open the same one). */
  schema: string;
  /** One request through inject(), addressed to the public origin's host unless `headers.host` says otherwise. */
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** Moves the stores' clock (sessions, links, lockouts, challenges) forward. */
  advanceClock: (ms: number) => void;
}

export interface ClinicAppOptions {
  /** Default https://clinic.example: inject() needs no socket, so the origin need not resolve. */
  publicOrigin?: string;
  /** More buildApp options (rate limits). */
  app?: Partial<AppOptions>;
  signInRateLimitPerMinute?: number;
  trustedProxies?: number;
}

/** The real app in clinic mode on a fresh PostgreSQL schema (call only when `clinicEnabled`). */
export async function startClinicApp(options: ClinicAppOptions = {}): Promise<ClinicTestApp> {
  const publicOrigin = options.publicOrigin ?? 'https://clinic.example';
  const database = await freshPostgres();
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const store = await openStore(database.config, { now });
  const identity = new SqlIdentityStore(store.db, store.dialect, now);
  const care = new SqlCareStore(store.db, store.dialect, now);
  const app = await buildApp({
    store,
    ...options.app,
    clinic: {
      publicOrigin,
      identity,
      care,
      signInRateLimitPerMinute: options.signInRateLimitPerMinute,
      trustedProxies: options.trustedProxies,
    },
  });
  await app.ready();
  const host = new URL(publicOrigin).host;
  return {
    app,
    store,
    identity,
    care,
    publicOrigin,
    schema: database.config.kind === 'postgres' ? (database.config.schema ?? 'public') : 'public',
    request: (request) => app.inject({ ...request, headers: { host, ...request.headers } }),
    advanceClock: (ms) => {
      offsetMs += ms;
    },
    close: async () => {
      await app.close();
      await store.close();
      await database.dispose();
    },
  };
}

/** The same, listening on 127.0.0.1 with the public origin http://localhost:PORT (for real HTTP and browsers). */
export async function listenClinicApp(
  options: Omit<ClinicAppOptions, 'publicOrigin'> = {},
): Promise<ClinicTestApp & { port: number }> {
  // The origin names the port, which is known only once listening: listen on a free port first, then
  // build the app for it on that port.
  const probe = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
  const t = await startClinicApp({ ...options, publicOrigin: `http://localhost:${probe}` });
  await t.app.listen({ host: '127.0.0.1', port: probe });
  return { ...t, port: probe };
}

/** Headers that make a request signed in as `account`: the session cookie, our Origin and the CSRF token. */
export interface SignedInHeaders {
  [name: string]: string;
  host: string;
  cookie: string;
  origin: string;
  'x-csrf-token': string;
}

/**
 * A signed-in client for `account`, made through the IdentityStore (no sign-in route), so authorisation tests
 * need not enrol everyone. Send the headers with `t.request` or app.inject().
 */
export async function signedIn(
  t: Pick<ClinicTestApp, 'identity' | 'publicOrigin'>,
  account: Pick<Account, 'id'>,
): Promise<SignedInHeaders> {
  const session = await t.identity.createSession(account.id);
  return {
    host: new URL(t.publicOrigin).host,
    cookie: `${sessionCookieFor(t.publicOrigin).name}=${session.token}`,
    origin: t.publicOrigin,
    'x-csrf-token': session.csrfToken,
  };
}

let accountCount = 0;

/** An account of `role`; clinicians and clinic admins get a new clinic unless one is given. */
export async function createAccount(
  t: Pick<ClinicTestApp, 'identity'>,
  role: Role,
  options: { clinic?: Clinic; email?: string | null; displayName?: string } = {},
): Promise<Account> {
  accountCount += 1;
  const clinic =
    role === 'patient' ? null : (options.clinic ?? (await t.identity.createClinic(`Clinic ${accountCount}`)));
  return t.identity.createAccount({
    role,
    clinicId: clinic?.id ?? null,
    email:
      options.email === undefined
        ? `${role}.${accountCount}.${Date.now().toString(36)}@example.org`
        : options.email,
    displayName: options.displayName ?? `${role} ${accountCount}`,
  });
}

/** The session token a response's Set-Cookie carries, or undefined (a cleared cookie is ''). */
export function sessionTokenOf(
  response: LightMyRequestResponse | { headers: Record<string, unknown> },
  publicOrigin: string,
) {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header.map(String) : typeof header === 'string' ? [header] : [];
  const name = sessionCookieFor(publicOrigin).name;
  for (const line of lines) {
    if (line.startsWith(`${name}=`)) return line.slice(name.length + 1).split(';')[0];
  }
  return undefined;
}

/**
 * Rate limits count in fixed windows of a minute on the clock (identity.hit). A test that fills a budget waits
 * out the last seconds of a minute first, so that the window cannot roll over halfway and refill it.
 */
export async function awayFromMinuteEnd(needSeconds = 15): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needSeconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 200));
}
