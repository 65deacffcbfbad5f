import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

const day = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// Why: the "done when": 10 days of flat pain must show the day-7 escalation in the CLI.
describe('unknot diary with 10 days of flat pain', () => {
  let env: Record<string, string>;
  let dataDir: string;
  const cli = (...args: string[]) => runCliInProcess(args, { env });
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'unknot-diary-'));
    env = { UNKNOT_DATA_DIR: dataDir };
    const onset = Date.now() - 10 * day;
    const made = await runCliInProcess(
      [
        'episode',
        'new',
        '--onset',
        isoDate(onset),
        '--location',
        'lower',
        '--trigger',
        'lifting',
        '--timezone',
        'UTC',
      ],
      { env },
    );
    expect(made.status, made.stderr).toBe(0);
    for (let d = 0; d <= 10; d++) {
      const at = new Date(onset + d * day + 12 * 3_600_000);
      if (at.getTime() > Date.now()) continue;
      const run = await cli('log', '6', '--at', at.toISOString());
      expect(run.status, run.stderr).toBe(0);
    }
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('draws a bar a day and shows the book-an-appointment escalation with its sources', async () => {
    const run = await cli('diary');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('██████░░░░  6');
    expect(run.stdout).toContain('Trend: not improving.');
    expect(run.stdout).toMatch(/Sources: .*"What to Do for a Back Spasm" \(web page of a spine clinic\)/);
    expect(run.stdout).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    expect(run.stdout).toContain('What to do:');
  });

  it('a check-in with a warning sign puts "run the triage again" first', async () => {
    expect((await cli('check-in')).status).toBe(1);
    const run = await cli('check-in', '--red-flag', 'yes');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('unknot triage');
    const result = JSON.parse((await cli('diary', '--json')).stdout) as {
      escalations: { id: string }[];
    };
    expect(result.escalations[0]?.id).toBe('triage_again_now');
  });

  it('--json gives the analysis and the escalations', async () => {
    const result = JSON.parse((await cli('diary', '--json')).stdout) as {
      analysis: { day: number; trend: string };
      escalations: { id: string }[];
    };
    expect(result.analysis.day).toBe(10);
    expect(result.escalations.map((e) => e.id)).toContain('book_appointment');
  });
});
