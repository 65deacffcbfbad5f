import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { knowledgeEntries } from './entries.ts';
import { entrySchema, idPrefixByKind, knowledgeBaseSchema, rangeSchema, type ParsedEntry } from './schema.ts';
import { displays, kinds, type Entry } from './types.ts';

/** A mutable deep copy of an entry, as plain JSON, for building invalid variants. */
function draft(id: string): Record<string, unknown> {
  const entry = knowledgeEntries.find((e) => e.id === id);
  if (entry === undefined) throw new Error(`no entry ${id}`);
  const copy: Record<string, unknown> = structuredClone(entry);
  return copy;
}

/** The paths of the issues zod reports, e.g. ['display_note', 'evidence.refs']. */
function issuePaths(value: unknown): string[] {
  const result = entrySchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('entrySchema', () => {
  it.each(knowledgeEntries.map((entry) => [entry.id, entry] as const))('accepts %s', (_id, entry) => {
    const result = entrySchema.safeParse(entry);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('returns data of the Entry type', () => {
    expectTypeOf<ParsedEntry>().toExtend<Entry>();
  });

  // Each row breaks one rule of §1.1, §1.2, §1.4 or §6 in an otherwise valid entry.
  const broken: [string, string, (entry: Record<string, unknown>) => void, string][] = [
    ['an id that does not match the kind', 'tx-heat', (e) => (e.kind = 'remedy'), 'id'],
    ['an id that is not kebab-case', 'tx-heat', (e) => (e.id = 'tx_Heat'), 'id'],
    ['inform_only without display_note', 'cause-overuse', (e) => delete e.display_note, 'display_note'],
    [
      'do_not_recommend without display_note',
      'tx-prolonged-bed-rest',
      (e) => delete e.display_note,
      'display_note',
    ],
    ['a red flag without escalation', 'rf-pain-below-knee', (e) => delete e.escalation, 'escalation'],
    ['an escalation outside red flags', 'tx-heat', (e) => (e.escalation = 'emergency'), 'escalation'],
    ['triage rules outside red flags', 'tx-heat', (e) => (e.triage_rules = ['night_pain']), 'triage_rules'],
    [
      'no evidence codes',
      'tx-heat',
      (e) => ((e.evidence as Record<string, unknown>).refs = []),
      'evidence.refs',
    ],
    [
      'an evidence code missing from §0.2',
      'tx-heat',
      (e) => ((e.evidence as Record<string, unknown>).refs = ['NO-SUCH-CODE']),
      'evidence.refs.0',
    ],
    [
      'a file that is not a seed',
      'tx-heat',
      (e) => (e.sources = [{ file: '005_0000.txt', section: 'Ice or Heat' }]),
      'sources.0.file',
    ],
    [
      'a section not listed in §0.1 for that file',
      'tx-heat',
      (e) => (e.sources = [{ file: '000_2f3779810b56e61f.txt', section: 'Rest Your Back' }]),
      'sources.0.section',
    ],
    [
      'mentioned_by that disagrees with sources',
      'tx-heat',
      (e) => ((e.agreement as Record<string, unknown>).mentioned_by = 5),
      'agreement',
    ],
    ['a condition outside §1.6', 'tx-heat', (e) => (e.avoid_with = ['sunburn']), 'avoid_with.0'],
    ['an unknown field', 'tx-heat', (e) => (e.colour = 'red'), ''],
    ['an unknown kind', 'tx-heat', (e) => (e.kind = 'gadget'), 'kind'],
    ['an unknown phase', 'tx-heat', (e) => (e.phases = ['acute', 'week_3']), 'phases.1'],
    ['an empty phase list', 'tx-heat', (e) => (e.phases = []), 'phases'],
    ['a repeated phase', 'tx-heat', (e) => (e.phases = ['acute', 'acute']), 'phases'],
    ['an unknown display', 'tx-heat', (e) => (e.display = 'maybe'), 'display'],
    [
      'an unknown certainty',
      'tx-heat',
      (e) => ((e.evidence as Record<string, unknown>).certainty = 'strong'),
      'evidence.certainty',
    ],
    [
      'a display_by_phase for a phase the entry is not in',
      'tx-heat',
      (e) => (e.display_by_phase = { prevention: 'option' }),
      'display_by_phase',
    ],
    ['a related link to itself', 'tx-heat', (e) => (e.related = ['tx-heat']), 'related'],
    ['an empty protocol instead of null', 'tx-heat', (e) => (e.protocol = {}), 'protocol'],
    [
      'a range whose min exceeds its max',
      'tx-ice',
      (e) => ((e.protocol as Record<string, unknown>).on_s = { min: 1200, max: 900 }),
      'protocol.on_s',
    ],
    [
      'a range default outside min..max',
      'tx-ice',
      (e) => ((e.protocol as Record<string, unknown>).on_s = { min: 900, max: 1200, default: 1800 }),
      'protocol.on_s',
    ],
    [
      'an unknown protocol field',
      'tx-ice',
      (e) => ((e.protocol as Record<string, unknown>).dose_mg = 200),
      'protocol',
    ],
    [
      'a condition both suited and avoided',
      'ex-prone-press-up',
      (e) => (e.avoid_with = ['disc_herniation']),
      'avoid_with',
    ],
  ];

  it.each(broken)('rejects %s', (_what, id, breakIt, path) => {
    const entry = draft(id);
    expect(entrySchema.safeParse(entry).success).toBe(true);
    breakIt(entry);
    expect(issuePaths(entry)).toContain(path);
  });

  it('rejects any kind whose prefix the id does not carry', () => {
    fc.assert(
      fc.property(fc.constantFrom(...knowledgeEntries), fc.constantFrom(...kinds), (entry, kind) => {
        fc.pre(!entry.id.startsWith(idPrefixByKind[kind]));
        expect(issuePaths({ ...entry, kind })).toContain('id');
      }),
    );
  });

  it('requires a display_note whenever the display is inform_only or do_not_recommend', () => {
    fc.assert(
      fc.property(fc.constantFrom(...knowledgeEntries), fc.constantFrom(...displays), (entry, display) => {
        const withoutNote: Record<string, unknown> = { ...entry, display };
        delete withoutNote.display_note;
        const needsNote = display === 'inform_only' || display === 'do_not_recommend';
        expect(issuePaths(withoutNote).includes('display_note')).toBe(needsNote);
      }),
    );
  });
});

describe('rangeSchema', () => {
  it('accepts exactly the ranges with min <= default <= max', () => {
    const bound = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(bound, bound, fc.option(bound, { nil: undefined }), (min, max, fallback) => {
        const range = fallback === undefined ? { min, max } : { min, max, default: fallback };
        const valid = min <= max && (fallback === undefined || (min <= fallback && fallback <= max));
        expect(rangeSchema.safeParse(range).success).toBe(valid);
      }),
    );
  });

  it('rejects negative numbers and an explicit undefined default', () => {
    expect(rangeSchema.safeParse({ min: -1, max: 1 }).success).toBe(false);
    expect(rangeSchema.safeParse({ min: 1, max: 2, default: undefined }).success).toBe(false);
  });
});

describe('knowledgeBaseSchema', () => {
  it('accepts the catalogue', () => {
    const result = knowledgeBaseSchema.safeParse(knowledgeEntries);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('rejects a repeated id', () => {
    const [first] = knowledgeEntries;
    expect(knowledgeBaseSchema.safeParse([...knowledgeEntries, first]).success).toBe(false);
  });

  it('rejects a related id that is not in the catalogue', () => {
    const entry = draft('tx-heat');
    entry.related = ['tx-teleportation'];
    expect(knowledgeBaseSchema.safeParse([entry]).success).toBe(false);
  });
});
