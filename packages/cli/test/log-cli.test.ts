import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitFactors } from '../src/commands/log.ts';
import { runCliInProcess } from './run-cli.ts';

describe('splitFactors', () => {
  it('keeps known words as the list and the rest as the person wrote it', () => {
    expect(splitFactors('sitting, Getting-up,getting out of the car', ['sitting', 'getting_up'])).toEqual({
      known: ['sitting', 'getting_up'],
      text: 'getting out of the car',
    });
    expect(splitFactors(undefined, ['sitting'])).toBeUndefined();
  });
});

describe('unknot log (real SQLite file)', () => {
  let env: Record<string, string>;
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'unknot-log-'));
    env = { UNKNOT_DATA_DIR: dataDir };
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });
  const cli = (...args: string[]) => runCliInProcess(args, { env });

  it('needs an active episode and says how to make one', async () => {
    const run = await cli('log', '5');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknot episode new');
  });

  it('logs a score with every option into the active episode', async () => {
    await cli('episode', 'new', '--onset', '2026-11-18', '--location', 'lower', '--trigger', 'lifting');
    const run = await cli(
      'log',
      '7',
      '--at',
      '2026-11-19T09:30+01:00',
      '--pattern',
      'constant',
      '--worse',
      'sitting,the car seat',
      '--better',
      'heat',
      '--note',
      'bad night',
      '--json',
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      pain: 7,
      at: '2026-11-19T08:30:00.000Z',
      pattern: 'constant',
      worse: { known: ['sitting'], text: 'the car seat' },
      better: { known: ['heat'] },
      note: 'bad night',
    });
  });

  it.each([
    [['log', '11'], 'whole number from 0 to 10'],
    [['log', '5.5'], 'whole number from 0 to 10'],
    [['log', 'five'], 'whole number from 0 to 10'],
    [['log', '5', '--at', 'yesterday'], '--at'],
    [['log', '5', '--at', '2026-11-19T09:30'], 'with a zone'],
    [['log', '5', '--pattern', 'sometimes'], '--pattern'],
  ])('rejects %j with a one-line message naming the problem', async (args, message) => {
    await cli('episode', 'new', '--onset', '2026-11-18', '--location', 'lower', '--trigger', 'lifting');
    const run = await cli(...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['before the episode began', '2026-11-17T12:00:00Z'],
    ['more than a day in the future', new Date(Date.now() + 3 * 86_400_000).toISOString()],
  ])('refuses a time %s, naming the allowed range, and logs nothing', async (_, at) => {
    await cli('episode', 'new', '--onset', '2026-11-18', '--location', 'lower', '--trigger', 'lifting');
    const run = await cli('log', '5', '--at', at);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `unknot: --at: ${at} is outside this episode. Give a time from the day it began (2026-11-18) up to now.`,
    );
    expect((await cli('diary', '--json')).stdout).not.toContain('"pain":5');
  });
});
