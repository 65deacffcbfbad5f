/**
 * `npm run bench:clinic` (issue 10 §5): clinic mode under the load of a care team. Two real server processes in
 * clinic mode share one fresh PostgreSQL schema (TEST_DATABASE_URL or DATABASE_URL, default the local test
 * database; dropped at the end) holding 1 clinic, 20 clinicians and 200 patients, every patient linked to every
 * clinician (one team of 20 sharing 200 patients), each patient with an episode, a triage, two weeks of diary,
 * session logs, two PEG scores and a programme. autocannon loads both processes, half the connections each, as a
 * round-robin load balancer would, with:
 * - 200 signed-in patients writing diary entries (POST /api/v1/episodes/:id/diary, cookie + CSRF token, a new
 *   id each time): 200 connections, each request the next patient's;
 * - 20 clinicians reading their whole patient list (GET /api/v1/patients?limit=200: all 200 on one page), and
 *   the route's default first page of 50;
 * first one clinician's list alone, then 20 clinicians', both at once, the writes alone, and one clinician's list
 * again over the diaries the writes have grown; and, for the ratio, personal mode's diary write as
 * `npm run bench:api` measures it (SQLite, 50 connections), in the same run on the same machine.
 * Prints req/s, p50 and p99 (over both processes' responses), the CPU the two server processes and PostgreSQL
 * spent per request, and the load average. Goal: the clinician list's p99 ≤ 50 ms at 200 patients.
 *
 * Both processes get the same public origin, http://localhost:8080, standing for the load balancer's address:
 * clinic mode serves only requests addressed to it, whatever port a process listens on, so the load sends that
 * Host and Origin to each process's own port. Each person comes from their own address (X-Forwarded-For, one
 * trusted proxy), so the rate limits count per person as behind a real balancer, and the limits are raised so
 * that the bench measures the server, not the limiter. Asserts nothing. BENCH_SECONDS sets each run (default 10).
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { EpisodeInput } from '@unknot/core';
import { exampleAnswers } from '@unknot/core';
import { openStore, SqlCareStore, SqlIdentityStore, type Account, type Store } from '@unknot/store';
import autocannon from 'autocannon';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { sessionCookieFor } from '../packages/server/src/clinic/auth.ts';
import { rawRequest } from '../packages/server/test/raw-http.ts';
import { exited, startServerProcess, type ServerProcess } from '../packages/server/test/server-process.ts';
import { inheritSourceCondition } from '../scripts/source-condition.ts';
import { cpuSeconds } from './cpu.ts';
import { benchEntry } from './diary-entry.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const databaseUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const clinicianCount = 20;
const patientCount = 200;
/** Two weeks of diary, two entries a day: what the list's pain trend reads for each patient before the load. */
const seedDays = 14;
/** bench:api's connection count, so that the personal figure is the one that bench reports. */
const personalConnections = 50;
const publicOrigin = 'http://localhost:8080';
const host = new URL(publicOrigin).host;
const cookieName = sessionCookieFor(publicOrigin).name;
const unlimited = '100000000';
const day = 86_400_000;

// The server processes run the TypeScript sources, as this bench does.
inheritSourceCondition();

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU time the server processes spent per request of this load, in µs (only when it ran alone). */
  cpu: number;
}

/**
 * CPU seconds of each PostgreSQL process on the machine, by pid. Other work's queries count too, so it is a rough
 * figure; it says where a clinic request's time goes beside the server processes.
 */
function postgresCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
        byPid.set(pid, cpuSeconds(Number(pid)));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byPid;
}

/** PostgreSQL CPU seconds since `before`: a backend that ended meanwhile is left out (it cannot be read). */
function postgresCpuSince(before: Map<string, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpu()) total += seconds - (before.get(pid) ?? 0);
  return total;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** What one load sends: its next request (path, method, headers, body), and on how many connections in all. */
interface Load {
  name: string;
  connections: number;
  next: () => { path: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: string };
}

/** CPU per request of the last run, all loads together: the server processes', and PostgreSQL's. */
let lastCpu = { server: Number.NaN, postgres: Number.NaN };

