/**
 * One table of labels (labels.ts) names each code the same way wherever it shows. The tables `satisfy` a record
 * over their vocabulary, so a missing or unknown code already fails the typecheck; these tests check the words.
 */
import { describe, expect, it } from 'vitest';
import { conditions } from './knowledge/index.ts';
import { conditionLabels, easeFactorLabels, factorLabels, worseFactorLabels } from './labels.ts';
import { bannerFor } from './plan/conditions.ts';
import { easeFactors, worseFactors } from './records/index.ts';
import { makeDiary, makeEpisode, makeInput } from './report/test-factories.ts';
import { buildSummary } from './report/summary.ts';

describe('labels', () => {
  it.each([
    ['worse', worseFactors, worseFactorLabels],
    ['ease', easeFactors, easeFactorLabels],
    ['condition', conditions, conditionLabels],
  ] as const)('give every %s code words of its own, never the code', (_name, codes, labels) => {
    const table: Readonly<Record<string, string>> = labels;
    expect(Object.keys(table).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(table[code]).toBeTruthy();
      expect(table[code]).not.toContain('_');
    }
  });

  it('say the same for a code both factor lists hold', () => {
    for (const code of worseFactors.filter((c) => (easeFactors as readonly string[]).includes(c))) {
      expect(factorLabels[code]).toBe(worseFactorLabels[code]);
    }
  });
});

describe('the doctor summary and the plan use the shared words', () => {
  it('the summary names getting_up as the diary form does', () => {
    const episode = makeEpisode();
    const entries = makeDiary(episode, 2).map((e) => ({
      ...e,
      worse: { known: ['getting_up'] as ['getting_up'] },
    }));
    const s = buildSummary(makeInput({ entries }));
    expect(s.worse.known.map((k) => k.text)).toEqual([worseFactorLabels.getting_up]);
    expect(worseFactorLabels.getting_up).toBe('Getting up from a bed or chair');
  });

  it('the plan names a condition with the shared label', () => {
    expect(bannerFor('disc_herniation').text).toContain(conditionLabels.disc_herniation);
  });
});
