import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@unknot/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, runCli } from './run-cli.ts';

const hasScript = existsSync('/usr/bin/script');
if (!hasScript) console.warn('session terminal test skipped: /usr/bin/script (util-linux) is not installed');

// Why: the timer reads raw keys from a real terminal; `script` gives the real binary a pseudo-terminal.
describe.skipIf(!hasScript)('unknot session in a real pseudo-terminal', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'unknot-session-'));
    const today = new Date().toISOString().slice(0, 10);
    const made = runCli(
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
      undefined,
      {
        UNKNOT_DATA_DIR: dataDir,
      },
    );
    expect(made.status, made.stderr).toBe(0);
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks the prompts and pain, runs with skip keys, warns on a 2-point rise and logs the session', async () => {
    // Keys, with pauses so each prompt is on screen when its answer arrives: confirm the prompts, pain 3,
    // then skip through every step, then pain 6 afterwards.
    // Extra skips after the last step land in the next prompt, so backspaces clear them before the answer.
    const keys = `sleep 3; printf y; sleep 0.6; printf '3\\r'; sleep 1.5; for i in $(seq 1 12); do printf n; sleep 0.25; done; sleep 1; for i in $(seq 1 20); do printf '\\177'; done; printf '6\\r'; sleep 2`;
    const run = spawnSync(
      'bash',
      [
        '-c',
        // stty gives the pseudo-terminal a size; without one, prompts wrap at one character.
        `(${keys}) | script -qfec "stty cols 120 rows 40; ${process.execPath} ${binPath} session ex-gentle-stretching" /dev/null`,
      ],
      {
        env: { ...process.env, UNKNOT_DATA_DIR: dataDir, COLUMNS: '120' },
        encoding: 'utf8',
        timeout: 40_000,
      },
    );
    // eslint-disable-next-line no-control-regex -- stripping terminal escape codes is the point here
    const screen = run.stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
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
