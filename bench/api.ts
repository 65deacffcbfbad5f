/**
 * `npm run bench:api`: unknot's API against bare Fastify, each server in its own process, loaded by autocannon
 * with 50 connections over loopback. Prints req/s, p50 and p99 of:
 * - bare Fastify "hello", and hello with unknot's hand-written security headers and rate limit, and with
 *   @fastify/helmet and @fastify/rate-limit instead (issue 13 §5: what each costs);
 * - POST /api/v1/episodes/:id/diary (zod-validated, written to SQLite with synchronous=FULL, acknowledged after
 *   commit), and its ratio to hello (goal ≥ 0.35);
 * - GET /api/v1/episodes/:id/plan (goal ≥ 1,000 req/s), the same with If-None-Match (304), and GET summary;
 * and the size of the plan's body, with the compact size of the default plan on each day since onset. Each line
 * also gives the CPU time the server process spent per request, which other load on the machine moves far less
 * than req/s.
 * Asserts nothing. BENCH_SECONDS sets the duration of each run (default 10); the three hellos are run
 * BENCH_ROUNDS times each, interleaved (default 2), since their differences are a few per cent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import {
  addDays,
  buildPlan,
  compactPlan,
  exampleAnswers,
  isValidationError,
  localDate,
  triage,
  type PlanProfile,
} from '@unknot/core';
import autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import { withSourceCondition } from '../scripts/source-condition.ts';
import { cpuSeconds } from './cpu.ts';
import { benchEntry } from './diary-entry.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = 50;

function start(
  script: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [script], {
    env: { ...withSourceCondition(), PORT: '0', LOG_LEVEL: 'error', ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`${script} exited ${String(code)}: ${out}`));
    });
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time the server process spent per request, in µs (NaN where /proc is not there). */
  cpu: number;
}

async function load(server: ChildProcess, options: autocannon.Options): Promise<Figures> {
  const before = cpuSeconds(server.pid);
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpu: ((cpuSeconds(server.pid) - before) / result.requests.total) * 1e6,
  };
}

const line = (name: string, f: Figures): string =>
  `${name.padEnd(40)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   server CPU ${f.cpu.toFixed(0).padStart(5)} µs/req   non-2xx ${f.non2xx}   errors ${f.errors}`;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

async function postJson(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
}

const zone = 'Europe/London';
const episodeFields = {
  timeZone: zone,
  location: 'lower',
  trigger: 'lifting',
  knownConditions: [],
  preferences: {},
} as const;

/**
 * The compact JSON size of the default plan (the episode above, self-care triage) on each day since onset, in
 * runs of equal size: the first days list the most stages, hence the most entries.
 */
function sizesByDay(): string {
  const result = triage(exampleAnswers);
  if (isValidationError(result)) throw new Error('the example answers no longer validate');
  const today = '2026-03-10';
  const runs: { from: number; to: number; compact: number; gzip: number; full: number }[] = [];
  for (let day = 0; day <= 20; day++) {
    const profile: PlanProfile = {
      ...episodeFields,
      onsetDate: addDays(today, -day),
      triage: { at: `${today}T09:00:00.000Z`, result },
    };
    const plan = buildPlan(profile, today);
    if (plan.kind !== 'plan') throw new Error(`no default plan on day ${day}: ${plan.kind}`);
    const body = JSON.stringify(compactPlan(plan));
    const compact = body.length;
    const last = runs.at(-1);
    if (last && Math.abs(last.compact - compact) < 500) last.to = day;
    else {
      // What the server sends a client that takes gzip (conditional-get.ts: memoised bodies, best compression).
      const gzip = gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length;
      runs.push({ from: day, to: day, compact, gzip, full: JSON.stringify(plan).length });
    }
  }
  return runs
    .map(({ from, to, compact, gzip, full }) => {
      const days = from === to ? `day ${from}` : to === 20 ? `days ${from}+` : `days ${from}–${to}`;
      return `${days} ${kB(compact)}, gzip ${kB(gzip)} (full Plan ${kB(full)})`;
    })
    .join(', ');
}

const dataDir = mkdtempSync(join(tmpdir(), 'unknot-bench-'));
const helloScript = fileURLToPath(new URL('./hello-server.ts', import.meta.url));
const hellos = {
  bare: await start(helloScript, { HELLO_MIDDLEWARE: 'none' }),
  ours: await start(helloScript, { HELLO_MIDDLEWARE: 'ours' }),
  libraries: await start(helloScript, { HELLO_MIDDLEWARE: 'libraries' }),
};
const unknot = await start(fileURLToPath(new URL('../packages/server/src/start.ts', import.meta.url)), {
  UNKNOT_DATA_DIR: dataDir,
  // The benchmark is one client on loopback sending far more than a person would; lift the per-client limit.
  UNKNOT_RATE_LIMIT_PER_MINUTE: '100000000',
});
const api = `${unknot.url}/api/v1`;

