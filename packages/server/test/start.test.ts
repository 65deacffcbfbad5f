import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopback, listenAddressFromEnv } from '../src/listen-address.ts';
import { exited, startScript, startServerProcess } from './server-process.ts';

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
