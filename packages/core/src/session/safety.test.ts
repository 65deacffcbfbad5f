/**
 * Safety built into sessions (knowledge-base.md §1.4, protocols.json general rules): no timer for
 * do_not_recommend or unknown ids, the caveat before an inform_only timer, required prompts before the first
 * start, no timer while an emergency or urgent result is active, and a pain check after exercises.
 */
import { describe, expect, it } from 'vitest';
import { knowledgeEntries } from '../knowledge/entries.ts';
import { otherTimedItems, protocols } from './protocols.ts';
import { sessionState } from './state.ts';
import { mustTimeline, startedAt } from './test-factories.ts';
import { timedProtocolIds, buildTimeline } from './timeline.ts';
import type { SessionEvent } from './types.ts';

const days = [undefined, ...Array.from({ length: 31 }, (_, day) => day)];

describe('no timer', () => {
  const doNotRecommend = knowledgeEntries.filter(
    (entry) =>
      entry.display === 'do_not_recommend' ||
      Object.values(entry.display_by_phase ?? {}).includes('do_not_recommend'),
  );

  it('finds the do_not_recommend entries', () => {
    expect(doNotRecommend.length).toBeGreaterThanOrEqual(8);
  });

  it.each(doNotRecommend.map((entry) => [entry.id] as const))(
    '%s never gets a timeline, on any day',
    (id) => {
      for (const day of days) {
        const result = buildTimeline(id, day === undefined ? {} : { day });
        expect(result.ok, `day ${String(day)}`).toBe(false);
        expect(result).toMatchObject({ reason: 'no_timer' });
      }
    },
  );

  it('refuses every entry without a timed protocol', () => {
    const timed = new Set(timedProtocolIds);
    for (const entry of knowledgeEntries.filter((e) => !timed.has(e.id))) {
      expect(buildTimeline(entry.id), entry.id).toMatchObject({ ok: false, reason: 'no_timer' });
    }
  });

  it('refuses the other timed items that allow no timer (rest days, sleep, celery seed, vinegar…)', () => {
    for (const item of otherTimedItems.filter((other) => other.timer_allowed === false)) {
      expect(buildTimeline(item.id), item.id).toMatchObject({ ok: false, reason: 'no_timer' });
    }
  });

  it.each(['', 'tx-ice ', 'TX-ICE', 'tx-cryotherapy', 'constructor', '__proto__'])(
    'refuses the unknown id %j',
    (id) => {
      expect(buildTimeline(id)).toMatchObject({ ok: false, reason: 'unknown_protocol' });
    },
  );

  it.each(['emergency', 'urgent'] as const)(
    'refuses every timer while an %s result is active',
    (disposition) => {
      for (const id of timedProtocolIds) {
        expect(buildTimeline(id, { disposition }), id).toMatchObject({
          ok: false,
          reason: 'red_flag_active',
        });
      }
    },
  );

  it.each(['self_care', 'soon'] as const)('allows timers with a %s result', (disposition) => {
    for (const id of timedProtocolIds) expect(buildTimeline(id, { disposition }).ok, id).toBe(true);
  });
});

describe('inform_only needs its caveat', () => {
  const informOnly = [...protocols, ...otherTimedItems].filter(
    (item) => item.display === 'inform_only' && item.timer_allowed !== false,
  );

  it('finds the contrast shower and the lavender rub', () => {
    expect(informOnly.map((item) => item.id).sort()).toEqual(['rem-lavender-oil-rub', 'tx-contrast-shower']);
  });

  it.each(informOnly.map((item) => [item.id] as const))('%s: caveat set and required', (id) => {
    const line = mustTimeline(id);
    const note = knowledgeEntries.find((entry) => entry.id === id)?.display_note;
    expect(line.caveat).toBe(note);
    expect(line.needs.caveat).toBe(true);
    // Prompts acknowledged but not the caveat: the start does not run the clock.
    const events: SessionEvent[] = [
      { type: 'acknowledge_prompts', at: 0 },
      { type: 'start', at: 10 },
    ];
    const state = sessionState(line, events, 60_000);
    expect(state).toMatchObject({ status: 'not_started', elapsedMs: 0, missing: ['caveat'] });
    expect(state.ignored).toEqual([{ index: 1, reason: 'not_acknowledged' }]);
    const after = sessionState(
      line,
      [...events, { type: 'acknowledge_caveat', at: 20 }, { type: 'start', at: 30 }],
      1030,
    );
    expect(after).toMatchObject({ status: 'running', elapsedMs: 1000, missing: [] });
  });

  it('no other timeline carries a caveat', () => {
    for (const id of timedProtocolIds.filter((id) => !informOnly.some((item) => item.id === id))) {
      expect(mustTimeline(id).caveat, id).toBeNull();
      expect(mustTimeline(id).needs.caveat, id).toBe(false);
    }
  });
});

describe('required prompts come before the first start', () => {
  it.each(protocols.map((p) => [p.id, p.required_prompts] as const))('%s', (id, prompts) => {
    const line = mustTimeline(id);
    for (const prompt of prompts) expect(line.requiredPrompts).toContain(prompt);
    expect(line.needs.prompts).toBe(true);

    // A start before the acknowledgement is ignored: an hour later nothing has run and no cue has fired.
    const early: SessionEvent[] = [{ type: 'start', at: 1000 }];
    const state = sessionState(line, early, 3_601_000);
    expect(state.status).toBe('not_started');
    expect(state.elapsedMs).toBe(0);
    expect(state.runningMs).toBe(0);
    expect(state.cuesDue).toEqual([]);
    expect(state.missing).toContain('prompts');
    expect(state.ignored).toEqual([{ index: 0, reason: 'not_acknowledged' }]);

    // Acknowledged, then started again: now the clock runs.
    const later = sessionState(line, [...early, ...startedAt(line, 2000)], 2500);
    expect(later.status).toBe('running');
    expect(later.elapsedMs).toBe(500);
  });

  // The acknowledgement must come first in time, not just first in the list.
  it('an acknowledgement after the start does not start the clock retroactively', () => {
    const line = mustTimeline('tx-heat');
    const state = sessionState(
      line,
      [
        { type: 'start', at: 1000 },
        { type: 'acknowledge_prompts', at: 2000 },
      ],
      5000,
    );
    expect(state.status).toBe('not_started');
    expect(state.missing).toEqual([]);
  });
});

describe('exercises ask for a pain check; treatments do not', () => {
  it.each(protocols.map((p) => [p.id, p.kind] as const))('%s (%s)', (id, kind) => {
    expect(mustTimeline(id).painCheck).toBe(kind === 'exercise');
  });
});
