/**
 * Every `suits`, `caution_with` and `avoid_with` match in the catalogue, found by walking the entries (so a new
 * match in the knowledge base is tested without touching this file), and D13: disc herniation and spinal stenosis
 * bend the plan in opposite directions.
 */
import { describe, expect, it } from 'vitest';
import { knowledgeEntries, type Entry, type HealthCondition } from '../knowledge/index.ts';
import { backConditions } from '../triage/index.ts';
import { backConditionToHealth, directionRule, healthConditions, matchConditions } from './conditions.ts';
import { idsOf, itemOf, planFor, todayOf, withCondition } from './test-factories.ts';
import type { Plan, PlanItem } from './types.ts';

/** The default plan (no conditions) on each day 0–50, built once. */
const defaultPlans: readonly Plan[] = Array.from({ length: 51 }, (_, day) => planFor({ onsetDaysAgo: day }));

/** Where an entry first shows in the default plan on its own day: as an item, or as a library reference. */
function firstPlace(id: string): { day: number; as: 'item' | 'library' } | null {
  for (const plan of defaultPlans) {
    const today = todayOf(plan);
    if (idsOf(today).includes(id)) return { day: plan.todayDay, as: 'item' };
    if (today.library.some((ref) => ref.entryId === id)) return { day: plan.todayDay, as: 'library' };
  }
  return null;
}

type MatchKind = 'suits' | 'caution_with' | 'avoid_with';

const matches: { entry: Entry; kind: MatchKind; condition: HealthCondition }[] = knowledgeEntries.flatMap(
  (entry) => [
    ...entry.suits.map((condition) => ({ entry, kind: 'suits' as const, condition })),
    ...(entry.caution_with ?? []).map((condition) => ({ entry, kind: 'caution_with' as const, condition })),
    ...entry.avoid_with.map((condition) => ({ entry, kind: 'avoid_with' as const, condition })),
  ],
);

const allItems = (plan: Plan): PlanItem[] => [
  ...plan.days.flatMap((day) => day.items),
  ...plan.alwaysAvailable,
];

describe('every condition match in the catalogue', () => {
  it('finds the matches to test', () => {
    // 3 suits/caution pairs for the D13 stretches and dozens of avoid_with; fewer means the walk broke.
    expect(matches.filter((m) => m.kind !== 'avoid_with')).toHaveLength(5);
    expect(matches.filter((m) => m.kind === 'avoid_with').length).toBeGreaterThan(30);
  });

  it.each(matches.map((m) => [m.entry.id, m.kind, m.condition, m] as const))(
    '%s %s %s',
    (id, kind, condition, { entry }) => {
      const place = firstPlace(id);
      const plan = planFor(withCondition(condition, { onsetDaysAgo: place?.day ?? 0 }));
      const items = allItems(plan).filter((item) => item.entryId === id);
      if (place === null) {
        // Never offered by the default plan (library-only content): a condition cannot bring it in.
        expect(items).toEqual([]);
        return;
      }
      switch (kind) {
        case 'avoid_with': {
          expect(items).toEqual([]);
          const library = plan.days.flatMap((day) => day.library).filter((ref) => ref.entryId === id);
          if (place.as === 'library' && entry.display === 'do_not_recommend') {
            // A "not advised" reference is a warning for everyone; it stays.
            expect(library.length).toBeGreaterThan(0);
            return;
          }
          expect(library).toEqual([]);
          const leftOut = plan.leftOut.find((out) => out.entryId === id);
          expect(leftOut?.reasons).toContainEqual(
            expect.objectContaining({ code: 'avoid_with', condition, text: expect.any(String) as unknown }),
          );
          return;
        }
        case 'caution_with':
          expect(items.length).toBeGreaterThan(0);
          for (const item of items) {
            expect(item.banners.map((banner) => banner.condition)).toContain(condition);
            expect(item.banners.find((b) => b.condition === condition)?.text).toMatch(
              /stop if your symptoms increase/,
            );
          }
          return;
        case 'suits':
          expect(items.length).toBeGreaterThan(0);
          for (const item of items) expect(item.badges.map((badge) => badge.condition)).toContain(condition);
          return;
      }
    },
  );

  it('adds no badge, banner or exclusion for a condition the entry does not name', () => {
    const plan = planFor({ onsetDaysAgo: 4, conditions: ['arthritis', 'degenerative_disc_disease'] });
    for (const item of allItems(plan)) {
      expect(item.badges).toEqual([]);
      expect(item.banners).toEqual([]);
    }
    expect(plan.leftOut).toEqual([]);
  });
});

