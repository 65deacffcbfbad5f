/**
 * The plan's own words and everything it puts on screen obey knowledge-base.md §4.3 (no commercial strings) and
 * §6 check 8 (paracetamol is never an anti-inflammatory and never 200 mg).
 */
import { describe, expect, it } from 'vitest';
import { findStrings, specBlocklist } from '../knowledge/test-helpers.ts';
import { planToIcs } from './ics.ts';
import { planTable } from './slots.ts';
import { planFor, type ProfileSpec } from './test-factories.ts';
import { knowledgeBase } from './test-spec.ts';

const specs: ProfileSpec[] = [
  { onsetDaysAgo: 0, preferences: { thermal: 'ice', work: 'physical' } },
  { onsetDaysAgo: 4, conditions: ['disc_herniation', 'spondylolisthesis'], otherConditions: ['pregnancy'] },
  { onsetDaysAgo: 10, painIsMild: true, disposition: 'soon', earlierEpisodes: 2 },
  { onsetDaysAgo: 45, preferences: { thermal: 'heat', hasIcePack: false, work: 'sitting' } },
];
const plans = specs.map((spec) => planFor(spec, { horizonDays: 40 }));
const shown = [
  ...findStrings(planTable, 'planTable'),
  ...plans.flatMap((plan, i) => findStrings(plan, `plan${i}`)),
  ...plans.map((plan, i) => ({ path: `ics${i}`, text: planToIcs(plan) })),
];

describe.skipIf(!knowledgeBase.present)('§4.3: no commercial content', () => {
  const { terms, phone } = specBlocklist(knowledgeBase.present ? knowledgeBase.read() : '');

  it('has no blocklisted string and no phone number in anything the plan shows', () => {
    expect(terms.length).toBeGreaterThan(10);
    const hits = shown.filter(
      ({ text }) => terms.some((term) => text.toLowerCase().includes(term.toLowerCase())) || phone.test(text),
    );
    expect(hits.map(({ path }) => path)).toEqual([]);
  });
});

describe('§6 check 8: paracetamol', () => {
  it('pairs paracetamol with "200 mg" or "anti-inflammatory" only where the pairing is refuted', () => {
    const pairs = shown.filter(
      ({ text }) =>
        /paracetamol|acetaminophen/i.test(text) && /\b200\s*mg\b|anti[-\s]?inflammator/i.test(text),
    );
    for (const { path, text } of pairs) {
      if (path.startsWith('ics')) continue; // the calendar never mentions paracetamol; checked below
      // triage.md §5's safety-netting names both to say paracetamol alone is not recommended; it is triage's text.
      if (/\.safetyNet\./.test(path)) {
        expect(text).toMatch(/Paracetamol on its own is not recommended/);
        continue;
      }
      expect(path).toMatch(/library\[\d+\]\.displayNote$/);
      expect(text).toMatch(/it is not an anti-inflammatory\.$/);
    }
    for (const plan of plans) expect(planToIcs(plan)).not.toMatch(/paracetamol|acetaminophen/i);
  });
});
