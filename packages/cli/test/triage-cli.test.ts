import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runCliInProcess } from './run-cli.ts';

const example1 = JSON.parse(readFileSync(fixture('example-1.answers.json'), 'utf8')) as Record<
  string,
  unknown
>;
/** The spec's expected output for Example 1, re-serialised compactly (key order kept). */
const example1Expected = JSON.stringify(JSON.parse(readFileSync(fixture('example-1.expected.json'), 'utf8')));

describe('unknot triage --answers --json', () => {
  it('prints the spec worked example 1 byte for byte and exits 0', async () => {
    const run = await runCliInProcess(['triage', '--answers', fixture('example-1.answers.json'), '--json']);
    expect(run.stdout).toBe(`${example1Expected}\n`);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  // The one triage through the real binary: the same bytes on a real stdout, and the exit status of the process.
  it('the real binary prints example 1 from a file byte for byte and exits 0', () => {
    const run = runCli(['triage', '--answers', fixture('example-1.answers.json'), '--json']);
    expect(run.stdout).toBe(`${example1Expected}\n`);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('reads answers from standard input with -', async () => {
    const run = await runCliInProcess(['triage', '--answers', '-', '--json'], {
      input: JSON.stringify({ ...example1, saddle_numbness: true }),
    });
    const result = JSON.parse(run.stdout) as { disposition: string; reasons: { rule: string }[] };
    expect(run.status).toBe(0);
    expect(result.disposition).toBe('emergency');
    expect(result.reasons.map((r) => r.rule)).toEqual(['ces_saddle_numbness']);
  });

  it('prints worked example 3 (day 9, not improving): soon with one reason', async () => {
    const run = await runCliInProcess(['triage', '--answers', '-', '--json'], {
      input: JSON.stringify({ ...example1, days_since_onset: 9 }),
    });
    const result = JSON.parse(run.stdout) as { disposition: string; reasons: { rule: string }[] };
    expect(result.disposition).toBe('soon');
    expect(result.reasons.map((r) => r.rule)).toEqual(['not_improving_after_7_days']);
  });

  it('prints the spec worked example 4 validation error byte for byte and exits 2', async () => {
    const { age: _age, ...withoutAge } = example1;
    const run = await runCliInProcess(['triage', '--answers', '-', '--json'], {
      input: JSON.stringify({ ...withoutAge, pain_score: '6' }),
    });
    expect(run.stdout).toBe(
      '{"error":"validation_failed","fields":[{"field":"age","problem":"missing"},{"field":"pain_score","problem":"wrong_type"}],"rulesVersion":"1.1.0"}\n',
    );
    expect(run.status).toBe(2);
  });

  it('names a missing file in one line and exits 1', async () => {
    const run = await runCliInProcess(['triage', '--answers', '/nonexistent/answers.json', '--json']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('/nonexistent/answers.json');
    expect(run.stderr).toContain('no such file');
  });

  it('names malformed JSON in one line and exits 1', async () => {
    const run = await runCliInProcess(['triage', '--answers', '-', '--json'], { input: '{"age": 34,' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('not valid JSON');
  });

  it('treats an empty object as incomplete: validation error, never a disposition', async () => {
    const run = await runCliInProcess(['triage', '--answers', '-', '--json'], { input: '{}' });
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(run.status).toBe(2);
    expect(result).not.toHaveProperty('disposition');
    expect((result.fields as unknown[]).length).toBe(25);
  });
});

describe('unknot triage --answers (result screen)', () => {
  it('shows headline, advice, reasons with sources and the safety-netting', async () => {
    const run = await runCliInProcess(['triage', '--answers', '-'], {
      input: JSON.stringify({ ...example1, days_since_onset: 9 }),
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Book an appointment in the next few days');
    expect(run.stdout).toContain('Your back pain has not improved after a week.');
    // Spec 1.1: a source article by its title and kind; the file name stays in --json only (triage.md).
    expect(run.stdout).toContain('Sources: "What to Do for a Back Spasm" (web page of a spine clinic)');
    expect(run.stdout).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    expect(run.stdout).toContain('See a doctor the same day if:');
    expect(run.stdout).toContain('This check is not a diagnosis.');
  });

  it('shows only the emergency advice and reasons for an emergency, without the safety-netting', async () => {
    const run = await runCliInProcess(['triage', '--answers', '-'], {
      input: JSON.stringify({ ...example1, chest_pain_or_breathlessness: true }),
    });
    expect(run.stdout).toContain('Get emergency help now');
    expect(run.stdout).toContain('Call emergency services now');
    expect(run.stdout).toContain('Sources: https://www.nhs.uk/conditions/back-pain/');
    expect(run.stdout).not.toContain('See a doctor the same day if:');
  });

  it('lists every answer to fix and exits 2', async () => {
    const run = await runCliInProcess(['triage', '--answers', '-'], {
      input: JSON.stringify({ ...example1, age: 7, agee: 40 }),
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('age: the number is out of range');
    expect(run.stdout).toContain('agee: not a question of this check');
  });

  it('refuses to ask questions without a terminal, and says how to pass answers instead', async () => {
    const run = await runCliInProcess(['triage']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--answers');
  });
});
