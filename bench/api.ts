/**
 * `npm run bench:api`: bare Fastify "hello" against unknot's POST /api/v1/episodes/:id/diary (validated by
 * zod, written to SQLite with synchronous=FULL, acknowledged after commit), each server in its own process,
 * loaded by autocannon with 50 connections over loopback. Prints req/s, p50, p99 and the ratio.
 * Asserts nothing. BENCH_SECONDS sets the duration of each run (default 10).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import { withSourceCondition } from '../scripts/source-condition.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
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
}

async function load(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const line = (name: string, f: Figures): string =>
  `${name.padEnd(34)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   non-2xx ${f.non2xx}   errors ${f.errors}`;

const dataDir = mkdtempSync(join(tmpdir(), 'unknot-bench-'));
const hello = await start(fileURLToPath(new URL('./hello-server.ts', import.meta.url)));
const unknot = await start(fileURLToPath(new URL('../packages/server/src/start.ts', import.meta.url)), {
  UNKNOT_DATA_DIR: dataDir,
  // The benchmark is one client on loopback sending far more than a person would; lift the per-client limit.
  UNKNOT_RATE_LIMIT_PER_MINUTE: '100000000',
});

try {
  // An episode holds at most 10,000 diary entries (a 409 after), so the writes move to the next episode every
  // 5,000, with enough episodes for a fast machine. In blocks, not round robin: a person's entries arrive in
  // one episode at a time, and scattering them would measure B-tree page churn that real use never has.
  const episodeIds = Array.from({ length: Math.ceil((seconds * 50_000) / 5_000) }, () => uuidv7());
  for (const id of episodeIds) {
    const created = await fetch(`${unknot.url}/api/v1/episodes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        onsetDate: '2026-11-18',
        timeZone: 'Europe/London',
        location: 'lower',
        trigger: 'lifting',
        knownConditions: [],
        preferences: {},
      }),
    });
    if (created.status !== 201) throw new Error(`could not create an episode: ${created.status}`);
  }
  const episodeId = episodeIds[0] ?? '';
  let next = 0;

  console.log(
    `bench:api — ${connections} connections, ${seconds} s each, loopback, separate server processes\n`,
  );
  const base = await load({ url: `${hello.url}/` });
  console.log(line('bare Fastify GET / (hello)', base));

  const diary = await load({
    url: `${unknot.url}/api/v1/episodes/${episodeId}/diary`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // A new id for every request, so every request is a real, durable insert (not an idempotent replay).
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          path: `/api/v1/episodes/${episodeIds[Math.floor(next++ / 5_000) % episodeIds.length] ?? episodeId}/diary`,
          body: JSON.stringify({
            id: uuidv7(),
            at: new Date().toISOString(),
            pain: 5,
            pattern: 'intermittent',
            worse: { known: ['sitting'] },
            treatments: ['tx-heat'],
            note: 'benchmark entry',
          }),
        }),
      },
    ],
  });
  console.log(line('POST /api/v1/episodes/:id/diary', diary));
  console.log(`\nratio diary / hello: ${(diary.rps / base.rps).toFixed(2)} (goal ≥ 0.35)`);

  const count = (await (await fetch(`${unknot.url}/api/v1/episodes/${episodeId}/diary?limit=1`)).json()) as {
    items: unknown[];
  };
  if (count.items.length !== 1) console.log('warning: diary read-back failed');
} finally {
  hello.child.kill('SIGKILL');
  unknot.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
