import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getEntry,
  isAdvice,
  knowledgeEntries,
  conditions as healthConditionValues,
} from '../knowledge/index.ts';
import { protocols } from '../session/index.ts';
import {
  assignableKinds,
  isPlanItem,
  maxProgrammeItems,
  programmeInputSchema,
  programmeProblems,
  type ProgrammeItemInput,
} from './programme.ts';

const none = { conditions: [] };
const one = (item: ProgrammeItemInput) => ({ items: [item] });
const fields = (input: unknown, context = none) => programmeProblems(input, context).map((p) => p.field);

const doNotRecommend = knowledgeEntries.filter((entry) => !isAdvice(entry));
const assignable = knowledgeEntries.filter(
  (entry) => assignableKinds.includes(entry.kind) && isAdvice(entry),
);

describe('programmeProblems: the rules, one per row', () => {
  // Each row names the rule it exercises; `want` is the fields refused and a word the problem must contain.
  const rows: {
    rule: string;
    item: ProgrammeItemInput;
    conditions?: (typeof healthConditionValues)[number][];
    want: [string, string][];
  }[] = [
    { rule: 'a plain assignable exercise', item: { entryId: 'ex-walking', timesPerWeek: 5 }, want: [] },
    {
      rule: 'a dose inside every range',
      item: { entryId: 'ex-childs-pose', holdSeconds: 30, reps: 3, timesPerWeek: 7 },
      want: [],
    },
    {
      rule: 'unknown entry',
      item: { entryId: 'ex-handstand', timesPerWeek: 3 },
      want: [['items.0.entryId', 'not an entry']],
    },
    {
      rule: 'a medicine is not assignable',
      item: { entryId: 'med-oral-nsaid-otc', timesPerWeek: 3 },
      want: [['items.0.entryId', 'medication']],
    },
    {
      rule: 'a red-flag card is not assignable',
      item: { entryId: 'rf-pain-below-knee', timesPerWeek: 3 },
      want: [['items.0.entryId', 'red_flag']],
    },
    {
      rule: 'professional care is not done at home',
      item: { entryId: 'pro-physiotherapy', timesPerWeek: 1 },
      want: [['items.0.entryId', 'professional_care']],
    },
    {
      rule: 'do_not_recommend',
      item: { entryId: 'tx-prolonged-bed-rest', timesPerWeek: 1 },
      want: [['items.0.entryId', 'do_not_recommend']],
    },
    {
      rule: 'do_not_recommend: its doses are not looked at',
      item: { entryId: 'tx-compression-brace', holdSeconds: 3000, timesPerWeek: 1 },
      want: [['items.0.entryId', '§1.4']],
    },
    {
      rule: 'inform_only stays in the library',
      item: { entryId: 'tx-contrast-shower', timesPerWeek: 3 },
      want: [['items.0.entryId', 'inform_only']],
    },
    {
      rule: 'avoid_with a condition the patient has',
      item: { entryId: 'ex-prone-press-up', timesPerWeek: 3 },
      conditions: ['spondylolisthesis'],
      want: [['items.0.entryId', 'avoid_with spondylolisthesis']],
    },
    {
      rule: 'avoid_with: every matching condition is named',
      item: { entryId: 'tx-heat', timesPerWeek: 7 },
      conditions: ['broken_skin', 'reduced_skin_sensation', 'pregnancy'],
      want: [
        ['items.0.entryId', 'reduced_skin_sensation'],
        ['items.0.entryId', 'broken_skin'],
      ],
    },
    {
      rule: 'a condition the entry does not avoid changes nothing',
      item: { entryId: 'ex-prone-press-up', timesPerWeek: 3 },
      conditions: ['disc_herniation'],
      want: [],
    },
    {
      rule: 'hold below the range',
      item: { entryId: 'ex-prone-press-up', holdSeconds: 5, timesPerWeek: 3 },
      want: [['items.0.holdSeconds', 'from 10 to 30']],
    },
    {
      rule: 'hold above the range',
      item: { entryId: 'ex-gentle-stretching', holdSeconds: 11, timesPerWeek: 3 },
      want: [['items.0.holdSeconds', 'from 8 to 10']],
    },
    {
      rule: 'reps where the protocol fixes one number',
      item: { entryId: 'ex-prone-press-up', reps: 12, timesPerWeek: 3 },
      want: [['items.0.reps', 'exactly 10']],
    },
    {
      rule: 'reps are per side for knee-to-chest',
      item: { entryId: 'ex-knee-to-chest', reps: 5, timesPerWeek: 3 },
      want: [['items.0.reps', 'reps_per_side']],
    },
    {
      rule: 'no protocol gives sets',
      item: { entryId: 'ex-childs-pose', sets: 2, timesPerWeek: 3 },
      want: [['items.0.sets', 'not a dose this entry takes']],
    },
    {
      rule: 'a hold for an entry without one',
      item: { entryId: 'ex-walking', holdSeconds: 10, timesPerWeek: 3 },
      want: [['items.0.holdSeconds', 'not a dose this entry takes']],
    },
    {
      rule: 'reps for an entry with no protocol at all',
      item: { entryId: 'pos-legs-raised-in-bed', reps: 2, timesPerWeek: 7 },
      want: [['items.0.reps', 'not a dose this entry takes']],
    },
    {
      rule: 'strengthening: sessions a week outside 2-4',
      item: { entryId: 'ex-core-back-strengthening', timesPerWeek: 5 },
      want: [['items.0.timesPerWeek', 'sessions_per_week']],
    },
    {
      rule: 'every wrong dose is named at once',
      item: { entryId: 'ex-childs-pose', holdSeconds: 60, reps: 9, sets: 1, timesPerWeek: 3 },
      want: [
        ['items.0.holdSeconds', 'hold_s'],
        ['items.0.reps', 'reps'],
        ['items.0.sets', 'not a dose'],
      ],
    },
  ];

  it.each(rows)('$rule', ({ item, conditions, want }) => {
    const problems = programmeProblems(one(item), { conditions: conditions ?? [] });
    expect(problems.map((p) => p.field)).toStrictEqual(want.map(([field]) => field));
    expect(problems.map((p) => p.problem)).toStrictEqual(
      want.map(([, word]) => expect.stringContaining(word) as unknown),
    );
  });

  it('names the item by its position in the list', () => {
    const input = {
      items: [
        { entryId: 'ex-walking', timesPerWeek: 5 },
        { entryId: 'tx-heat', timesPerWeek: 7 },
        { entryId: 'ex-childs-pose', reps: 7, timesPerWeek: 3 },
      ],
    };
    expect(fields(input)).toStrictEqual(['items.2.reps']);
  });
});

