import { describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

interface Listed {
  id: string;
  kind: string;
  title: string;
  display: string;
  evidence: { certainty: string; refs: string[] };
  sources: { file: string; section: string }[];
  phases: string[];
}

const cli = (...args: string[]) => runCliInProcess(args);

describe('unknot learn', () => {
  it.each([
    ['how long ice', 'tx-ice'],
    ['slipped disc', 'cause-herniated-disc'],
    ['paracetamol', 'med-paracetamol-alone'],
  ])('"%s" finds %s first', async (query, id) => {
    const run = await cli('learn', query, '--json');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as Listed[])[0]?.id).toBe(id);
  });

  it('--list --json gives every entry with id, kind, title, display, evidence, sources and phases', async () => {
    const list = JSON.parse((await cli('learn', '--list', '--json')).stdout) as Listed[];
    expect(list).toHaveLength(80);
    for (const e of list) {
      for (const key of ['id', 'kind', 'title', 'display'] as const) expect(typeof e[key]).toBe('string');
      expect(e.evidence.refs.length).toBeGreaterThan(0);
      expect(e.phases.length).toBeGreaterThan(0);
      expect(Array.isArray(e.sources)).toBe(true);
    }
  });

  it('shows display policy, evidence grade and sources for each match', async () => {
    const run = await cli('learn', 'heat');
    expect(run.stdout).toContain('Recommended');
    expect(run.stdout).toMatch(/Evidence: \w+/);
    expect(run.stdout).toContain('Sources (');
  });

  it('badges a warning sign as such and names sources by title, never by file name', async () => {
    const run = await cli('learn', 'numbness');
    const block = run.stdout.split('\n\n').find((b) => b.includes('(rf-numbness-bladder-bowel)')) ?? '';
    expect(block).toContain('Warning sign: get help');
    expect(block).not.toContain('Recommended');
    expect(block).toContain('"How to Treat Back Spasms" (web article)');
    expect(run.stdout).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });

  it('shows a do_not_recommend entry with its warning and without any how-to', async () => {
    const run = await cli('learn', 'bed rest');
    const block = run.stdout.split('\n\n').find((b) => b.includes('(tx-prolonged-bed-rest)')) ?? '';
    expect(block).toContain('Not recommended');
    expect(block).toContain('Note:');
    expect(block).not.toContain('How:');
  });

  it('says so when nothing matches, and needs a query or --list', async () => {
    expect((await cli('learn', 'zzzqqqxxyy')).stdout).toContain('Nothing found');
    const none = await cli('learn');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('Say what to look for');
    expect((await cli('learn', 'ice', '--list')).stderr).toContain('either a search or --list');
  });
});
