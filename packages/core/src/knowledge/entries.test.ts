import { describe, expect, it } from 'vitest';
import { knowledgeEntries, evidenceCodes, getEntry, idPrefixByKind, seedFileNames } from './index.ts';
import type { Display, Entry, Kind } from './types.ts';

function countBy<K extends string>(key: (entry: Entry) => K): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const entry of knowledgeEntries) counts[key(entry)] = (counts[key(entry)] ?? 0) + 1;
  return counts;
}

describe('catalogue totals (§2, §2.12, §6 check 10)', () => {
  it('holds 80 entries with unique ids', () => {
    expect(knowledgeEntries).toHaveLength(80);
    expect(new Set(knowledgeEntries.map((entry) => entry.id)).size).toBe(80);
  });

  it('has the totals by display of §2.12', () => {
    expect(countBy((entry) => entry.display)).toEqual({
      recommend: 19,
      option: 18,
      inform_only: 35,
      do_not_recommend: 8,
    } satisfies Record<Display, number>);
  });

  it('has 8 red flags among the recommend entries', () => {
    expect(
      knowledgeEntries.filter((entry) => entry.display === 'recommend' && entry.kind === 'red_flag'),
    ).toHaveLength(8);
  });

  it('has the totals by kind of the §2 introduction', () => {
    expect(countBy((entry) => entry.kind)).toEqual({
      red_flag: 8,
      cause: 18,
      symptom: 5,
      treatment: 13,
      position: 6,
      exercise: 7,
      medication: 6,
      remedy: 7,
      professional_care: 6,
      prevention: 4,
    } satisfies Record<Kind, number>);
  });
});

describe('field rules (§1.2, §6 checks 1–4)', () => {
  it.each(knowledgeEntries.map((entry) => [entry.id, entry] as const))(
    '%s has the id prefix of its kind',
    (id, entry) => {
      expect(id.startsWith(idPrefixByKind[entry.kind])).toBe(true);
    },
  );

  it('gives every inform_only and do_not_recommend entry a display_note', () => {
    const missing = knowledgeEntries.filter(
      (entry) =>
        (entry.display === 'inform_only' || entry.display === 'do_not_recommend') && !entry.display_note,
    );
    expect(missing.map((entry) => entry.id)).toEqual([]);
  });

  it('gives every red flag an escalation, and nothing else one', () => {
    for (const entry of knowledgeEntries) {
      expect(entry.escalation !== undefined, entry.id).toBe(entry.kind === 'red_flag');
    }
  });

  it('cites at least one evidence code per entry, each defined in §0.2', () => {
    for (const entry of knowledgeEntries) {
      expect(entry.evidence.refs.length, entry.id).toBeGreaterThan(0);
      for (const ref of entry.evidence.refs)
        expect(evidenceCodes, `${entry.id} cites ${ref}`).toHaveProperty([ref]);
    }
  });

  it('counts in agreement.mentioned_by exactly the distinct seed files in sources', () => {
    for (const entry of knowledgeEntries) {
      const files = new Set(entry.sources.map((source) => source.file));
      expect(entry.agreement.mentioned_by, entry.id).toBe(files.size);
      for (const file of files) expect(seedFileNames).toContain(file);
    }
  });

  it('links only to entries that exist', () => {
    for (const entry of knowledgeEntries) {
      for (const id of entry.related ?? []) expect(getEntry(id), `${entry.id} → ${id}`).toBeDefined();
    }
  });

  // Why: the spec's own notes name ids in prose ("see ex-prone-press-up"); a renamed entry would leave them dangling.
  it('names only existing entry ids in its text', () => {
    const idLike = /\b(?:rf|cause|sym|tx|pos|ex|med|rem|pro|prev)-[a-z0-9]+(?:-[a-z0-9]+)*\b/g;
    for (const entry of knowledgeEntries) {
      for (const id of JSON.stringify(entry).match(idLike) ?? []) {
        expect(getEntry(id), `${entry.id} mentions ${id}`).toBeDefined();
      }
    }
  });

  it('keeps every summary to about 60 words (§1.1)', () => {
    for (const entry of knowledgeEntries)
      expect(entry.summary.split(/\s+/).length, entry.id).toBeLessThanOrEqual(60);
  });

  it('puts causes and symptoms in all four phases (§1.2)', () => {
    for (const entry of knowledgeEntries.filter((e) => e.kind === 'cause' || e.kind === 'symptom')) {
      expect(entry.phases, entry.id).toEqual(['acute', 'subacute', 'recovery', 'prevention']);
    }
  });

  // Why: §1.2 says red flags list all four phases, but the catalogue times two of them (a day-7/14 check-in and a
  // recurrence prompt, both `see_doctor_if_persists`). Every other red flag must be live in every phase.
  it('puts every red flag in all four phases, except the time- and recurrence-based reminders', () => {
    for (const entry of knowledgeEntries.filter((e) => e.kind === 'red_flag')) {
      if (entry.escalation === 'see_doctor_if_persists') continue;
      expect(entry.phases, entry.id).toEqual(['acute', 'subacute', 'recovery', 'prevention']);
    }
    expect(getEntry('rf-no-improvement-1-2-weeks')?.phases).toEqual(['subacute']);
    expect(getEntry('rf-recurring-spasms')?.phases).toEqual(['recovery', 'prevention']);
  });

  it('marks only red flags with an origin, and only one as added for safety', () => {
    expect(
      knowledgeEntries
        .filter((entry) => entry.origin !== undefined)
        .every((entry) => entry.kind === 'red_flag'),
    ).toBe(true);
    expect(
      knowledgeEntries.filter((entry) => entry.origin === 'external_safety').map((entry) => entry.id),
    ).toEqual(['rf-systemic-warning-signs']);
  });
});

describe('getEntry', () => {
  it('returns the entry with that id', () => {
    expect(getEntry('tx-ice')?.title).toMatch(/cold pack/i);
    for (const entry of knowledgeEntries) expect(getEntry(entry.id)).toBe(entry);
  });

  it.each(['', 'tx-Ice', 'tx-ice ', 'no-such-entry', 'constructor', '__proto__'])(
    'returns undefined for the unknown id %j',
    (id) => {
      expect(getEntry(id)).toBeUndefined();
    },
  );
});

describe('optional fields', () => {
  // Why: with exactOptionalPropertyTypes an absent field and a field set to undefined differ; the data must
  // leave out what the spec leaves out.
  it('leaves out optional fields the spec does not give, rather than setting them to undefined', () => {
    for (const entry of knowledgeEntries) {
      for (const [key, value] of Object.entries(entry))
        expect(value, `${entry.id}.${key}`).not.toBeUndefined();
    }
    expect(Object.hasOwn(getEntry('tx-heat') ?? {}, 'caution_with')).toBe(false);
    expect(Object.hasOwn(getEntry('ex-prone-press-up') ?? {}, 'caution_with')).toBe(true);
  });
});