describe('programmeProblems: the shape', () => {
  const shapeRows: { what: string; input: unknown; want: string[] }[] = [
    { what: 'not an object', input: null, want: ['(programme)'] },
    { what: 'no items', input: { items: [] }, want: ['items'] },
    {
      what: 'too many items',
      input: {
        items: assignable.slice(0, maxProgrammeItems + 1).map((e) => ({ entryId: e.id, timesPerWeek: 2 })),
      },
      want: ['items'],
    },
    {
      what: 'an entry twice',
      input: {
        items: [
          { entryId: 'ex-walking', timesPerWeek: 5 },
          { entryId: 'ex-walking', timesPerWeek: 2 },
        ],
      },
      want: ['items.1.entryId'],
    },
    {
      what: 'times a week missing',
      input: { items: [{ entryId: 'ex-walking' }] },
      want: ['items.0.timesPerWeek'],
    },
    {
      what: 'times a week above 21',
      input: one({ entryId: 'ex-walking', timesPerWeek: 22 }),
      want: ['items.0.timesPerWeek'],
    },
    {
      what: 'a fractional dose',
      input: one({ entryId: 'ex-childs-pose', holdSeconds: 10.5, timesPerWeek: 3 }),
      want: ['items.0.holdSeconds'],
    },
    {
      what: 'a dose as text',
      input: { items: [{ entryId: 'ex-walking', reps: '3', timesPerWeek: 3 }] },
      want: ['items.0.reps'],
    },
    {
      what: 'an unknown field',
      input: { items: [{ entryId: 'ex-walking', timesPerWeek: 3, minutes: 30 }] },
      want: ['items.0'],
    },
    {
      what: 'a note too long',
      input: { items: [{ entryId: 'ex-walking', timesPerWeek: 3 }], note: 'x'.repeat(501) },
      want: ['note'],
    },
  ];

  it.each(shapeRows)('refuses $what', ({ input, want }) => {
    const problems = programmeProblems(input, none);
    expect(problems.map((p) => p.field)).toStrictEqual(want);
    // Our words, not the validator's: no "Invalid input" or "Too small".
    for (const problem of problems) expect(problem.problem).toMatch(/^(must|has) /);
  });

  it('takes a note up to 500 characters, and the parsed value keeps only the fields given', () => {
    const input = { items: [{ entryId: 'ex-walking', timesPerWeek: 3 }], note: 'x'.repeat(500) };
    expect(programmeProblems(input, none)).toStrictEqual([]);
    expect(programmeInputSchema.parse(input)).toStrictEqual(input);
  });
});

