import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { openStore } from '@unknot/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, runCliInProcess } from './run-cli.ts';

const hasScript = existsSync('/usr/bin/script');
if (!hasScript) console.warn('session terminal test skipped: /usr/bin/script (util-linux) is not installed');

/**
 * Runs `command` in a pseudo-terminal (`script` from util-linux) and lets the test type into it as a person would,
 * each key once the screen shows what it answers: no fixed sleeps, so it is as fast as the program and as patient
 * as a loaded machine needs.
 */
function pseudoTerminal(command: string, env: NodeJS.ProcessEnv) {
  // stty gives the pseudo-terminal a size; without one, prompts wrap at one character.
  const child = spawn('script', ['-qfec', `stty cols 120 rows 40; ${command}`, '/dev/null'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let changed: () => void = () => undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    changed();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // eslint-disable-next-line no-control-regex -- stripping terminal escape codes is the point here
  const screen = () => output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return {
    screen,
    exited,
    type: (keys: string) => child.stdin.write(keys),
    /** Resolves once the screen shows `text`; fails, showing the screen, if it does not within 20 s. */
    waitFor: (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`the terminal never showed "${text}":\n${screen()}`));
        }, 20_000);
        changed = () => {
          if (screen().includes(text)) {
            clearTimeout(timer);
            resolve();
          }
        };
        changed();
      }),
    kill: () => child.kill(),
  };
}

// Why: the timer reads raw keys from a real terminal; `script` gives the real binary a pseudo-terminal.
describe.skipIf(!hasScript)('unknot session in a real pseudo-terminal', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'unknot-session-'));
    const today = new Date().toISOString().slice(0, 10);
    const made = await runCliInProcess(
      [
        'episode',
        'new',
        '--onset',
        today,
        '--location',
        'lower',
        '--trigger',
        'lifting',
        '--timezone',
        'UTC',
      ],
      { env: { UNKNOT_DATA_DIR: dataDir } },
    );
    expect(made.status, made.stderr).toBe(0);
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks the prompts and pain, runs with skip keys, warns on a 2-point rise and logs the session', async () => {
    const terminal = pseudoTerminal(`${process.execPath} ${binPath} session ex-gentle-stretching`, {
      ...process.env,
      UNKNOT_DATA_DIR: dataDir,
      COLUMNS: '120',
    });
    try {
      await terminal.waitFor('Before you start');
      terminal.type('y');
      await terminal.waitFor('How bad is the pain right now');
      terminal.type('3\r');
      // The progress bar: the status line is cut to the terminal's width, so its key help may not show.
      await terminal.waitFor('░');
      // Skip step after step until the timer is over and asks again (the stretch has a dozen steps).
      for (let i = 0; i < 60 && !terminal.screen().includes('And now'); i++) {
        terminal.type('n');
        await delay(150);
      }
      await terminal.waitFor('And now');
      // A skip pressed as the timer ended lands in the prompt: erase it before the answer.
      terminal.type('\x7f'.repeat(20) + '6\r');
      await terminal.waitFor('Logged to the diary');
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    const screen = terminal.screen();
    expect(screen).toContain('Before you start');
    expect(screen).toContain('How bad is the pain right now');
    expect(screen).toContain('[space] pause');
    expect(screen).toContain('3 points higher than before. Stop this exercise for today');
    expect(screen).toContain('Logged to the diary');

    const store = await openStore({ kind: 'sqlite', path: join(dataDir, 'unknot.db') });
    try {
      const [episode] = await store.listEpisodes();
      const sessions = await store.listSessionLogs(episode?.id ?? '');
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ protocolId: 'ex-gentle-stretching', painBefore: 3, painAfter: 6 });
    } finally {
      await store.close();
    }
  });
});