/**
 * Runs the loads at the same time for BENCH_SECONDS, each spread evenly over the servers (one autocannon per
 * load and server), and returns each load's figures over all its responses: autocannon's own percentiles are
 * per instance, and two instances' p99s do not make the p99 of both.
 */
async function run(loads: Load[], servers: { child: ChildProcess; url: string }[]): Promise<Figures[]> {
  await settle(servers);
  const cpuBefore = servers.map((s) => cpuSeconds(s.child.pid));
  const postgresBefore = postgresCpu();
  const perLoad = await Promise.all(
    loads.map(async (load) => {
      const times: number[] = [];
      let non2xx = 0;
      const share = (i: number) =>
        Math.floor(load.connections / servers.length) + (i < load.connections % servers.length ? 1 : 0);
      const results = await Promise.all(
        servers
          .map((server, i) => ({ server, connections: share(i) }))
          .filter(({ connections }) => connections > 0)
          .map(
            ({ server, connections }) =>
              new Promise<autocannon.Result>((resolve, reject) => {
                const instance = autocannon(
                  {
                    url: server.url,
                    connections,
                    duration: seconds,
                    requests: [{ setupRequest: (req) => ({ ...req, ...load.next() }) }],
                  },
                  (error: unknown, result) => {
                    if (error)
                      reject(
                        error instanceof Error ? error : new Error('autocannon failed', { cause: error }),
                      );
                    else resolve(result);
                  },
                );
                instance.on('response', (_client, status: number, _bytes: number, time: number) => {
                  times.push(time);
                  if (status < 200 || status > 299) non2xx += 1;
                });
              }),
          ),
      );
      times.sort((a, b) => a - b);
      return {
        rps: results.reduce((sum, r) => sum + r.requests.average, 0),
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        requests: times.length,
        non2xx,
        errors: results.reduce((sum, r) => sum + r.errors, 0),
        cpu: Number.NaN,
      };
    }),
  );
  const serverCpu = servers.reduce((sum, s, i) => sum + cpuSeconds(s.child.pid) - (cpuBefore[i] ?? 0), 0);
  const postgresSeconds = postgresCpuSince(postgresBefore);
  const requests = perLoad.reduce((sum, f) => sum + f.requests, 0);
  // Alone, a load's requests are the only ones the servers answered; together, the CPU is shown for the mix.
  const only = perLoad.length === 1 ? perLoad[0] : undefined;
  if (only) only.cpu = (serverCpu / requests) * 1e6;
  lastCpu = { server: (serverCpu / requests) * 1e6, postgres: (postgresSeconds / requests) * 1e6 };
  return perLoad;
}

/**
 * Waits until the servers have stopped working: when autocannon stops, the requests it had in flight are still
 * being answered (20 patient lists are seconds of CPU), and they must not be counted in the next run.
 */
async function settle(servers: { child: ChildProcess }[]): Promise<void> {
  const total = () => servers.reduce((sum, s) => sum + cpuSeconds(s.child.pid), 0);
  let before = total();
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = total();
    if (now - before < 0.02) return;
    before = now;
  }
}

