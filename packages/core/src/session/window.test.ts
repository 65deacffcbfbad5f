/**
 * The period after onset in which a protocol is offered: 48 h for the cold pack, 7 days for cold-then-heat
 * (knowledge-base.md §3.1 D4), none for the rest.
 */
import { describe, expect, it } from 'vitest';
import { getProtocol } from './protocols.ts';
import { protocolWindowMs, windowEndsAt, withinWindow } from './window.ts';

const hour = 60 * 60 * 1000;
const onset = Date.UTC(2026, 10, 20, 8, 0);

describe('withinWindow', () => {
  const table: [string, number, boolean][] = [
    ['tx-ice', 0, true],
    ['tx-ice', 47 * hour, true],
    ['tx-ice', 48 * hour - 1, true],
    ['tx-ice', 48 * hour, false],
    ['tx-ice', 72 * hour, false],
    ['tx-ice', -1, false],
    ['tx-alternate-ice-heat', 167 * hour, true],
    ['tx-alternate-ice-heat', 168 * hour, false],
    ['tx-heat', 1000 * hour, true],
    ['ex-walking', 0, true],
    ['no-such-protocol', 0, false],
  ];

  it.each(table)('%s at onset + %i ms: %s', (id, after, expected) => {
    expect(withinWindow(id, onset, onset + after)).toBe(expected);
  });

  it('accepts the protocol itself as well as its id', () => {
    const ice = getProtocol('tx-ice');
    if (ice === undefined) throw new Error('tx-ice missing');
    expect(withinWindow(ice, onset, onset + hour)).toBe(true);
  });

  it('does not vouch for times it cannot read', () => {
    expect(withinWindow('tx-ice', Number.NaN, onset)).toBe(false);
    expect(withinWindow('tx-heat', onset, Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('says when the window closes', () => {
    expect(protocolWindowMs('tx-ice')).toBe(48 * hour);
    expect(protocolWindowMs('tx-heat')).toBeNull();
    expect(protocolWindowMs('nope')).toBeUndefined();
    expect(windowEndsAt('tx-ice', onset)).toBe(onset + 48 * hour);
    expect(windowEndsAt('tx-heat', onset)).toBeNull();
  });
});
