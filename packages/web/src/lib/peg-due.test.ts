import { describe, expect, it } from 'vitest';
import { pegDue } from './peg-due.ts';

// 2026-03-02 is a Monday.
const at = (iso: string) => ({ at: iso });

describe('pegDue', () => {
  it('is due before the first PEG', () => {
    expect(pegDue([], new Date('2026-03-04T12:00:00Z'), 'Europe/London')).toBe(true);
  });

  it('is done for the week by one answered any day of it, and due again on the Monday after', () => {
    const scores = [at('2026-03-02T08:00:00Z')];
    expect(pegDue(scores, new Date('2026-03-02T20:00:00Z'), 'Europe/London')).toBe(false);
    expect(pegDue(scores, new Date('2026-03-08T22:00:00Z'), 'Europe/London')).toBe(false);
    expect(pegDue(scores, new Date('2026-03-09T00:30:00Z'), 'Europe/London')).toBe(true);
  });

  it('counts a Sunday-evening answer for the week that ends, not the next (six days later is still due)', () => {
    const scores = [at('2026-03-08T21:00:00Z')];
    expect(pegDue(scores, new Date('2026-03-09T09:00:00Z'), 'Europe/London')).toBe(true);
  });

  // Why: weeks are the patient's local weeks. 23:30 UTC on Sunday is already Monday in Auckland.
  it('reads weeks in the patient’s time zone', () => {
    const scores = [at('2026-03-08T23:30:00Z')]; // Monday 9 March, 12:30 in Auckland
    const mondayNoonAuckland = new Date('2026-03-09T00:00:00Z'); // 13:00 in Auckland, 00:00 in London
    expect(pegDue(scores, mondayNoonAuckland, 'Pacific/Auckland')).toBe(false);
    // In London the same answer was given on Sunday night: last week's, so midnight on Monday makes it due.
    expect(pegDue(scores, mondayNoonAuckland, 'Europe/London')).toBe(true);
  });

  it('ignores old answers and looks at any of them, in any order', () => {
    const scores = [at('2026-03-10T08:00:00Z'), at('2026-02-01T08:00:00Z')];
    expect(pegDue(scores, new Date('2026-03-12T08:00:00Z'), 'UTC')).toBe(false);
    expect(pegDue(scores.slice(1), new Date('2026-03-12T08:00:00Z'), 'UTC')).toBe(true);
  });
});