const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`;
const line = (name: string, f: Figures): string =>
  `${name.padEnd(46)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${ms(f.p50)}   p99 ${ms(f.p99)}   ` +
  `server CPU ${Number.isNaN(f.cpu) ? '    –' : f.cpu.toFixed(0).padStart(5)} µs/req   non-2xx ${f.non2xx}   errors ${f.errors}`;
const cpuLine = () =>
  `${''.padEnd(46)} CPU per request of the run: servers ${lastCpu.server.toFixed(0)} µs, PostgreSQL ` +
  `${lastCpu.postgres.toFixed(0)} µs (every postgres process on the machine, other work's too)`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

// ---------------------------------------------------------------------------------------------------------------
// The clinic's people and records

const episodeFields = {
  timeZone: 'Europe/London',
  location: 'lower',
  trigger: 'lifting',
  knownConditions: [],
  preferences: {},
} as const;

interface Person {
  account: Account;
  headers: Record<string, string>;
}

interface Patient extends Person {
  episodeId: string;
}

/** Runs `task` on every item, `width` at a time (the store's pool holds 10 connections). */
async function eachInBatches<T>(items: readonly T[], width: number, task: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(task));
}

/** The headers of a signed-in person coming through the balancer from their own address. */
async function signIn(identity: SqlIdentityStore, account: Account, address: string): Promise<Person> {
  const session = await identity.createSession(account.id);
  return {
    account,
    headers: {
      host,
      origin: publicOrigin,
      cookie: `${cookieName}=${session.token}`,
      'x-csrf-token': session.csrfToken,
      'x-forwarded-for': address,
    },
  };
}

/** A patient's record as weeks of use leave it: a triage, a diary twice a day, ice sessions, PEG, a programme. */
async function fillRecord(store: Store, care: SqlCareStore, patient: Account, clinician: Account) {
  const now = Date.now();
  const episode: EpisodeInput = {
    id: uuidv7(),
    onsetDate: new Date(now - seedDays * day).toISOString().slice(0, 10),
    ...episodeFields,
    knownConditions: [],
  };
  await store.createEpisode(episode);
  await care.setEpisodeOwner(episode.id, patient.id);
  await store.createAssessment(episode.id, {
    id: uuidv7(),
    at: new Date(now - (seedDays - 0.5) * day).toISOString(),
    answers: exampleAnswers,
  });
  for (let k = 2 * seedDays - 1; k >= 0; k--) {
    await store.createDiaryEntry(episode.id, {
      id: uuidv7(),
      at: new Date(now - k * (day / 2) - 3_600_000).toISOString(),
      pain: Math.max(1, Math.round(7 - (2 * seedDays - k) / 8)),
      pattern: 'intermittent',
      treatments: ['tx-ice'],
    });
  }
  for (let k = 4; k >= 1; k--) {
    const startedAt = now - k * day;
    await store.createSessionLog(episode.id, {
      id: uuidv7(),
      protocolId: 'tx-ice',
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(startedAt + 20 * 60_000).toISOString(),
      stepsCompleted: 3,
      stoppedEarly: false,
      painBefore: 6,
      painAfter: 4,
    });
  }
  for (const [weeksAgo, score] of [
    [1, 7],
    [0, 5],
  ] as const) {
    await care.addPegScore({
      id: uuidv7(),
      patientId: patient.id,
      at: new Date(now - weeksAgo * 7 * day).toISOString(),
      pain: score,
      enjoyment: score,
      activity: score,
    });
  }
  await care.assignProgramme({
    patientId: patient.id,
    clinicianId: clinician.id,
    items: [{ entryId: 'tx-ice', timesPerWeek: 7 }],
  });
  return episode.id;
}

async function setUpClinic(store: Store) {
  const identity = new SqlIdentityStore(store.db, store.dialect);
  const care = new SqlCareStore(store.db, store.dialect);
  const clinic = await identity.createClinic('Bench Physiotherapy');
  const clinicians: Person[] = [];
  for (let i = 0; i < clinicianCount; i++) {
    const account = await identity.createAccount({
      role: 'clinician',
      clinicId: clinic.id,
      email: `clinician-${i}@bench.example`,
      displayName: `Clinician ${i}`,
    });
    clinicians.push(await signIn(identity, account, `10.2.0.${i + 1}`));
  }
  const patients: Patient[] = [];
  await eachInBatches(
    Array.from({ length: patientCount }, (_, i) => i),
    10,
    async (i) => {
      const account = await identity.createAccount({ role: 'patient', displayName: `Patient ${i}` });
      // Every link made the way a real one is: the clinician's invite, redeemed by the patient.
      for (const clinician of clinicians) {
        const invite = await care.createInvite(clinician.account.id);
        await care.redeemInvite(invite.code, account.id);
      }
      const episodeId = await fillRecord(store, care, account, clinicians[0]?.account ?? account);
      const person = await signIn(identity, account, `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`);
      patients.push({ ...person, episodeId });
    },
  );
  return { clinicians, patients };
}

/** Diary entries per patient now (what the next list reads). */
async function entriesPerPatient(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('diary_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Math.round(Number(row.n) / patientCount);
}

// ---------------------------------------------------------------------------------------------------------------
// The run

/** DATABASE_URL for a process that must use `schema` (libpq's `options` parameter sets search_path). */
function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const schema = `unknot_bench_${Date.now().toString(36)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'unknot-bench-clinic-'));
const servers: ServerProcess[] = [];
let store: Store | undefined;

await sql(`create schema ${schema}`);
try {
  const setUpAt = Date.now();
  store = await openStore({ kind: 'postgres', url: databaseUrl, schema });
  const { clinicians, patients } = await setUpClinic(store);
  const setUpSeconds = (Date.now() - setUpAt) / 1000;

  const clinicEnv = {
    UNKNOT_MODE: 'clinic',
    UNKNOT_PUBLIC_ORIGIN: publicOrigin,
    DATABASE_URL: urlWithSchema(databaseUrl, schema),
    UNKNOT_TRUSTED_PROXIES: '1',
    UNKNOT_RATE_LIMIT_PER_MINUTE: unlimited,
    UNKNOT_EXPENSIVE_RATE_LIMIT_PER_MINUTE: unlimited,
    LOG_LEVEL: 'error',
  };
  servers.push(await startServerProcess(clinicEnv), await startServerProcess(clinicEnv));
  const personal = await startServerProcess({
    // Personal mode on SQLite whatever this shell's DATABASE_URL says (an empty one means SQLite).
    UNKNOT_MODE: 'personal',
    DATABASE_URL: '',
    UNKNOT_DATA_DIR: dataDir,
    UNKNOT_RATE_LIMIT_PER_MINUTE: unlimited,
    LOG_LEVEL: 'error',
  });
  servers.push(personal);
  const clinicServers = servers.slice(0, 2);

  // Personal mode as bench:api writes: blocks of 5,000 entries per episode (its ceiling is 10,000).
  const personalEpisodes = Array.from({ length: Math.ceil((seconds * 50_000) / 5_000) }, () => uuidv7());
  for (const id of personalEpisodes) {
    const response = await fetch(`${personal.url}/api/v1/episodes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, onsetDate: '2026-11-18', ...episodeFields }),
    });
    if (response.status !== 201) throw new Error(`personal episode: ${response.status}`);
  }
  let personalWrites = 0;
  const personalDiary: Load = {
    name: 'personal POST diary',
    connections: personalConnections,
    next: () => ({
      method: 'POST',
      path: `/api/v1/episodes/${personalEpisodes[Math.floor(personalWrites++ / 5_000) % personalEpisodes.length] ?? ''}/diary`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(benchEntry()),
    }),
  };

  // Each request is the next patient's (and the next clinician's): 200 people, each with about one in flight.
  let patientTurn = 0;
  const clinicDiary: Load = {
    name: 'diary',
    connections: patientCount,
    next: () => {
      const patient = patients[patientTurn++ % patients.length];
      return {
        method: 'POST',
        path: `/api/v1/episodes/${patient?.episodeId ?? ''}/diary`,
        headers: { ...patient?.headers, 'content-type': 'application/json' },
        body: JSON.stringify(benchEntry()),
      };
    },
  };
  let clinicianTurn = 0;
  const list = (connections: number, limit = patientCount): Load => ({
    name: 'list',
    connections,
    next: () => ({
      method: 'GET',
      path: `/api/v1/patients?limit=${limit}`,
      headers: clinicians[clinicianTurn++ % clinicians.length]?.headers ?? {},
    }),
  });

  // One list as the first clinician sees it, to check the bench sees what it should.
  // (fetch may not set Host, which clinic mode checks.)
  const first = await rawRequest({
    port: Number(new URL(clinicServers[0]?.url ?? '').port),
    target: `/api/v1/patients?limit=${patientCount}`,
    headers: clinicians[0]?.headers ?? {},
  });
  const page = JSON.parse(first.body) as { items?: { pain: unknown; adherence: unknown }[] };
  if (first.status !== 200 || page.items?.length !== patientCount || !page.items[0]?.pain) {
    throw new Error(`GET /api/v1/patients: ${first.status}, ${String(page.items?.length)} rows`);
  }

  console.log(
    `bench:clinic — ${seconds} s each, loopback; two clinic-mode processes on one PostgreSQL schema, ` +
      `1 clinic, ${clinicianCount} clinicians × ${patientCount} patients (every patient linked to every ` +
      `clinician), set up in ${setUpSeconds.toFixed(0)} s.\nRate limits raised to ${unlimited} a minute ` +
      `(UNKNOT_RATE_LIMIT_PER_MINUTE, UNKNOT_EXPENSIVE_RATE_LIMIT_PER_MINUTE): the bench measures the servers, ` +
      `not the limiter,\nwhich still counts every request in PostgreSQL, per person (X-Forwarded-For, one trusted ` +
      `proxy). Latencies over both processes' responses.\n`,
  );

  const [personalFigures] = await run([personalDiary], [personal]);
  if (!personalFigures) throw new Error('no personal figures');
  console.log(`load ${load()}`);
  console.log(line(`personal: POST diary, ${personalConnections} conn., SQLite`, personalFigures));

  // The writes grow the diaries the list reads: the list runs first, then both (which adds a few entries), then
  // the writes alone (which add many), and last one clinician's list again, to show what the larger diaries cost.
  const phases: { title: string; loads: Load[] }[] = [
    { title: '1 clinician, list of 200, alone', loads: [list(1)] },
    { title: `${clinicianCount} clinicians, list of 200, alone`, loads: [list(clinicianCount)] },
    // The route's default page, which is what a clinician opening the list first sees.
    { title: '1 clinician, first page of 50, alone', loads: [list(1, 50)] },
    { title: `${clinicianCount} clinicians, first page of 50, alone`, loads: [list(clinicianCount, 50)] },
    { title: 'both at once', loads: [list(clinicianCount), clinicDiary] },
    { title: `${patientCount} patients, POST diary, alone`, loads: [clinicDiary] },
    { title: '1 clinician, list of 200, larger diaries', loads: [list(1)] },
  ];
  const measured: Record<string, Figures> = {};
  for (const phase of phases) {
    console.log(`load ${load()}, ${await entriesPerPatient(store)} diary entries per patient`);
    const figures = await run(phase.loads, clinicServers);
    phase.loads.forEach((l, i) => {
      const f = figures[i];
      if (!f) return;
      const name = phase.loads.length > 1 ? `${phase.title}: ${l.name}` : phase.title;
      measured[name] = f;
      console.log(line(name, f));
    });
    console.log(cpuLine());
  }
  console.log(`load ${load()}, ${await entriesPerPatient(store)} diary entries per patient at the end`);

  const p99 = (name: string) => ms(measured[name]?.p99 ?? Number.NaN).trim();
  const clinicWrite = measured[`${patientCount} patients, POST diary, alone`];
  console.log(`
ratio clinic diary / personal diary: ${((clinicWrite?.rps ?? Number.NaN) / personalFigures.rps).toFixed(2)} (req/s, this run)
goal: clinician list p99 ≤ 50 ms at 200 patients
  list of 200: 1 clinician alone p99 ${p99('1 clinician, list of 200, alone')}; ${clinicianCount} clinicians alone p99 ${p99(`${clinicianCount} clinicians, list of 200, alone`)}; with ${patientCount} patients writing p99 ${p99('both at once: list')}
  first page of 50: 1 clinician alone p99 ${p99('1 clinician, first page of 50, alone')}; ${clinicianCount} clinicians alone p99 ${p99(`${clinicianCount} clinicians, first page of 50, alone`)}`);
} finally {
  for (const server of servers) {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
  await store?.close();
  await sql(`drop schema if exists ${schema} cascade`);
  rmSync(dataDir, { recursive: true, force: true });
}
