/**
 * Test-only factories for the diary tests: typed, schema-valid records built from a few readable options, and
 * fast-check arbitraries for the property tests. Nothing here reads the clock: "today" is a fixed date.
 */
import fc from 'fast-check';
import type { Assessment, DiaryEntry, Episode, SessionLog } from '../records/index.ts';
import type { Disposition } from '../triage/index.ts';
import type { DiaryCheckIn } from './check-in.ts';
import { addDays } from './local-day.ts';

/** The fixed "today" of the tests (a Monday in winter time in London, so UTC noon is local noon). */
export const referenceToday = '2026-03-16';

const episodeId = '01900000-0000-7000-8000-000000000001';

/** A deterministic UUIDv7 for the n-th record of a kind, so failures print the same ids every run. */
export function testId(kind: number, n: number): string {
  return `01900000-${kind.toString(16).padStart(4, '0')}-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export interface EpisodeOptions {
  /** Days between the onset and `today` (0: it started today). */
  onsetDaysAgo?: number;
  /** Used instead of `onsetDaysAgo` when given. */
  onsetDate?: string;
  timeZone?: string;
  today?: string;
}

/** A complete stored episode whose onset is `onsetDaysAgo` days before `today` (default `referenceToday`). */
export function makeEpisode(options: EpisodeOptions = {}): Episode {
  const { onsetDaysAgo = 0, timeZone = 'Europe/London', today = referenceToday } = options;
  return {
    id: episodeId,
    onsetDate: options.onsetDate ?? addDays(today, -onsetDaysAgo),
    timeZone,
    location: 'lower',
    trigger: 'lifting',
    knownConditions: [],
    preferences: {},
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `date` and `time` (`HH:MM`). For a time that a DST
 * change skips it gives the instant an hour later; test inputs avoid those on purpose. The local-day tests do
 * not use this: they check against UTC instants written out by hand.
 */
export function localInstant(date: string, time: string, timeZone: string): string {
  const wanted = Date.parse(`${date}T${time}:00.000Z`);
  let guess = wanted;
  // Two rounds settle any offset, including one that changes between the first guess and the answer.
  for (let round = 0; round < 2; round++) guess = wanted - (wallClock(guess, timeZone) - guess);
  return new Date(guess).toISOString();
}

function wallClock(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

let entrySerial = 0;

export interface EntryOptions {
  at: string;
  pain: number;
  id?: string;
}

/** One diary entry at a UTC instant. */
export function makeEntry({ at, pain, id }: EntryOptions): DiaryEntry {
  entrySerial += 1;
  return { id: id ?? testId(1, entrySerial), episodeId, at, pain };
}

export interface EntriesOptions {
  /** How many consecutive days, from `fromDay`. */
  days: number;
  /** A rating for every entry, or one per episode day; `null` leaves that day out (a gap). */
  pain: number | ((day: number) => number | null);
  /** The episode whose days are meant (default `makeEpisode()`); gives the onset date and time zone. */
  episode?: Pick<Episode, 'onsetDate' | 'timeZone'>;
  /** The first episode day to log (default 0). */
  fromDay?: number;
  /** Local wall-clock times of the entries of each day (default one, at 12:00). */
  times?: readonly string[];
}

/** Diary entries on consecutive episode days, at local times in the episode's zone. */
export function makeEntries(options: EntriesOptions): DiaryEntry[] {
  const { days, pain, episode = makeEpisode(), fromDay = 0, times = ['12:00'] } = options;
  const entries: DiaryEntry[] = [];
  for (let day = fromDay; day < fromDay + days; day++) {
    const rating = typeof pain === 'number' ? pain : pain(day);
    if (rating === null) continue;
    const date = addDays(episode.onsetDate, day);
    for (const time of times) {
      entries.push(makeEntry({ at: localInstant(date, time, episode.timeZone), pain: rating }));
    }
  }
  return entries;
}

/**
 * Entries from a list of daily worst ratings, one a day from day 0, `null` for a gap: `daily([6, 6, null, 4])`.
 */
export function daily(
  ratings: readonly (number | null)[],
  episode: Pick<Episode, 'onsetDate' | 'timeZone'> = makeEpisode(),
): DiaryEntry[] {
  return makeEntries({ days: ratings.length, pain: (day) => ratings[day] ?? null, episode });
}

export interface SessionOptions {
  protocolId?: string;
  startedAt?: string;
  minutes?: number;
  painBefore?: number;
  painAfter?: number;
}

let sessionSerial = 0;

/** A completed session log (default: a 15-minute walk at noon UTC on `referenceToday`, no ratings). */
export function makeSession(options: SessionOptions = {}): SessionLog {
  const { protocolId = 'ex-walking', startedAt = `${referenceToday}T12:00:00.000Z`, minutes = 15 } = options;
  sessionSerial += 1;
  return {
    id: testId(2, sessionSerial),
    episodeId,
    protocolId,
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + minutes * 60_000).toISOString(),
    stepsCompleted: 1,
    stoppedEarly: false,
    ...(options.painBefore === undefined ? {} : { painBefore: options.painBefore }),
    ...(options.painAfter === undefined ? {} : { painAfter: options.painAfter }),
  };
}

let assessmentSerial = 0;

/** A stored triage assessment at `at` with a one-reason result of the given disposition. */
export function makeAssessment(at: string, disposition: Disposition = 'self_care'): Assessment {
  assessmentSerial += 1;
  return {
    id: testId(3, assessmentSerial),
    episodeId,
    at,
    answers: {},
    result: {
      disposition,
      reasons: [{ rule: 'test_rule', disposition, text: 'A reason written for a test.', sources: [] }],
      rulesVersion: '1.1.0',
    },
    rulesVersion: '1.1.0',
  };
}

/** A check-in at `at`; by default one that reports a warning sign. */
export function makeCheckIn(at: string, redFlagReported = true): DiaryCheckIn {
  return { at, redFlagReported };
}

// ---------------------------------------------------------------------------------------------------------
// fast-check arbitraries
// ---------------------------------------------------------------------------------------------------------

/** Zones with DST in either hemisphere, half-hour and extreme offsets, and UTC. */
export const testZones = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Australia/Lord_Howe',
] as const;

const minMs = Date.parse('2025-01-01T00:00:00.000Z');
const maxMs = Date.parse('2027-12-31T23:59:59.999Z');

/** A UTC instant between 2025 and 2027, to the millisecond, as the records write it. */
export const arbInstant = fc.integer({ min: minMs, max: maxMs }).map((ms) => new Date(ms).toISOString());

/** A random diary: an episode of up to 120 days, a today on or after its onset, and up to 60 entries. */
export const arbDiary = fc
  .record({
    onsetMs: fc.integer({ min: minMs, max: maxMs - 130 * 86_400_000 }),
    length: fc.integer({ min: 0, max: 120 }),
    timeZone: fc.constantFrom(...testZones),
    ratings: fc.array(fc.record({ at: arbInstant, pain: fc.integer({ min: 0, max: 10 }) }), {
      maxLength: 60,
    }),
  })
  .map(({ onsetMs, length, timeZone, ratings }) => {
    const onsetDate = new Date(onsetMs).toISOString().slice(0, 10);
    const entries = ratings.map((r, i) => ({ ...makeEntry({ at: r.at, pain: r.pain }), id: testId(9, i) }));
    return { entries, episode: { onsetDate, timeZone }, today: addDays(onsetDate, length) };
  });

/** A diary whose entries fall inside the episode: on one of its days, at a random time of that local day. */
export const arbDenseDiary = fc
  .record({
    length: fc.integer({ min: 0, max: 60 }),
    timeZone: fc.constantFrom(...testZones),
    ratings: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 60 }),
        minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
        pain: fc.integer({ min: 0, max: 10 }),
      }),
      { maxLength: 80 },
    ),
  })
  .map(({ length, timeZone, ratings }) => {
    const episode = { onsetDate: '2026-01-20', timeZone };
    const entries = ratings.map((r, i) => {
      const time = `${String(Math.floor(r.minute / 60)).padStart(2, '0')}:${String(r.minute % 60).padStart(2, '0')}`;
      const at = localInstant(addDays(episode.onsetDate, Math.min(r.day, length)), time, timeZone);
      return { ...makeEntry({ at, pain: r.pain }), id: testId(8, i) };
    });
    return { entries, episode, today: addDays(episode.onsetDate, length) };
  });
