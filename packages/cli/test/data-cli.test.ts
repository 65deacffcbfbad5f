import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

describe('unknot export, import and forget (real SQLite file)', () => {
  let dir: string;
  let env: Record<string, string>;
  const cli = (args: string[], input?: string) =>
    runCliInProcess(args, input === undefined ? { env } : { input, env });
  const exportJson = async () => {
    const run = await cli(['export', '-']);
    expect(run.status, run.stderr).toBe(0);
    const { exportedAt: _at, ...rest } = JSON.parse(run.stdout) as Record<string, unknown>;
    return rest;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'unknot-data-cli-'));
    env = { UNKNOT_DATA_DIR: join(dir, 'data'), TZ: 'UTC' };
    expect(
      (await cli(['episode', 'new', '--onset', '2026-11-18', '--location', 'lower', '--trigger', 'lifting']))
        .status,
    ).toBe(0);
    expect((await cli(['log', '6', '--note', 'stiff after the drive'])).status).toBe(0);
    expect((await cli(['log', '4'])).status).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('--help says where the data is', async () => {
    const run = await cli(['--help']);
    expect(run.stdout).toContain(`Data: SQLite ${join(dir, 'data', 'unknot.db')}`);
    expect((await cli(['episode', '--help'])).stdout).toContain(join(dir, 'data', 'unknot.db'));
  });

  it('round trip: export to a private file, forget --all --yes, import, export gives the same document', async () => {
    const before = await exportJson();
    expect((before.episodes as { diary: unknown[] }[])[0]?.diary).toHaveLength(2);
    const file = join(dir, 'backup.json');
    const saved = await cli(['export', file]);
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('1 episode(s)');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const forgot = await cli(['forget', '--all', '--yes']);
    expect(forgot.status, forgot.stderr).toBe(0);
    expect(await exportJson()).toMatchObject({ episodes: [] });
    expect((await cli(['log', '5'])).stderr).toContain('No active episode');

    const imported = await cli(['import', file]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('3 record(s) added');
    expect(await exportJson()).toEqual(before);

    const again = await cli(['import', file]);
    expect(again.stdout).toContain('0 record(s) added, 3 already here');
    expect(await exportJson()).toEqual(before);
  });

  it('refuses to forget without --all, or without asking when there is no terminal', async () => {
    const before = await exportJson();
    const noAll = await cli(['forget']);
    expect(noAll.status).toBe(1);
    expect(noAll.stderr).toContain('--all');
    const noTty = await cli(['forget', '--all']);
    expect(noTty.status).toBe(1);
    expect(noTty.stderr).toContain('--yes');
    expect(await exportJson()).toEqual(before);
  });

  it('refuses a file that is not an export, naming what is wrong, and stores nothing', async () => {
    const before = await exportJson();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'something-else', episodes: 'no' }));
    const run = await cli(['import', bad]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not an unknot export: format/);
    expect((await cli(['import', join(dir, 'missing.json')])).stderr).toContain('no such file');
    expect((await cli(['import', '-'], '{')).stderr).toContain('not valid JSON');
    expect(await exportJson()).toEqual(before);
    expect(readFileSync(bad, 'utf8')).toContain('something-else');
  });
});
