import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@unknot/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { makeDiaryEntry, makeEpisode } from './test-app.ts';

/**
 * A real full disk: the database lives on a 1 MiB tmpfs. Mounting needs root on Linux (as on CI); elsewhere
 * the suite is skipped and says why.
 */
function mountSmallDisk(): { dir: string; grow: () => void; unmount: () => void } | string {
  if (process.platform !== 'linux') return 'disk-full tests skipped: they mount a tmpfs, which needs Linux';
  const dir = mkdtempSync(join(tmpdir(), 'unknot-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `disk-full tests skipped: cannot mount a tmpfs here (${(error as Error).message.split('\n')[0] ?? ''})`;
  }
  return {
    dir,
    grow: () => execFileSync('mount', ['-o', 'remount,size=16m', dir]),
    unmount: () => {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const disk = mountSmallDisk();
if (typeof disk === 'string') console.warn(disk);

describe.skipIf(typeof disk === 'string')('a full disk', () => {
  const mounted = disk as Exclude<typeof disk, string>;
  const path = join(mounted.dir, 'unknot.db');
  let store: Store;
  let app: FastifyInstance;
  const episode = makeEpisode();
  const acknowledged: string[] = [];
  let refused: ReturnType<typeof makeDiaryEntry> | undefined;
  let refusal:
    { status: number; headers: Record<string, unknown>; body: Record<string, unknown> } | undefined;

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', path });
    app = await buildApp({ store });
    await store.createEpisode(episode);
    // Fill the disk with diary entries until a write is refused.
    for (let i = 0; i < 5000 && refusal === undefined; i++) {
      const entry = makeDiaryEntry({ note: `entry ${i} `.padEnd(2000, 'x') });
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/episodes/${episode.id}/diary`,
        payload: entry,
      });
      if (res.statusCode === 201) acknowledged.push(entry.id);
      else {
        refused = entry;
        refusal = {
          status: res.statusCode,
          headers: res.headers,
          body: JSON.parse(res.body) as Record<string, unknown>,
        };
      }
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    mounted.unmount();
  });

  it('answers 507 problem+json with Retry-After, not a 500', () => {
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(refusal?.status).toBe(507);
    expect(refusal?.headers['content-type']).toContain('application/problem+json');
    expect(refusal?.headers['retry-after']).toMatch(/^\d+$/);
    expect(refusal?.body.code).toBe('storage_full');
  });

  it('reports degraded on /healthz and /api/v1/healthz while full', async () => {
    for (const url of ['/healthz', '/api/v1/healthz']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(503);
      expect(JSON.parse(res.body)).toMatchObject({ status: 'degraded' });
    }
  });

  it('loses nothing it acknowledged, and recovers once there is space again', async () => {
    const listed = await store.listAllDiary(episode.id);
    expect(listed.map((e) => e.id)).toEqual(expect.arrayContaining(acknowledged));
    expect(listed.map((e) => e.id)).not.toContain(refused?.id);

    if (!refused) throw new Error('no write was refused');
    mounted.grow();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const retry = await app.inject({
      method: 'POST',
      url: `/api/v1/episodes/${episode.id}/diary`,
      payload: refused,
    });
    expect(retry.statusCode).toBe(201);

    // A restart finds every acknowledged entry on disk.
    await app.close();
    await store.close();
    store = await openStore({ kind: 'sqlite', path });
    app = await buildApp({ store });
    const reopened = (await store.listAllDiary(episode.id)).map((e) => e.id);
    expect(reopened).toEqual(expect.arrayContaining([...acknowledged, refused.id]));
  });
});
