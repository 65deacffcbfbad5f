import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

describe('unknot episode (real SQLite file)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'unknot-cli-'));
    env = { UNKNOT_DATA_DIR: dataDir, TZ: 'UTC' };
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCliInProcess(args, { env });

  it('new makes the active episode; list shows it; close closes it; all in the same database file', async () => {
    const created = await cli(
      'episode',
      'new',
      '--onset',
      '2026-11-18',
      '--location',
      'lower',
      '--trigger',
      'lifting',
      '--conditions',
      'disc_herniation,arthritis',
      '--json',
    );
    expect(created.status, created.stderr).toBe(0);
    const episode = JSON.parse(created.stdout) as {
      id: string;
      status: string;
      knownConditions: string[];
      timeZone: string;
    };
    expect(episode).toMatchObject({ status: 'active', knownConditions: ['disc_herniation', 'arthritis'] });

    const list = JSON.parse((await cli('episode', 'list', '--json')).stdout) as {
      id: string;
      active: boolean;
    }[];
    expect(list).toEqual([expect.objectContaining({ id: episode.id, active: true })]);
    expect((await cli('episode', 'list')).stdout).toContain(`* ${episode.id}`);

    const closed = await cli('episode', 'close');
    expect(closed.status).toBe(0);
    expect(closed.stdout).toContain(`Closed episode ${episode.id}`);
    const after = JSON.parse((await cli('episode', 'list', '--json')).stdout) as {
      status: string;
      active: boolean;
    }[];
    expect(after).toEqual([expect.objectContaining({ status: 'closed', active: false })]);
  });

  it('use switches the active episode, and refuses an unknown id', async () => {
    const a = JSON.parse(
      (
        await cli(
          'episode',
          'new',
          '--onset',
          '2026-11-01',
          '--location',
          'upper',
          '--trigger',
          'other',
          '--json',
        )
      ).stdout,
    ) as { id: string };
    await cli('episode', 'new', '--onset', '2026-11-10', '--location', 'lower', '--trigger', 'lifting');
    expect((await cli('episode', 'use', a.id)).status).toBe(0);
    const list = JSON.parse((await cli('episode', 'list', '--json')).stdout) as {
      id: string;
      active: boolean;
    }[];
    expect(list.find((e) => e.active)?.id).toBe(a.id);
    const unknown = await cli('episode', 'use', '0193a0b0-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No episode with id');
  });

  it('names every bad option in one line and stores nothing', async () => {
    const run = await cli(
      'episode',
      'new',
      '--onset',
      '2026-13-45',
      '--location',
      'neck',
      '--trigger',
      'lifting',
      '--conditions',
      'bad_back',
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--onset');
    expect(run.stderr).toContain('--location');
    expect(run.stderr).toContain('--conditions');
    expect(JSON.parse((await cli('episode', 'list', '--json')).stdout)).toEqual([]);
  });

  it('a command that needs an episode and finds none says how to make one', async () => {
    const run = await cli('episode', 'close');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No active episode');
    expect(run.stderr).toContain('unknot episode new --onset');
  });

  it('rejects an onset in the future and missing required options', async () => {
    expect(
      (await cli('episode', 'new', '--onset', '2999-01-01', '--location', 'lower', '--trigger', 'lifting'))
        .stderr,
    ).toContain('future');
    const missing = await cli('episode', 'new', '--location', 'lower');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('--onset');
    expect(missing.stderr).toContain('--trigger');
  });
});
