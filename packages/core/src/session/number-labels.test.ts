/**
 * Every number a protocol shows has a name in words: no raw field name (`heat_on_s`) on a timer or in the plan.
 */
import { describe, expect, it } from 'vitest';
import { knowledgeEntries } from '../knowledge/index.ts';
import { protocolNumbers } from '../plan/items.ts';
import { numberLabel, numberLabels } from './labels.ts';
import { timedProtocolIds, buildTimeline } from './timeline.ts';

const fieldName = /_|\b[a-z]+_[a-z]+\b/;

const planFields = [
  ...new Set(knowledgeEntries.flatMap((entry) => protocolNumbers(entry.protocol).map((n) => n.field))),
];
const timerKeys = [
  ...new Set(
    timedProtocolIds.flatMap((id) => {
      const built = buildTimeline(id, {});
      return built.ok ? built.timeline.numbers.map((n) => n.key) : [];
    }),
  ),
];

describe('number labels', () => {
  it('cover the timers and the plan (the lists are not empty)', () => {
    expect(timerKeys).toContain('heat_on_s');
    expect(planFields.length).toBeGreaterThan(10);
  });

  it.each([...planFields, ...timerKeys].map((field) => [field] as const))(
    '%s has a label in words',
    (field) => {
      const last = field.split('.').at(-1) ?? field;
      expect(Object.hasOwn(numberLabels, last), `${last} is in numberLabels`).toBe(true);
      expect(numberLabel(field)).not.toMatch(fieldName);
    },
  );

  it('names the cold-then-heat timer numbers and nested goals', () => {
    expect(numberLabel('heat_on_s')).toBe('Heat on');
    expect(numberLabel('walking_target.session_min')).toBe('Walking goal: session length');
  });

  it('never shows a field name, even for a field not labelled yet', () => {
    expect(numberLabel('new_thing_s')).toBe('new thing');
    expect(numberLabel('some_group.other_count')).not.toMatch(fieldName);
  });
});