describe('D13: disc herniation and spinal stenosis', () => {
  const disc = todayOf(planFor({ onsetDaysAgo: 4, conditions: ['disc_herniation'] }));
  const stenosis = todayOf(planFor({ onsetDaysAgo: 4, conditions: ['spinal_stenosis'] }));
  const neither = todayOf(planFor({ onsetDaysAgo: 4 }));
  const conditionsOf = (item: PlanItem) => ({
    badges: item.badges.map((b) => b.condition),
    banners: item.banners.map((b) => b.condition),
    rule: item.personalNotes.includes(directionRule),
  });

  it.each([
    ['ex-prone-press-up', { badges: ['disc_herniation'], banners: [], rule: false }],
    ['ex-knee-to-chest', { badges: [], banners: ['disc_herniation'], rule: false }],
    ['ex-childs-pose', { badges: [], banners: ['disc_herniation'], rule: false }],
  ])('disc herniation: %s → %o', (id, expected) => {
    expect(conditionsOf(itemOf(disc, id))).toEqual(expected);
  });

  it.each([
    ['ex-prone-press-up', { badges: [], banners: ['spinal_stenosis'], rule: false }],
    ['ex-knee-to-chest', { badges: ['spinal_stenosis'], banners: [], rule: false }],
    // Child's pose names only disc herniation, so with stenosis alone the general rule applies.
    ['ex-childs-pose', { badges: [], banners: [], rule: true }],
  ])('spinal stenosis: %s → %o', (id, expected) => {
    expect(conditionsOf(itemOf(stenosis, id))).toEqual(expected);
  });

  it.each(['ex-prone-press-up', 'ex-knee-to-chest', 'ex-childs-pose'])(
    'no diagnosis: %s is offered with the general rule and no badge or banner',
    (id) => {
      expect(conditionsOf(itemOf(neither, id))).toEqual({ badges: [], banners: [], rule: true });
    },
  );

  it('the two plans differ exactly in the direction-specific stretches', () => {
    expect(idsOf(disc)).toEqual(idsOf(stenosis));
    const differing = disc.items
      .filter((item, i) => JSON.stringify(item) !== JSON.stringify(stenosis.items[i]))
      .map((item) => item.entryId);
    expect(differing).toEqual(['ex-knee-to-chest', 'ex-prone-press-up', 'ex-childs-pose']);
  });

  it('with both diagnoses, the press-up and knee-to-chest carry a badge and a banner', () => {
    const both = todayOf(planFor({ onsetDaysAgo: 4, conditions: ['disc_herniation', 'spinal_stenosis'] }));
    expect(conditionsOf(itemOf(both, 'ex-prone-press-up'))).toEqual({
      badges: ['disc_herniation'],
      banners: ['spinal_stenosis'],
      rule: false,
    });
    expect(conditionsOf(itemOf(both, 'ex-knee-to-chest'))).toEqual({
      badges: ['spinal_stenosis'],
      banners: ['disc_herniation'],
      rule: false,
    });
  });

  it('spondylolisthesis leaves the press-up out, saying to ask a clinician first', () => {
    const plan = planFor({ onsetDaysAgo: 4, conditions: ['spondylolisthesis'] });
    expect(idsOf(todayOf(plan))).not.toContain('ex-prone-press-up');
    expect(idsOf(todayOf(plan))).toContain('ex-knee-to-chest');
    expect(plan.leftOut).toEqual([
      {
        entryId: 'ex-prone-press-up',
        title: expect.any(String) as unknown,
        reasons: [
          {
            code: 'avoid_with',
            condition: 'spondylolisthesis',
            text: expect.stringMatching(/spondylolisthesis.*before trying it/) as unknown,
          },
        ],
      },
    ]);
  });

  it('leaves the press-up out of the whole plan, not only today', () => {
    const plan = planFor({ onsetDaysAgo: 0, otherConditions: ['spondylolysis'] }, { horizonDays: 30 });
    expect(plan.days.flatMap((day) => idsOf(day))).not.toContain('ex-prone-press-up');
    expect(plan.heldBack.map((held) => held.entryId)).not.toContain('ex-prone-press-up');
    expect(plan.leftOut.map((out) => out.entryId)).toEqual(['ex-prone-press-up']);
  });
});

