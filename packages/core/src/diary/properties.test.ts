/**
 * Laws of the analysis and the escalations over random diaries (any zone, entries in and out of range).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { severity } from '../triage/index.ts';
import { analyse } from './analyse.ts';
import { diaryEscalations } from './escalations.ts';
import { daysBetween } from './local-day.ts';
import { arbDenseDiary, arbDiary, arbInstant, makeCheckIn, makeSession } from './test-factories.ts';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('analyse, over random diaries', () => {
  it('never throws, and has one day per calendar day from onset to today', () => {
    fc.assert(
      fc.property(arbDiary, ({ entries, episode, today }) => {
        const analysis = analyse(entries, episode, today);
        expect(analysis.days).toHaveLength(daysBetween(episode.onsetDate, today) + 1);
        expect(analysis.rolling3).toHaveLength(analysis.days.length);
        analysis.days.forEach((d, i) => {
          expect(d.day).toBe(i);
        });
      }),
    );
  });

  it('has worst ≥ mean on every day with data, and nulls exactly on days without', () => {
    fc.assert(
      fc.property(arbDenseDiary, ({ entries, episode, today }) => {
        for (const d of analyse(entries, episode, today).days) {
          if (d.count === 0) {
            expect([d.worst, d.mean]).toEqual([null, null]);
          } else {
            expect(d.worst).not.toBeNull();
            expect(d.mean).not.toBeNull();
            expect(d.worst ?? 0).toBeGreaterThanOrEqual(d.mean ?? Infinity);
          }
        }
      }),
    );
  });

  it('accounts for every entry: counted on a day or listed as out of range', () => {
    fc.assert(
      fc.property(arbDiary, ({ entries, episode, today }) => {
        const analysis = analyse(entries, episode, today);
        const counted = analysis.days.reduce((total, d) => total + d.count, 0);
        expect(counted + analysis.outOfRange.length).toBe(entries.length);
      }),
    );
    fc.assert(
      fc.property(arbDenseDiary, ({ entries, episode, today }) => {
        expect(analyse(entries, episode, today).outOfRange).toEqual([]);
      }),
    );
  });

  it('keeps every rolling mean, baseline and latest value within the range of the daily worst', () => {
    fc.assert(
      fc.property(arbDenseDiary, ({ entries, episode, today }) => {
        const analysis = analyse(entries, episode, today);
        const worst = analysis.days.flatMap((d) => (d.worst === null ? [] : [d.worst]));
        const values = [
          ...analysis.rolling3.filter((v) => v !== null),
          ...(analysis.baseline ? [analysis.baseline.value] : []),
          ...(analysis.latest ? [analysis.latest.value] : []),
        ];
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(Math.min(...worst));
          expect(v).toBeLessThanOrEqual(Math.max(...worst));
        }
      }),
    );
  });

  it('agrees with itself: the trend, the flag and the change tell the same story', () => {
    fc.assert(
      fc.property(arbDenseDiary, ({ entries, episode, today }) => {
        const a = analyse(entries, episode, today);
        expect(a.clinicallyImportantImprovement).toBe(a.trend === 'improving');
        expect(a.change === null).toBe(a.trend === 'insufficient_data');
        expect(a.change === null).toBe(a.baseline === null || a.latest === null);
        // "now" never includes a day of the start it is compared with.
        if (a.baseline && a.latest) {
          expect(Math.min(...a.latest.days)).toBeGreaterThan(Math.max(...a.baseline.days));
        }
      }),
    );
  });

  // Why: the store returns entries in whatever order it likes; the answer must not depend on it.
  it('is deterministic, ignores entry order and leaves its inputs untouched', () => {
    const arbShuffled = arbDiary.chain((diary) =>
      fc
        .shuffledSubarray(diary.entries, { minLength: diary.entries.length })
        .map((shuffled) => ({ ...diary, shuffled })),
    );
    fc.assert(
      fc.property(arbShuffled, ({ entries, shuffled, episode, today }) => {
        const first = analyse(entries, episode, today);
        expect(analyse(entries, episode, today)).toEqual(first);
        // outOfRange keeps input order by design, so compare it as a set.
        const other = analyse(shuffled, episode, today);
        expect({ ...other, outOfRange: [...other.outOfRange].sort() }).toEqual({
          ...first,
          outOfRange: [...first.outOfRange].sort(),
        });
        const frozen = deepFreeze(structuredClone({ entries, episode }));
        expect(analyse(frozen.entries, frozen.episode, today)).toEqual(first);
        expect(frozen).toEqual({ entries, episode });
      }),
    );
  });
});

describe('diaryEscalations, over random diaries', () => {
  const arbSession = fc
    .record({
      protocolId: fc.constantFrom('ex-walking', 'ex-yoga', 'ex-knee-to-chest', 'tx-heat', 'tx-ice'),
      startedAt: arbInstant,
      painBefore: fc.integer({ min: 0, max: 10 }),
      painAfter: fc.integer({ min: 0, max: 10 }),
    })
    .map((s) => makeSession(s));
  const arbCheckIn = fc
    .record({ at: arbInstant, red: fc.boolean() })
    .map(({ at, red }) => makeCheckIn(at, red));
  const arbInput = fc.record({
    diary: arbDiary,
    sessions: fc.array(arbSession, { maxLength: 8 }),
    checkIns: fc.array(arbCheckIn, { maxLength: 4 }),
    assessments: fc.array(
      arbInstant.map((at) => ({ at })),
      { maxLength: 3 },
    ),
  });

  it('are ordered from most to least pressing, deterministic and independent of input order', () => {
    fc.assert(
      fc.property(arbInput, ({ diary, sessions, checkIns, assessments }) => {
        const analysis = analyse(diary.entries, diary.episode, diary.today);
        const found = diaryEscalations({ analysis, sessions, checkIns, assessments });
        for (let i = 1; i < found.length; i++) {
          const [prev, next] = [found[i - 1], found[i]];
          if (prev && next) expect(severity(prev.level)).toBeGreaterThanOrEqual(severity(next.level));
        }
        expect(
          diaryEscalations({
            analysis,
            sessions: [...sessions].reverse(),
            checkIns: [...checkIns].reverse(),
            assessments: [...assessments].reverse(),
          }),
        ).toEqual(found);
        expect(new Set(found.map((e) => `${e.id}:${e.protocolId ?? ''}`)).size).toBe(found.length);
      }),
    );
  });

  // Why: a reported warning sign must always reach the top, whatever else is going on.
  it('put a warning sign reported after the last assessment first', () => {
    fc.assert(
      fc.property(arbInput, ({ diary, sessions, assessments }) => {
        const analysis = analyse(diary.entries, diary.episode, diary.today);
        const found = diaryEscalations({
          analysis,
          sessions,
          assessments,
          checkIns: [makeCheckIn('2028-01-01T00:00:00.000Z')],
        });
        expect(found[0]?.id).toBe('triage_again_now');
      }),
    );
  });

  it('follow the time rules whatever the diary says', () => {
    fc.assert(
      fc.property(arbDiary, ({ entries, episode, today }) => {
        const analysis = analyse(entries, episode, today);
        const found = new Set(diaryEscalations({ analysis }).map((e) => e.id));
        const improved = analysis.clinicallyImportantImprovement;
        expect(found.has('review')).toBe(analysis.day >= 43);
        expect(found.has('see_doctor_with_summary')).toBe(analysis.day >= 14 && !improved);
        expect(found.has('book_appointment')).toBe(analysis.day >= 7 && analysis.day < 14 && !improved);
      }),
    );
  });
});
