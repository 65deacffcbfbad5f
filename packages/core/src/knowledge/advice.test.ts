import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayFor, howToVisible, isAdvice, presentEntry, visibleProtocol } from './advice.ts';
import { knowledgeEntries } from './entries.ts';
import { getEntry } from './lookup.ts';
import { displays, phases, type Display, type Entry } from './types.ts';

function entry(id: string): Entry {
  const found = getEntry(id);
  if (found === undefined) throw new Error(`no entry ${id}`);
  return found;
}

const DO_NOT_RECOMMEND = [
  'tx-prolonged-bed-rest',
  'tx-compression-brace',
  'med-paracetamol-alone',
  'med-corticosteroid-injection',
  'med-botulinum-toxin',
  'rem-apple-cider-vinegar',
  'rem-celery-seed-tea',
  'rem-endorphin-scents-ginseng',
];

describe('presentation rules (§1.4)', () => {
  it('lists the eight do_not_recommend entries', () => {
    expect(knowledgeEntries.filter((e) => e.display === 'do_not_recommend').map((e) => e.id)).toEqual(
      DO_NOT_RECOMMEND,
    );
  });

  it.each(DO_NOT_RECOMMEND)('%s is never advice and never shows how-to content, in any phase', (id) => {
    const e = entry(id);
    expect(isAdvice(e)).toBe(false);
    expect(howToVisible(e)).toBe(false);
    expect(visibleProtocol(e)).toBeNull();
    for (const phase of phases) {
      expect(isAdvice(e, phase)).toBe(false);
      expect(howToVisible(e, phase)).toBe(false);
    }
  });

  it.each([
    ['tx-heat', 'recommend'],
    ['tx-ice', 'option'],
    ['tx-contrast-shower', 'inform_only'],
    ['rem-lavender-oil-rub', 'inform_only'],
  ] as const)('%s (%s) may show its how-to content', (id, display) => {
    const e = entry(id);
    expect(e.display).toBe(display);
    expect(isAdvice(e)).toBe(true);
    expect(howToVisible(e)).toBe(true);
    expect(visibleProtocol(e)).toBe(e.protocol);
  });

  it('applies display_by_phase', () => {
    expect(displayFor(entry('ex-gentle-stretching'))).toBe('option');
    expect(displayFor(entry('ex-gentle-stretching'), 'acute')).toBe('option');
    expect(displayFor(entry('ex-gentle-stretching'), 'recovery')).toBe('recommend');
    expect(displayFor(entry('pro-physiotherapy'), 'subacute')).toBe('option');
    expect(displayFor(entry('pro-physiotherapy'), 'prevention')).toBe('recommend');
  });

  it('hides how-to content exactly when the display that applies is do_not_recommend', () => {
    const display = fc.constantFrom<Display>(...displays);
    const byPhase = fc.dictionary(fc.constantFrom(...phases), display);
    fc.assert(
      fc.property(
        display,
        byPhase,
        fc.option(fc.constantFrom(...phases), { nil: undefined }),
        (d, overrides, phase) => {
          const e = { display: d, display_by_phase: overrides };
          const shown = phase === undefined ? [d, ...Object.values(overrides)] : [displayFor(e, phase)];
          expect(howToVisible(e, phase)).toBe(!shown.includes('do_not_recommend'));
          expect(isAdvice(e, phase)).toBe(howToVisible(e, phase));
          if (phase !== undefined && !(phase in overrides)) expect(displayFor(e, phase)).toBe(d);
        },
      ),
    );
  });

  it('presents entries without how-to content exactly when it must stay hidden', () => {
    for (const e of knowledgeEntries) {
      const shown = presentEntry(e);
      const { editorial: _notes, ...withoutNotes } = e;
      expect(shown).not.toHaveProperty('editorial');
      if (howToVisible(e)) expect(shown).toStrictEqual(withoutNotes);
      else expect(shown).toStrictEqual({ ...withoutNotes, protocol: null });
    }
    // Why: the spec's do_not_recommend entries happen to have no protocol today; one with steps must lose them.
    const withSteps: Entry = {
      ...entry('tx-prolonged-bed-rest'),
      protocol: { steps: ['Lie down for three days.'] },
    };
    expect(presentEntry(withSteps).protocol).toBeNull();
    expect(withSteps.protocol).not.toBeNull();
    expect([entry('tx-heat'), withSteps].map(presentEntry).map((e) => e.protocol === null)).toEqual([
      false,
      true,
    ]);
  });
});
