import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath } from './run-cli.ts';

// Why: `unknot serve` starts the server as a child process (the CLI may not import it); check it really serves.
describe('unknot serve', () => {
  it('starts the server on the same data folder, prints its URL, serves the API and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'unknot-serve-'));
    const child = spawn(process.execPath, [binPath, 'serve'], {
      env: { ...process.env, UNKNOT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => {
          reject(new Error(`no URL printed:\n${out}`));
        }, 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /running at (http:\/\/\S+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${url}/api/v1/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
