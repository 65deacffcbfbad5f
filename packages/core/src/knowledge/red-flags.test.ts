import { describe, expect, it } from 'vitest';
import { knowledgeEntries } from './entries.ts';
import { sharedFile, triageRules } from './test-helpers.ts';
import type { Escalation } from './types.ts';

const redFlags = knowledgeEntries.filter((entry) => entry.kind === 'red_flag');

/** §1.7: how a card's typical level maps onto the dispositions of triage.md. */
const dispositionOf: Record<Escalation, string> = {
  emergency: 'emergency',
  urgent_same_day: 'urgent',
  see_doctor_soon: 'soon',
  see_doctor_if_persists: 'soon',
};

describe('red-flag cards (§1.7, §6 check 2)', () => {
  it('are eight, each with an escalation', () => {
    expect(redFlags).toHaveLength(8);
    for (const entry of redFlags) expect(entry.escalation, entry.id).toBeDefined();
  });

  it('link triage rules from every card except the recurrence reminder', () => {
    const unlinked = redFlags.filter((entry) => entry.triage_rules === undefined).map((entry) => entry.id);
    expect(unlinked).toEqual(['rf-recurring-spasms']);
  });

  it('are all shown as recommend ("seek care" advice, §1.4)', () => {
    for (const entry of redFlags) expect(entry.display, entry.id).toBe('recommend');
  });
});

const triageSpec = sharedFile('clinical/triage.md', 'the check of triage rule ids against triage.md §3.3');

describe.skipIf(!triageSpec.present)('red-flag cards against triage.md §3.3', () => {
  const rules = triageSpec.present ? triageRules(triageSpec.read()) : [];
  const dispositionById = new Map(rules.map((rule) => [rule.id, rule.disposition]));

  it('reads the 37 rules of the spec', () => {
    expect(rules).toHaveLength(37);
  });

  it.each(redFlags.map((entry) => [entry.id, entry] as const))(
    '%s links only rules that exist',
    (_id, entry) => {
      for (const rule of entry.triage_rules ?? []) expect([...dispositionById.keys()], rule).toContain(rule);
    },
  );

  // Why: triage.md decides the disposition; a card whose typical level no linked rule produces would mislead.
  it.each(redFlags.filter((entry) => entry.triage_rules).map((entry) => [entry.id, entry] as const))(
    '%s has a typical level that one of its rules produces',
    (_id, entry) => {
      const produced = (entry.triage_rules ?? []).map((rule) => dispositionById.get(rule));
      expect(produced).toContain(dispositionOf[entry.escalation ?? 'emergency']);
    },
  );
});