describe('mapping the episode’s conditions onto §1.6', () => {
  it.each(backConditions.map((condition) => [condition, backConditionToHealth[condition]] as const))(
    '%s → %s',
    (back, health) => {
      expect(healthConditions([back])).toEqual(health === null ? [] : [back]);
    },
  );

  it('osteoporosis changes nothing in the plan (triage weighs fragile bones)', () => {
    const plain = planFor({ onsetDaysAgo: 4 });
    const fragile = planFor({ onsetDaysAgo: 4, conditions: ['osteoporosis'] });
    expect({ ...fragile, conditions: plain.conditions }).toEqual(plain);
  });

  it('merges other conditions without repeats', () => {
    expect(healthConditions(['disc_herniation'], ['pregnancy', 'disc_herniation'])).toEqual([
      'disc_herniation',
      'pregnancy',
    ]);
  });

  it('matches only the named conditions', () => {
    const entry = {
      suits: ['disc_herniation'],
      caution_with: ['spinal_stenosis'],
      avoid_with: ['pregnancy'],
    } as const;
    expect(matchConditions(entry, ['spinal_stenosis', 'arthritis'])).toEqual({
      avoid: [],
      caution: ['spinal_stenosis'],
      suits: [],
    });
  });
});

describe('left out, with the reason', () => {
  it('reduced skin sensation leaves out heat, cold, cold-then-heat and the contrast shower', () => {
    const plan = planFor({ onsetDaysAgo: 0, otherConditions: ['reduced_skin_sensation'] });
    expect(plan.leftOut.map((out) => out.entryId)).toEqual([
      'tx-heat',
      'tx-ice',
      'tx-alternate-ice-heat',
      'tx-contrast-shower',
      'rem-epsom-salt-bath',
    ]);
    for (const id of ['tx-heat', 'tx-ice', 'tx-alternate-ice-heat'])
      expect(idsOf(todayOf(plan))).not.toContain(id);
  });

  it('pregnancy leaves out the anti-inflammatory tablets; the reason names it', () => {
    const plan = planFor({ onsetDaysAgo: 1, otherConditions: ['pregnancy'] });
    expect(idsOf(todayOf(plan))).not.toContain('med-oral-nsaid-otc');
    expect(plan.leftOut.find((out) => out.entryId === 'med-oral-nsaid-otc')?.reasons[0]?.text).toMatch(
      /pregnancy/,
    );
  });

  // Reasons follow the order in which the person's conditions were given.
  it('lists each reason once for an entry left out for several', () => {
    const plan = planFor({
      onsetDaysAgo: 0,
      otherConditions: ['kidney_disease', 'heart_disease', 'pregnancy'],
    });
    const nsaid = plan.leftOut.find((out) => out.entryId === 'med-oral-nsaid-otc');
    expect(nsaid?.reasons.map((reason) => reason.condition)).toEqual([
      'kidney_disease',
      'heart_disease',
      'pregnancy',
    ]);
  });
});
