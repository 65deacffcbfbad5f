import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('unknot export, import and forget (real binary, real SQLite file)', () => {
  let dir: string;
  let env: Record<string, string>;
  const cli = (args: string[], input?: string) => runCli(args, input, env);
  const exportJson = () => {
    const run = cli(['export', '-']);
    expect(run.status, run.stderr).toBe(0);
    const { exportedAt: _at, ...rest } = JSON.parse(run.stdout) as Record<string, unknown>;
    return rest;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'unknot-data-cli-'));
    env = { UNKNOT_DATA_DIR: join(dir, 'data'), TZ: 'UTC' };
    expect(
      cli(['episode', 'new', '--onset', '2026-11-18', '--location', 'lower', '--trigger', 'lifting']).status,
    ).toBe(0);
    expect(cli(['log', '6', '--note', 'stiff after the drive']).status).toBe(0);
    expect(cli(['log', '4']).status).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('--help says where the data is', () => {
    const run = cli(['--help']);
    expect(run.stdout).toContain(`Data: SQLite ${join(dir, 'data', 'unknot.db')}`);
    expect(cli(['episode', '--help']).stdout).toContain(join(dir, 'data', 'unknot.db'));
  });

  it('round trip: export to a private file, forget --all --yes, import, export gives the same document', () => {
    const before = exportJson();
    expect((before.episodes as { diary: unknown[] }[])[0]?.diary).toHaveLength(2);
    const file = join(dir, 'backup.json');
    const saved = cli(['export', file]);
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('1 episode(s)');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const forgot = cli(['forget', '--all', '--yes']);
    expect(forgot.status, forgot.stderr).toBe(0);
    expect(exportJson()).toMatchObject({ episodes: [] });
    expect(cli(['log', '5']).stderr).toContain('No active episode');

    const imported = cli(['import', file]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('3 record(s) added');
    expect(exportJson()).toEqual(before);

    const again = cli(['import', file]);
    expect(again.stdout).toContain('0 record(s) added, 3 already here');
    expect(exportJson()).toEqual(before);
  });

  it('refuses to forget without --all, or without asking when there is no terminal', () => {
    const before = exportJson();
    const noAll = cli(['forget']);
    expect(noAll.status).toBe(1);
    expect(noAll.stderr).toContain('--all');
    const noTty = cli(['forget', '--all']);
    expect(noTty.status).toBe(1);
    expect(noTty.stderr).toContain('--yes');
    expect(exportJson()).toEqual(before);
  });

  it('refuses a file that is not an export, naming what is wrong, and stores nothing', () => {
    const before = exportJson();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'something-else', episodes: 'no' }));
    const run = cli(['import', bad]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not an unknot export: format/);
    expect(cli(['import', join(dir, 'missing.json')]).stderr).toContain('no such file');
    expect(cli(['import', '-'], '{').stderr).toContain('not valid JSON');
    expect(exportJson()).toEqual(before);
    expect(readFileSync(bad, 'utf8')).toContain('something-else');
  });
});
