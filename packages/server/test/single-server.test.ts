import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, startServerProcess, type ServerProcess } from './server-process.ts';

describe('one server per SQLite file (real processes)', () => {
  let dir: string;
  let first: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'unknot-single-'));
    first = await startServerProcess({ UNKNOT_DATA_DIR: join(dir, 'data') });
  });
  afterAll(async () => {
    first.child.kill('SIGTERM');
    await exited(first.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the data folder and files private', () => {
    if (process.platform === 'win32') return;
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'data', 'unknot.db')).mode & 0o777).toBe(0o600);
  });

  it('a second server on the same file refuses to start, naming the first one’s PID', async () => {
    const second = startServerProcess({ UNKNOT_DATA_DIR: join(dir, 'data') });
    const error = await second.then(
      () => new Error('the second server started'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain('before listening');
    expect(error.message).toContain(`PID ${String(first.child.pid)}`);
    // The first one still answers.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });

  it('releases the lock when it stops, so the next start succeeds', async () => {
    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(existsSync(join(dir, 'data', 'unknot.db.lock'))).toBe(false);
    first = await startServerProcess({ UNKNOT_DATA_DIR: join(dir, 'data') });
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });
});
