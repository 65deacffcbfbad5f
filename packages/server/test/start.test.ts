import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { isLoopback, listenAddressFromEnv } from '../src/listen-address.ts';
import { rawRequest } from './raw-http.ts';
import { exited, startScript, startServerProcess, type ServerProcess } from './server-process.ts';
import { makeEpisode } from './test-app.ts';

describe('personal mode listens on this computer only', () => {
  it.each(['127.0.0.1', '127.0.0.2', '::1', 'localhost'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1'])('%s is not', (host) => {
    expect(isLoopback(host)).toBe(false);
    expect(() => listenAddressFromEnv({ HOST: host })).toThrow(/accounts/);
  });
  it('defaults to 127.0.0.1:3000 and rejects a bad PORT', () => {
    expect(listenAddressFromEnv({})).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(() => listenAddressFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });
  it('takes HOST=[::1] as a URL writes it, and listens on the bare address', () => {
    expect(listenAddressFromEnv({ HOST: '[::1]', PORT: '0' })).toEqual({ host: '::1', port: 0 });
    expect(listenAddressFromEnv({ HOST: '::1' })).toEqual({ host: '::1', port: 3000 });
  });

  it('the real server refuses HOST=0.0.0.0 with a message about accounts, exit 1', () => {
    const run = spawnSync(process.execPath, [startScript], {
      env: { ...process.env, HOST: '0.0.0.0' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('accounts');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('starts on a fresh data folder, migrates, prints its URL and serves the API', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'unknot-start-'));
    const server = await startServerProcess({ UNKNOT_DATA_DIR: join(dataDir, 'nested') });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/api/v1/healthz`);
      expect(await res.json()).toEqual({ status: 'ok', database: 'sqlite' });
      expect(server.output()).toContain(join(dataDir, 'nested', 'unknot.db'));
    } finally {
      server.child.kill('SIGTERM');
      expect(await exited(server.child)).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Starts the real server on a fresh data folder, runs `use`, then stops it and removes the folder. */
async function withServer(env: Record<string, string>, use: (server: ServerProcess) => Promise<void>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'unknot-start-'));
  const server = await startServerProcess({ UNKNOT_DATA_DIR: dataDir, ...env });
  try {
    await use(server);
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const hasIpv6Loopback = Object.values(networkInterfaces()).some((addresses) =>
  addresses?.some((a) => a.family === 'IPv6' && a.address === '::1'),
);
if (!hasIpv6Loopback) console.warn('IPv6 start test skipped: this machine has no ::1 loopback address');

describe.skipIf(!hasIpv6Loopback)('HOST=[::1]', () => {
  it('listens on ::1, prints a bracketed URL, serves requests to [::1]:PORT and refuses other hosts', async () => {
    await withServer({ HOST: '[::1]' }, async (server) => {
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const health = await fetch(`${server.url}/api/v1/healthz`);
      expect(health.status).toBe(200);
      const port = Number(new URL(server.url).port);
      const rebound = await rawRequest({
        address: '::1',
        port,
        target: '/api/v1/healthz',
        headers: { host: `rebind.attacker.example:${port}` },
      });
      expect(rebound.status).toBe(421);
    });
  });
});

describe('UNKNOT_EXPENSIVE_RATE_LIMIT_PER_MINUTE', () => {
  it('sets the budget of plans and summaries', async () => {
    await withServer({ UNKNOT_EXPENSIVE_RATE_LIMIT_PER_MINUTE: '1' }, async (server) => {
      const episode = makeEpisode();
      const created = await fetch(`${server.url}/api/v1/episodes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(episode),
      });
      expect(created.status).toBe(201);
      const plan = `${server.url}/api/v1/episodes/${episode.id}/plan`;
      expect((await fetch(plan)).status).toBe(200);
      expect((await fetch(plan)).status).toBe(429);
      expect((await fetch(`${server.url}/api/v1/episodes`)).status).toBe(200);
    });
  });

  it('refuses a value that is not a positive whole number, in one line', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'unknot-start-'));
    try {
      const run = spawnSync(process.execPath, [startScript], {
        env: {
          ...process.env,
          UNKNOT_DATA_DIR: dataDir,
          PORT: '0',
          UNKNOT_EXPENSIVE_RATE_LIMIT_PER_MINUTE: '0',
        },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        'unknot: UNKNOT_EXPENSIVE_RATE_LIMIT_PER_MINUTE must be a positive whole number (got "0").',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