describe('programmeProblems: properties', () => {
  const anyConditions = fc.subarray([...healthConditionValues]);
  const anyDose = fc.record(
    {
      holdSeconds: fc.integer({ min: 1, max: 3600 }),
      reps: fc.integer({ min: 1, max: 3600 }),
      sets: fc.integer({ min: 1, max: 3600 }),
    },
    { requiredKeys: [] },
  );

  it('refuses every item of every do_not_recommend entry, whatever the dose, conditions and position', () => {
    expect(doNotRecommend.length).toBe(8); // knowledge-base.md §6 check 10
    fc.assert(
      fc.property(
        fc.constantFrom(...doNotRecommend),
        anyDose,
        fc.integer({ min: 1, max: 21 }),
        fc.integer({ min: 0, max: 3 }),
        anyConditions,
        (entry, dose, timesPerWeek, position, conditions) => {
          const before = assignable.slice(0, position).map((e) => ({ entryId: e.id, timesPerWeek: 2 }));
          const input = { items: [...before, { entryId: entry.id, ...dose, timesPerWeek }] };
          const problems = programmeProblems(input, { conditions });
          expect(problems.map((p) => p.field)).toContain(`items.${String(position)}.entryId`);
        },
      ),
    );
  });

  it("accepts every assignable protocol's default dose, for a patient without conditions the entry avoids", () => {
    // tx-contrast-shower is inform_only (refused above): the other nine protocols are all checked here.
    expect(protocols.filter((p) => isPlanItem(p)).length).toBe(protocols.length - 1);
    for (const protocol of protocols.filter((p) => isPlanItem(p))) {
      const timer = protocol.timer;
      const reps = timer.reps ?? timer.reps_per_side;
      const item: ProgrammeItemInput = {
        entryId: protocol.id,
        ...(timer.hold_s === undefined ? {} : { holdSeconds: timer.hold_s.default }),
        ...(reps === undefined ? {} : { reps: reps.default }),
        timesPerWeek: timer.sessions_per_week?.default ?? 7,
      };
      expect(programmeProblems(one(item), none), protocol.id).toStrictEqual([]);
      // The knowledge base's avoid_with decides (protocols.json repeats it for some protocols only).
      const avoided = new Set<string>(getEntry(protocol.id)?.avoid_with ?? []);
      fc.assert(
        fc.property(anyConditions, (conditions) => {
          const kept = conditions.filter((condition) => !avoided.has(condition));
          expect(programmeProblems(one(item), { conditions: kept })).toStrictEqual([]);
        }),
        { numRuns: 20 },
      );
    }
  });

  it('accepts every dose inside its range, and refuses every dose just outside it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...protocols.filter((p) => isPlanItem(p) && p.timer.hold_s !== undefined)),
        fc.integer({ min: 0, max: 1000 }),
        (protocol, seed) => {
          const hold = protocol.timer.hold_s;
          if (hold === undefined) return;
          const inside = hold.min + (seed % (hold.max - hold.min + 1));
          const check = (holdSeconds: number) =>
            fields(one({ entryId: protocol.id, holdSeconds, timesPerWeek: 3 }));
          expect(check(inside)).toStrictEqual([]);
          expect(check(hold.max + 1)).toStrictEqual(['items.0.holdSeconds']);
          if (hold.min > 1) expect(check(hold.min - 1)).toStrictEqual(['items.0.holdSeconds']);
        },
      ),
    );
  });

  it('refuses every entry of a kind or display that cannot be assigned, and no assignable entry on its own', () => {
    for (const entry of knowledgeEntries) {
      const refused = fields(one({ entryId: entry.id, timesPerWeek: 2 }));
      const can = assignableKinds.includes(entry.kind) && isPlanItem(entry);
      expect(refused, entry.id).toStrictEqual(can ? [] : ['items.0.entryId']);
    }
  });
});
