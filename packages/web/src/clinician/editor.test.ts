import { getEntry, knowledgeEntries, programmeProblems, type HealthCondition } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import {
  doseFields,
  draftProblems,
  newItem,
  parseDose,
  placeProblem,
  programmeCandidates,
} from './editor.ts';

const refusalsOf = (conditions: HealthCondition[]) =>
  new Map(programmeCandidates(conditions).map((cand) => [cand.entry.id, cand.refusals]));

describe('programmeCandidates', () => {
  it('offers exercises, treatments and positions only', () => {
    const kinds = new Set(programmeCandidates([]).map((cand) => cand.entry.kind));
    expect([...kinds].sort()).toEqual(['exercise', 'position', 'treatment']);
  });

  it('disables do_not_recommend and inform_only entries, naming the rule', () => {
    const refusals = refusalsOf([]);
    expect(refusals.get('tx-prolonged-bed-rest')?.join()).toMatch(/do_not_recommend/);
    expect(refusals.get('tx-contrast-shower')?.join()).toMatch(/inform_only/);
    expect(refusals.get('ex-knee-to-chest')).toEqual([]);
  });

  it("disables an entry to be avoided with one of the patient's conditions, and only then", () => {
    expect(refusalsOf([]).get('ex-prone-press-up')).toEqual([]);
    const withCondition = refusalsOf(['spondylolisthesis']).get('ex-prone-press-up') ?? [];
    expect(withCondition.join()).toMatch(/avoid_with spondylolisthesis/);
  });

  // The editor must never offer what the server refuses, nor refuse what it accepts.
  it('agrees with programmeProblems for every candidate and several condition sets', () => {
    const sets: HealthCondition[][] = [[], ['spondylolisthesis'], ['broken_skin', 'reduced_skin_sensation']];
    for (const conditions of sets) {
      for (const cand of programmeCandidates(conditions)) {
        const server = programmeProblems({ items: [newItem(cand.entry.id)] }, { conditions });
        expect(cand.refusals.length > 0, cand.entry.id).toBe(server.length > 0);
      }
    }
  });
});

describe('doseFields', () => {
  it('gives hold and repetitions from the protocol, and times a week always', () => {
    expect(doseFields('ex-knee-to-chest')).toEqual([
      { key: 'timesPerWeek', min: 1, max: 21, initial: 7 },
      { key: 'holdSeconds', min: 15, max: 30, initial: 15 },
      { key: 'reps', min: 2, max: 4, initial: 2 },
    ]);
    expect(doseFields('tx-sleep-routine').map((f) => f.key)).toEqual(['timesPerWeek']);
  });

  it("uses the protocol's weekly range where it has one", () => {
    expect(doseFields('ex-core-back-strengthening')[0]).toEqual({
      key: 'timesPerWeek',
      min: 2,
      max: 4,
      initial: 2,
    });
  });

  // The inputs' min and max are the rule: inside is accepted by core, one step outside is refused.
  it("matches core's dose rule at every bound of every assignable entry", () => {
    for (const entry of knowledgeEntries) {
      const fields = doseFields(entry.id);
      const base = newItem(entry.id);
      if (programmeProblems({ items: [base] }, { conditions: [] }).length > 0) continue; // refused as an entry
      for (const field of fields) {
        for (const value of [field.min, field.max]) {
          const ok = programmeProblems({ items: [{ ...base, [field.key]: value }] }, { conditions: [] });
          expect(ok, `${entry.id}.${field.key}=${String(value)}`).toEqual([]);
        }
        for (const value of [field.min - 1, field.max + 1]) {
          if (value < 1) continue; // below the schema's floor: refused by the schema, as the input's min says
          const refused = programmeProblems({ items: [{ ...base, [field.key]: value }] }, { conditions: [] });
          expect(
            refused.map((p) => p.field),
            `${entry.id}.${field.key}=${String(value)}`,
          ).toEqual([`items.0.${field.key}`]);
        }
      }
    }
  });
});

describe('newItem', () => {
  it("starts at the protocol's defaults", () => {
    expect(newItem('ex-childs-pose')).toEqual({
      entryId: 'ex-childs-pose',
      timesPerWeek: 7,
      holdSeconds: 10,
      reps: 2,
    });
  });
});

describe('placeProblem and draftProblems', () => {
  it('places an item field on its item, anything else on the programme', () => {
    expect(placeProblem({ field: 'items.2.reps', problem: 'x' })).toEqual({
      index: 2,
      field: 'reps',
      problem: 'x',
    });
    expect(placeProblem({ field: 'note', problem: 'y' })).toEqual({
      index: null,
      field: 'note',
      problem: 'y',
    });
  });

  it("names a dose outside the range on its item's field, with the protocol's rule", () => {
    const problems = draftProblems(
      { items: [newItem('ex-walking'), { ...newItem('ex-knee-to-chest'), reps: 9 }] },
      [],
    );
    expect(problems).toEqual([
      { index: 1, field: 'reps', problem: 'must be from 2 to 4 (reps_per_side in protocols.json)' },
    ]);
  });

  it('names an unparseable times-a-week', () => {
    const problems = draftProblems({ items: [{ ...newItem('ex-walking'), timesPerWeek: Number.NaN }] }, []);
    expect(problems[0]).toMatchObject({ index: 0, field: 'timesPerWeek' });
  });
});

describe('parseDose', () => {
  it.each([
    ['12', 12],
    [' 3 ', 3],
    ['', undefined],
    ['1.5', undefined],
    ['-2', undefined],
    ['abc', undefined],
  ])('%j → %j', (text, value) => {
    expect(parseDose(text)).toBe(value);
  });
});

it('every candidate is a real entry', () => {
  for (const cand of programmeCandidates([])) expect(getEntry(cand.entry.id)).toBe(cand.entry);
});
