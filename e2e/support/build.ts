/**
 * Builds the web app when `packages/web/dist` is missing or older than its sources, so the suite runs from a
 * clean clone with `npm test`. The e2e project calls it once, before its workers start (global-setup.ts); the
 * lock directory is for separate processes that want the build at the same time (two test runs, a bench, the
 * screenshots script): one builds while the others wait.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withSourceCondition } from '../../scripts/source-condition.ts';
import { repoRoot, webDir, webDist } from './paths.ts';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

function isStale(): boolean {
  const built = join(webDist, 'index.html');
  if (!existsSync(built) || !existsSync(join(webDist, 'sw.js'))) return true;
  const sources = Math.max(
    newest(join(webDir, 'src')),
    newest(join(webDir, 'build')),
    newest(join(webDir, 'public')),
    newest(join(webDir, 'index.html')),
    newest(join(webDir, 'vite.config.ts')),
    newest(join(repoRoot, 'packages/core/src')),
  );
  return sources > statSync(built).mtimeMs;
}

export async function ensureWebBuilt(): Promise<void> {
  const lock = join(repoRoot, 'node_modules', '.e2e-build.lock');
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (!isStale()) return;
    const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const run = spawnSync(
      process.execPath,
      [vite, 'build', '--configLoader', 'native', '--logLevel', 'warn'],
      {
        cwd: webDir,
        encoding: 'utf8',
        env: { ...withSourceCondition(), NODE_ENV: 'production' },
      },
    );
    if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
