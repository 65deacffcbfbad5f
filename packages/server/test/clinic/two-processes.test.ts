/**
 * Clinic mode keeps nothing a request needs in process memory (sessions, CSRF tokens, challenges, rate
 * counters are in PostgreSQL), so a load balancer may send each request to any process. Two real server
 * processes on one PostgreSQL schema, and a signed-in client that alternates between them on every request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, SqlIdentityStore, type Store } from '@unknot/store';
import { sessionCookieFor } from '../../src/clinic/auth.ts';
import { rawRequest, type RawResponse } from '../raw-http.ts';
import { exited, startServerProcess, type ServerProcess } from '../server-process.ts';
import { freshPostgres, makeDiaryEntry, makeEpisode, postgresUrl, type TestDatabase } from '../test-app.ts';
import { awayFromMinuteEnd, clinicEnabled, sessionTokenOf } from './clinic-app.ts';

// What a TLS-terminating load balancer forwards: the public Host, whatever port each process listens on.
const publicOrigin = 'https://clinic.example';
const host = 'clinic.example';
const cookieName = sessionCookieFor(publicOrigin).name;
const signInLimit = 6;

/** DATABASE_URL for a process that must use `schema` (libpq's `options` parameter sets search_path). */
function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

describe.skipIf(!clinicEnabled)('two server processes, one PostgreSQL', () => {
  let database: TestDatabase;
  let store: Store;
  let identity: SqlIdentityStore;
  const servers: ServerProcess[] = [];
  let ports: number[] = [];

  beforeAll(async () => {
    database = await freshPostgres();
    if (database.config.kind !== 'postgres' || !postgresUrl) throw new Error('needs PostgreSQL');
    const env = {
      UNKNOT_MODE: 'clinic',
      UNKNOT_PUBLIC_ORIGIN: publicOrigin,
      DATABASE_URL: urlWithSchema(postgresUrl, database.config.schema ?? 'public'),
      UNKNOT_SIGN_IN_RATE_LIMIT_PER_MINUTE: String(signInLimit),
    };
    // One after the other: the first migrates the schema, the second finds it current.
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
    ports = servers.map((s) => Number(new URL(s.url).port));
    store = await openStore(database.config);
    identity = new SqlIdentityStore(store.db, store.dialect);
  });

  afterAll(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
    await store.close();
    await database.dispose();
  });

  it('a signed-in client moves between them on every request', async () => {
    expect(ports).toHaveLength(2);
    let turn = 0;
    /** The next process in turn, as a round-robin load balancer would pick it. */
    const send = (method: string, target: string, headers: Record<string, string>, body?: unknown) => {
      const port = ports[turn % 2] ?? 0;
      turn += 1;
      return rawRequest({ port, method, target, headers: { host, ...headers }, body });
    };
    const expectStatus = (res: RawResponse, status: number) => {
      expect(res.status, res.body).toBe(status);
    };

    const patient = await identity.createAccount({ role: 'patient', displayName: 'Two Process Patient' });
    const link = await identity.createEnrolmentLink(patient.id);

    // Enrol on A.
    const enrolled = await send(
      'POST',
      '/api/v1/auth/enrol',
      { origin: publicOrigin },
      { token: link.token },
    );
    expectStatus(enrolled, 200);
    const token = sessionTokenOf(enrolled, publicOrigin);
    expect(token).toBeTruthy();
    const { csrfToken } = JSON.parse(enrolled.body) as { csrfToken: string };
    const signedIn = {
      cookie: `${cookieName}=${token ?? ''}`,
      origin: publicOrigin,
      'x-csrf-token': csrfToken,
    };

    // B knows the session A made, and so on, alternating.
    const session = await send('GET', '/api/v1/auth/session', signedIn);
    expectStatus(session, 200);
    expect((JSON.parse(session.body) as { account: { id: string } }).account.id).toBe(patient.id);

    const episode = makeEpisode();
    expectStatus(await send('POST', '/api/v1/episodes', signedIn, episode), 201);
    const entries = Array.from({ length: 6 }, (_, i) =>
      makeDiaryEntry({ pain: i + 1, at: new Date(Date.now() - (6 - i) * 3_600_000).toISOString() }),
    );
    for (const entry of entries) {
      expectStatus(await send('POST', `/api/v1/episodes/${episode.id}/diary`, signedIn, entry), 201);
    }
    // Each process reads back all of them, whichever wrote them.
    for (let i = 0; i < 2; i += 1) {
      const read = await send('GET', `/api/v1/episodes/${episode.id}/diary`, signedIn);
      expectStatus(read, 200);
      const { items } = JSON.parse(read.body) as { items: { id: string }[] };
      expect(items.map((e) => e.id).sort()).toEqual(entries.map((e) => e.id).sort());
    }

    // A CSRF token from one process is good on the other; a wrong one is refused by both.
    for (let i = 0; i < 2; i += 1) {
      const refused = await send('POST', '/api/v1/auth/sign-out', { ...signedIn, 'x-csrf-token': 'wrong' });
      expectStatus(refused, 403);
    }

    // Sign out on one; the other refuses the session at once.
    const signOutPort = ports[turn % 2];
    expectStatus(await send('POST', '/api/v1/auth/sign-out', signedIn), 204);
    const otherPort = ports[turn % 2];
    expect(otherPort).not.toBe(signOutPort);
    expectStatus(await send('GET', '/api/v1/auth/session', signedIn), 401);
    expectStatus(await send('GET', '/api/v1/auth/session', signedIn), 401);
  });

  it('they share one sign-in budget per client: counted in PostgreSQL, not in each process', async () => {
    await awayFromMinuteEnd();
    const statuses: number[] = [];
    for (let i = 0; i < 2 * signInLimit; i += 1) {
      const res = await rawRequest({
        port: ports[i % 2] ?? 0,
        method: 'POST',
        target: '/api/v1/auth/sign-in',
        headers: { host },
        body: { email: 'nobody@example.org', password: 'a guess at a password' },
      });
      statuses.push(res.status);
    }
    // The first test enrolled once (a sign-in route) in the same window or the one before; the rest are guesses.
    const allowed = statuses.filter((s) => s === 401).length;
    expect(allowed).toBeLessThanOrEqual(signInLimit);
    expect(allowed).toBeGreaterThanOrEqual(signInLimit - 1);
    expect(statuses.slice(allowed).every((s) => s === 429)).toBe(true);
  }, 90_000);

  it('both refuse a Host other than the public origin', async () => {
    for (const port of ports) {
      const res = await rawRequest({
        port,
        target: '/api/v1/auth/session',
        headers: { host: `127.0.0.1:${port}` },
      });
      expect(res.status).toBe(421);
    }
  });
});
