import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCliInProcess } from './run-cli.ts';

const day = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('unknot plan and unknot report (real SQLite file)', () => {
  let dir: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCliInProcess(args, { env });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'unknot-plan-'));
    env = { UNKNOT_DATA_DIR: join(dir, 'data') };
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('without an episode, plan says how to make one', async () => {
    const run = await cli('plan');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknot episode new');
  });

  it('an episode without a triage gets no plan: the red-flag questions come first', async () => {
    await cli(
      'episode',
      'new',
      '--onset',
      isoDate(Date.now() - 4 * day),
      '--location',
      'lower',
      '--trigger',
      'lifting',
      '--conditions',
      'disc_herniation',
      '--timezone',
      'UTC',
    );
    const run = await cli('plan', '--json');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { kind: string }).kind).toBe('triage_needed');
    expect((await cli('plan')).stdout).toContain('unknot triage');
  });

  it('after triage --save: today with items, evidence and sources; the disc-herniation badge; an .ics', async () => {
    const saved = await cli('triage', '--answers', fixture('example-1.answers.json'), '--save');
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.stderr).toContain('Saved to the active episode');

    const ics = join(dir, 'plan.ics');
    const run = await cli('plan', '--ics', ics);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Today');
    expect(run.stdout).toContain('Evidence:');
    expect(run.stdout).toContain('Check-ins');
    expect(run.stdout).toMatch(/Prone press-up|press-up/i);
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(ics, 'utf8')) as unknown[]);
    expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(0);
  });

  it('report writes the summary as HTML, PDF and FHIR', async () => {
    const html = join(dir, 's.html');
    const pdf = join(dir, 's.pdf');
    const fhir = join(dir, 's.fhir.json');
    await cli('log', '6');
    const run = await cli('report', '--html', html, '--pdf', pdf, '--fhir', fhir);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<html');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect((JSON.parse(readFileSync(fhir, 'utf8')) as { resourceType: string }).resourceType).toBe('Bundle');
  });

  it('report needs at least one output and names an unwritable path', async () => {
    expect((await cli('report')).stderr).toContain('--html FILE');
    const run = await cli('report', '--html', join(dir, 'missing-folder', 'x.html'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Cannot write');
  });

  it('without the store: --onset with --answers plans; without --answers it refuses', async () => {
    const onset = isoDate(Date.now() - 1 * day);
    const plan = await runCliInProcess(
      [
        'plan',
        '--onset',
        onset,
        '--answers',
        fixture('example-1.answers.json'),
        '--prefer',
        'heat',
        '--json',
      ],
      { env: { UNKNOT_DATA_DIR: join(dir, 'unused') } },
    );
    expect(plan.status, plan.stderr).toBe(0);
    expect((JSON.parse(plan.stdout) as { kind: string }).kind).toBe('plan');
    expect(existsSync(join(dir, 'unused', 'unknot.db'))).toBe(false);
    const refused = await cli('plan', '--onset', onset);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('red-flag questions');
  });
});
