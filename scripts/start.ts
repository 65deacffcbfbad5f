/**
 * `npm start`: builds what is missing (the web app, the first time), then starts the server, which migrates
 * the database and prints its URL. A build already there is reused, so a restart is quick.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inheritSourceCondition } from './source-condition.ts';

// The web build (a child process) loads core from its sources too.
inheritSourceCondition();

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}packages/web/dist/index.html`)) {
  console.log('Building the web app (first start only)…');
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build', '-w', '@unknot/web'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build', '-w', '@unknot/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(
      'unknot: the web app did not build; the API will still start. Run `npm run build` to see why.',
    );
  }
}
await import('../packages/server/src/start.ts');
