import { describe, expect, it } from 'vitest';
import { displayFor, getEntry } from '../knowledge/index.ts';
import { phaseOf, planStages } from './phases.ts';
import { alwaysAvailable, planTable, timedEntryIds, weeklySessionDays } from './slots.ts';
import { knowledgeBase, specIds, type SpecStage } from './test-spec.ts';
import type { PlanStage } from './types.ts';

/** The §5 sub-table each stage reads. */
const specStageOf: Record<PlanStage, SpecStage> = {
  acute: 'acute',
  subacute_early: 'subacute_early',
  subacute_late: 'subacute_late',
  recovery: 'after_recovery',
  prevention: 'after_recovery',
};

/**
 * Rows the table holds that §5 does not name by id, each with the §5 words it stands for. Anything else that
 * differs from §5 fails the drift test.
 */
const documentedAdditions: Partial<Record<PlanStage, Partial<Record<string, readonly string[]>>>> = {
  // §5 days 8–14 core: "normal activities including work" (no id); the entry that carries it is this one.
  subacute_late: { core: ['tx-short-rest-then-activity'] },
  // §5 days 0–2 "Not in the plan": "… and the remedies", named here one by one.
  acute: { library: ['rem-apple-cider-vinegar', 'rem-celery-seed-tea', 'rem-endorphin-scents-ginseng'] },
};

function rowIds(stage: PlanStage, slot: 'first_screen' | 'core' | 'choice'): string[] {
  return planTable[stage].rows.filter((row) => row.slot === slot).map((row) => row.entryId);
}

function withoutAdditions(stage: PlanStage, slot: string, ids: readonly string[]): string[] {
  const added = documentedAdditions[stage]?.[slot] ?? [];
  return ids.filter((id) => !added.includes(id));
}

describe.skipIf(!knowledgeBase.present)('the slot table matches knowledge-base.md §5', () => {
  const md = knowledgeBase.present ? knowledgeBase.read() : '';

  it.each(planStages)(
    '%s: first screen, core and choices name the same entries in the same order',
    (stage) => {
      const spec = specStageOf[stage];
      expect(rowIds(stage, 'first_screen')).toEqual(specIds(md, spec, 'First screen'));
      expect(withoutAdditions(stage, 'core', rowIds(stage, 'core'))).toEqual(specIds(md, spec, 'Core'));
      expect(rowIds(stage, 'choice')).toEqual(specIds(md, spec, 'Choices'));
    },
  );

  it.each(planStages)('%s: the library rows name the same entries', (stage) => {
    const spec = specStageOf[stage];
    const expected = [...specIds(md, spec, 'Not in the plan'), ...specIds(md, spec, 'Library')];
    expect(withoutAdditions(stage, 'library', planTable[stage].library)).toEqual(expected);
  });

  it.each(planStages)('%s: the stops name the same entries', (stage) => {
    expect(planTable[stage].stops.map((stop) => stop.entryId)).toEqual(
      specIds(md, specStageOf[stage], 'Stops'),
    );
  });

  it('"always available" is pro-see-doctor-what-to-tell', () => {
    expect(alwaysAvailable.map((row) => row.entryId)).toEqual(specIds(md, 'acute', 'Always available'));
  });

  it('the entries held back in days 0–2 are offered in later stages', () => {
    const held = specIds(md, 'acute', 'Held back');
    expect(held).toEqual([
      'ex-prone-press-up',
      'ex-knee-to-chest',
      'ex-childs-pose',
      'ex-core-back-strengthening',
      'ex-yoga',
    ]);
    for (const id of held)
      expect(rowIds('acute', 'core').concat(rowIds('acute', 'choice'))).not.toContain(id);
  });

  it('the check-in and trigger rows name the entries the plan uses', () => {
    expect(specIds(md, 'subacute_early', 'Day 7')).toEqual(['rf-no-improvement-1-2-weeks']);
    expect(specIds(md, 'subacute_late', 'Day 14')).toEqual([
      'rf-no-improvement-1-2-weeks',
      'pro-see-doctor-what-to-tell',
    ]);
    expect(specIds(md, 'subacute_late', 'Early move to recovery')).toEqual([
      'ex-core-back-strengthening',
      'ex-yoga',
    ]);
    expect(specIds(md, 'after_recovery', 'Trigger')).toEqual(['rf-recurring-spasms']);
  });
});

describe('the slot table fits the catalogue', () => {
  const allRows = planStages.flatMap((stage) => planTable[stage].rows.map((row) => ({ stage, row })));

  it.each(allRows.map(({ stage, row }) => [stage, row.entryId, row] as const))(
    '%s %s: the entry exists and is advice in at least one phase it is placed in',
    (stage, id) => {
      const entry = getEntry(id);
      expect(entry).toBeDefined();
      if (entry === undefined) return;
      const phase = phaseOf(stage);
      // recovery and prevention share §5's "after recovery" table; the entry's own phases split it.
      const stages = stage === 'recovery' || stage === 'prevention' ? ['recovery', 'prevention'] : [stage];
      const phases = stages.map((s) => phaseOf(s as PlanStage));
      expect(phases.some((p) => entry.phases.includes(p))).toBe(true);
      if (entry.phases.includes(phase)) expect(['recommend', 'option']).toContain(displayFor(entry, phase));
    },
  );

  it.each(planStages.flatMap((stage) => planTable[stage].library.map((id) => [stage, id] as const)))(
    '%s library %s is inform_only or do_not_recommend and carries a display note',
    (stage, id) => {
      const entry = getEntry(id);
      expect(entry).toBeDefined();
      if (entry === undefined || !entry.phases.includes(phaseOf(stage))) return;
      expect(['inform_only', 'do_not_recommend']).toContain(displayFor(entry, phaseOf(stage)));
      expect(entry.display_note).toBeTruthy();
    },
  );

  // Reminders are for things done at a time of day: exercises and heat or cold, never medicines or positions.
  it('gives reminder sessions only to exercises and heat or cold, each in a group', () => {
    for (const { row } of allRows) {
      if (row.sessions === undefined) continue;
      const kind = getEntry(row.entryId)?.kind;
      expect(kind === 'exercise' || timedEntryIds.has(row.entryId), row.entryId).toBe(true);
      expect(row.group, row.entryId).toBeDefined();
    }
  });

  it('places weekly sessions evenly', () => {
    expect(weeklySessionDays(2)).toEqual([0, 3]);
    expect(weeklySessionDays(3)).toEqual([0, 2, 4]);
    expect(weeklySessionDays(7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