try {
  // An episode holds at most 10,000 diary entries (a 409 after), so the writes move to the next episode every
  // 5,000, with enough episodes for a fast machine. In blocks, not round robin: a person's entries arrive in
  // one episode at a time, and scattering them would measure B-tree page churn that real use never has.
  const episodeIds = Array.from({ length: Math.ceil((seconds * 50_000) / 5_000) }, () => uuidv7());
  for (const id of episodeIds) {
    await postJson(`${api}/episodes`, { id, onsetDate: '2026-11-18', ...episodeFields });
  }
  const episodeId = episodeIds[0] ?? '';
  let next = 0;

  // The plan and summary episode: a default episode three days old, triaged self-care, two ratings a day.
  const now = Date.now();
  const planEpisode = uuidv7();
  const onsetDate = addDays(localDate(new Date(now).toISOString(), zone), -3);
  await postJson(`${api}/episodes`, { id: planEpisode, onsetDate, ...episodeFields });
  await postJson(`${api}/episodes/${planEpisode}/assessments`, {
    id: uuidv7(),
    at: new Date(now).toISOString(),
    answers: exampleAnswers,
  });
  for (let k = 5; k >= 0; k--) {
    await postJson(`${api}/episodes/${planEpisode}/diary`, {
      id: uuidv7(),
      at: new Date(now - k * 12 * 3_600_000).toISOString(),
      pain: 7 - Math.floor(k / 2),
      pattern: 'intermittent',
    });
  }
  const planUrl = `${api}/episodes/${planEpisode}/plan`;
  // Identity: autocannon sends no Accept-Encoding, so the tag of the 304 load below must be the identity one.
  const planResponse = await fetch(planUrl, { headers: { 'accept-encoding': 'identity' } });
  const planBody = Buffer.from(await planResponse.arrayBuffer());
  const planTag = planResponse.headers.get('etag') ?? '';
  const summaryUrl = `${api}/episodes/${planEpisode}/summary`;
  const summaryBytes = (await (await fetch(summaryUrl)).arrayBuffer()).byteLength;
  const planKind = (JSON.parse(planBody.toString()) as { kind: string }).kind;
  if (planResponse.status !== 200 || planKind !== 'plan') {
    throw new Error(`GET plan: ${planResponse.status}, kind ${planKind}`);
  }

  console.log(
    `bench:api — ${connections} connections, ${seconds} s each, loopback, separate server processes\n`,
  );

  const hello: Record<keyof typeof hellos, Figures[]> = { bare: [], ours: [], libraries: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of ['bare', 'ours', 'libraries'] as const) {
      const figures = await load(hellos[name].child, { url: `${hellos[name].url}/` });
      hello[name].push(figures);
      console.log(line(`hello, ${name}${rounds > 1 ? ` (round ${round + 1})` : ''}`, figures));
    }
  }
  const mean = (list: Figures[], of: (f: Figures) => number) =>
    list.reduce((sum, f) => sum + of(f), 0) / list.length;
  const [bare, ours, libraries] = [hello.bare, hello.ours, hello.libraries].map((list) => ({
    rps: mean(list, (f) => f.rps),
    cpu: mean(list, (f) => f.cpu),
  })) as [{ rps: number; cpu: number }, { rps: number; cpu: number }, { rps: number; cpu: number }];

  const diary = await load(unknot.child, {
    url: `${api}/episodes/${episodeId}/diary`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // A new id for every request, so every request is a real, durable insert (not an idempotent replay).
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          path: `/api/v1/episodes/${episodeIds[Math.floor(next++ / 5_000) % episodeIds.length] ?? episodeId}/diary`,
          body: JSON.stringify(benchEntry()),
        }),
      },
    ],
  });
  console.log(line('POST /api/v1/episodes/:id/diary', diary));

  const plan = await load(unknot.child, { url: planUrl });
  console.log(line('GET  /api/v1/episodes/:id/plan', plan));
  const notModified = await load(unknot.child, { url: planUrl, headers: { 'if-none-match': planTag } });
  // autocannon counts a 304 as non-2xx: here every request should be one.
  console.log(line('GET  …/plan with If-None-Match (304)', notModified));
  const summary = await load(unknot.child, { url: summaryUrl });
  console.log(line('GET  /api/v1/episodes/:id/summary', summary));

  console.log(`
ratio diary / hello:            ${(diary.rps / bare.rps).toFixed(2)} (goal ≥ 0.35)
GET plan:                       ${plan.rps.toFixed(0)} req/s (goal ≥ 1,000)
plan body:                      ${kB(planBody.length)} compact JSON, gzip ${kB(gzipSync(planBody, { level: constants.Z_BEST_COMPRESSION }).length)} as sent to clients that take it; day 3 of a default episode (goal ≤ 60 kB)
default plan by day since onset: ${sizesByDay()}
summary body:                   ${kB(summaryBytes)}

§5, per-response protections, mean of ${rounds} round(s):
                        hello req/s   server CPU µs/req
  bare                  ${bare.rps.toFixed(0).padStart(11)}   ${bare.cpu.toFixed(1).padStart(17)}
  hand-written          ${ours.rps.toFixed(0).padStart(11)}   ${ours.cpu.toFixed(1).padStart(17)}
  helmet + rate-limit   ${libraries.rps.toFixed(0).padStart(11)}   ${libraries.cpu.toFixed(1).padStart(17)}
  cost of the hand-written:            ${percent(1 - ours.rps / bare.rps)} of bare req/s, +${percent(ours.cpu / bare.cpu - 1)} CPU per request
  cost of the libraries:               ${percent(1 - libraries.rps / bare.rps)} of bare req/s, +${percent(libraries.cpu / bare.cpu - 1)} CPU per request
  the libraries against the hand-written: ${percent(1 - libraries.rps / ours.rps)} fewer req/s, +${percent(libraries.cpu / ours.cpu - 1)} CPU per request
  (issue 13 §5: keep the hand-written ones only if the libraries cost more than 10 %)`);

  const count = (await (await fetch(`${api}/episodes/${episodeId}/diary?limit=1`)).json()) as {
    items: unknown[];
  };
  if (count.items.length !== 1) console.log('warning: diary read-back failed');
} finally {
  for (const { child } of Object.values(hellos)) child.kill('SIGKILL');
  unknot.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
