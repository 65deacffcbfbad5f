/**
 * `planToIcs`, read back with ical.js (a real iCalendar parser) and compared event by event.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { addDays } from './dates.ts';
import { defaultReminderTimes, escapeText, foldLine, planToIcs, type IcsOptions } from './ics.ts';
import { planFor, type ProfileSpec } from './test-factories.ts';
import type { Plan } from './types.ts';

interface ParsedEvent {
  readonly uid: string;
  readonly summary: string;
  readonly description: string;
  /** The start as an instant. */
  readonly start: Date;
  readonly durationMinutes: number;
  readonly alarms: readonly { action: string; trigger: string; description: string }[];
  readonly categories: readonly string[];
}

/** ical.js types `parse` as `any`; a calendar parses to one jCal array. */
function jcal(ics: string): unknown[] {
  return ICAL.parse(ics) as unknown[];
}

function parse(ics: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(jcal(ics));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toJSDate(),
      durationMinutes: event.duration.toSeconds() / 60,
      alarms: component.getAllSubcomponents('valarm').map((alarm) => ({
        action: String(alarm.getFirstPropertyValue('action')),
        trigger: String(alarm.getFirstPropertyValue('trigger')),
        description: String(alarm.getFirstPropertyValue('description')),
      })),
      categories: component.getFirstProperty('categories')?.getValues().map(String) ?? [],
    };
  });
  return { calendar, events };
}

/** Wall-clock date and time of an instant in a zone, read with Intl directly (independently of dates.ts). */
function localTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function icsFor(spec: ProfileSpec, options?: IcsOptions): { plan: Plan; ics: string; events: ParsedEvent[] } {
  const plan = planFor(spec);
  const ics = planToIcs(plan, options);
  return { plan, ics, events: parse(ics).events };
}

const sessionCount = (plan: Plan) => plan.days.reduce((sum, day) => sum + day.sessions.length, 0);

describe('the calendar as ical.js reads it', () => {
  const { plan, ics, events } = icsFor({ onsetDaysAgo: 0 });

  it('has one event per session and per check-in to come, in time order', () => {
    expect(events).toHaveLength(sessionCount(plan) + 2);
    const starts = events.map((event) => event.start.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('names the calendar and its time zone', () => {
    const { calendar } = parse(ics);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/London');
    expect(String(calendar.getFirstPropertyValue('prodid'))).toMatch(/unknot/);
  });

  it('gives every event a display alarm at its start', () => {
    for (const event of events) {
      expect(event.alarms).toEqual([{ action: 'DISPLAY', trigger: 'PT0S', description: event.summary }]);
    }
  });

  it('gives every event a unique UID', () => {
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);
  });

  it('summarises each session by what it holds, and lists its items with how often', () => {
    const day0 = plan.days[0];
    const morning = events[0];
    expect(morning?.summary).toBe('Back care: heat or cold, stretches and a walk');
    expect(morning?.durationMinutes).toBe(40);
    expect(morning?.categories).toEqual(['unknot', 'back care']);
    // Commas, semicolons and line breaks survive escaping and unescaping.
    const lines = morning?.description.split('\n') ?? [];
    expect(lines[0]).toBe('Day 0 since the spasm began (first days).');
    expect(lines).toContain(
      '- Heat (heating pad, warm grain bag, warm towel): When it helps, with the skin back to normal between sessions.',
    );
    expect(lines).toContain(
      '- Cold first, then heat (alternating packs) (a choice): When you want both; one sequence at a time.',
    );
    expect(day0?.sessions.map((s) => s.slot)).toEqual(['morning', 'midday', 'evening']);
  });

  it('places sessions at the default local times and the check-ins on days 7 and 14 at 09:00', () => {
    const checkIns = events.filter((event) => event.summary.startsWith('Check-in'));
    expect(checkIns.map((event) => [event.summary, localTime(event.start, 'Europe/London')])).toEqual([
      ['Check-in, day 7: is your back clearly better?', `${addDays(plan.onsetDate, 7)} 09:00`],
      ['Check-in, day 14: is your back clearly better?', `${addDays(plan.onsetDate, 14)} 09:00`],
    ]);
    expect(checkIns[0]?.description).toBe(
      [plan.checkIns[0]?.question, plan.checkIns[0]?.ifNotBetter, plan.checkIns[0]?.ifWorse].join('\n'),
    );
    const times = new Set(
      events
        .filter((event) => !event.summary.startsWith('Check-in'))
        .map((e) => localTime(e.start, 'Europe/London').slice(11)),
    );
    expect([...times].sort()).toEqual(
      [defaultReminderTimes.midday, defaultReminderTimes.evening, defaultReminderTimes.morning].sort(),
    );
  });

  it('leaves out check-ins that are past', () => {
    const later = icsFor({ onsetDaysAgo: 10 });
    expect(
      later.events.filter((event) => event.summary.startsWith('Check-in')).map((e) => e.summary),
    ).toEqual(['Check-in, day 14: is your back clearly better?']);
    expect(later.events).toHaveLength(sessionCount(later.plan) + 1);
    expect(icsFor({ onsetDaysAgo: 20 }).events.some((event) => event.summary.startsWith('Check-in'))).toBe(
      false,
    );
  });
});

describe('local times across daylight-saving changes', () => {
  it.each([
    // UK clocks go back on Sunday 25 October 2026.
    ['Europe/London', '2026-10-20', '2026-10-24', '2026-10-26', '07:30', '08:30'],
    // US clocks go back on Sunday 1 November 2026.
    ['America/New_York', '2026-10-28', '2026-10-31', '2026-11-02', '12:30', '13:30'],
    // Australian clocks go back on Sunday 5 April 2026.
    ['Australia/Sydney', '2026-04-01', '2026-04-04', '2026-04-06', '21:30', '22:30'],
    // UK clocks go forward on Sunday 29 March 2026.
    ['Europe/London', '2026-03-25', '2026-03-28', '2026-03-30', '08:30', '07:30'],
  ])(
    '%s from %s: 08:30 stays 08:30 local (UTC %s before, %s after)',
    (timeZone, today, before, after, utcBefore, utcAfter) => {
      const { events } = icsFor({ today, timeZone, onsetDaysAgo: 0 });
      const mornings = events.filter((event) => localTime(event.start, timeZone).endsWith(' 08:30'));
      const days = mornings.map((event) => localTime(event.start, timeZone).slice(0, 10));
      // Every listed day has its morning session at 08:30 local, on both sides of the change.
      expect(days).toEqual(Array.from({ length: 15 }, (_, i) => addDays(today, i)));
      const utc = (date: string) =>
        mornings
          .find((event) => localTime(event.start, timeZone).startsWith(date))
          ?.start.toISOString()
          .slice(11, 16);
      expect(utc(before)).toBe(utcBefore);
      expect(utc(after)).toBe(utcAfter);
    },
  );

  it('keeps a zone without daylight saving on a fixed offset', () => {
    const { events } = icsFor({ timeZone: 'Asia/Kolkata' });
    expect(events[0]?.start.toISOString().slice(11, 16)).toBe('03:00');
  });

  it('moves a reminder that falls in the spring-forward gap forward by the gap', () => {
    const { events } = icsFor(
      { today: '2026-03-29', timeZone: 'Europe/London' },
      { times: { morning: '01:30' } },
    );
    expect(localTime(events[0]?.start ?? new Date(0), 'Europe/London')).toBe('2026-03-29 02:30');
    expect(events[0]?.start.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of two 01:30s in the autumn fold', () => {
    const { events } = icsFor(
      { today: '2026-10-25', timeZone: 'Europe/London' },
      { times: { morning: '01:30' } },
    );
    expect(events[0]?.start.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('determinism and stable UIDs', () => {
  it('gives the same text for the same plan', () => {
    const plan = planFor({ onsetDaysAgo: 2 });
    expect(planToIcs(plan)).toBe(planToIcs(structuredClone(plan)));
  });

  it('takes DTSTAMP from the plan’s date, not the clock', () => {
    const { ics } = icsFor({ today: '2026-05-05' });
    const stamps = new Set(ics.split('\r\n').filter((line) => line.startsWith('DTSTAMP:')));
    expect([...stamps]).toEqual(['DTSTAMP:20260505T000000Z']);
  });

  // Re-importing tomorrow's plan must update the events both plans share, not duplicate them.
  it('keeps the UID of an event when the plan is rebuilt the next day', () => {
    const monday = icsFor({ today: '2026-03-10', onsetDaysAgo: 0 });
    const tuesday = icsFor({ today: '2026-03-11', onsetDaysAgo: 1 });
    const mondayUids = new Set(monday.events.map((event) => event.uid));
    const shared = tuesday.events.filter((event) => mondayUids.has(event.uid));
    expect(shared.length).toBeGreaterThan(30);
    for (const event of shared) {
      expect(event.start).toEqual(monday.events.find((other) => other.uid === event.uid)?.start);
    }
  });

  it('uses the given UID prefix, so two episodes never share UIDs', () => {
    const { events } = icsFor({}, { uidPrefix: 'episode-0190f5d2' });
    for (const event of events) expect(event.uid).toMatch(/^episode-0190f5d2-/);
  });
});

describe('RFC 5545 form', () => {
  const { ics } = icsFor({
    onsetDaysAgo: 3,
    conditions: ['disc_herniation'],
    preferences: { work: 'sitting' },
  });

  it('uses CRLF line endings only, and ends with one', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  });

  it('folds every line to at most 75 octets', () => {
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it.each([
    ['plain ASCII', 'DESCRIPTION:' + 'x'.repeat(200)],
    ['two-octet letters', 'DESCRIPTION:' + 'é'.repeat(120)],
    ['four-octet characters', 'SUMMARY:' + '🌡️'.repeat(40)],
  ])('folds %s without splitting a character, and unfolds to the original', (_what, line) => {
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n'))
      expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replaceAll('\r\n ', '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('leaves a short line alone', () => {
    expect(foldLine('VERSION:2.0')).toBe('VERSION:2.0');
  });
});

describe('options', () => {
  it('moves the reminders to the times given', () => {
    const { events } = icsFor({}, { times: { morning: '07:15', checkIn: '18:00' } });
    expect(localTime(events[0]?.start ?? new Date(0), 'Europe/London').slice(11)).toBe('07:15');
    const checkIn = events.find((event) => event.summary.startsWith('Check-in'));
    expect(localTime(checkIn?.start ?? new Date(0), 'Europe/London').slice(11)).toBe('18:00');
  });

  it('sets the alarm before the start', () => {
    const { events } = icsFor({}, { alarmMinutesBefore: 15 });
    expect(events[0]?.alarms[0]?.trigger).toBe('-PT15M');
  });

  // X- properties default to TEXT (RFC 5545 §3.8.8.2), so the name is escaped; ical.js hands X- values back raw.
  it('names the calendar, escaped as TEXT', () => {
    const { calendar } = parse(planToIcs(planFor(), { calendarName: 'My back; week one' }));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('My back\\; week one');
  });

  it.each([
    [{ times: { morning: '8:30' } }, 'times.morning'],
    [{ times: { evening: '24:00' } }, 'times.evening'],
    [{ alarmMinutesBefore: -5 }, 'alarmMinutesBefore'],
    [{ alarmMinutesBefore: 2.5 }, 'alarmMinutesBefore'],
  ] as const)('refuses %o with a domain error naming %s', (options, field) => {
    const plan = planFor();
    expect(() => planToIcs(plan, options)).toThrow(DomainError);
    try {
      planToIcs(plan, options);
    } catch (error) {
      expect(error instanceof DomainError && error.code).toBe('validation_failed');
      expect(error instanceof DomainError ? error.fields.map((f) => f.field) : []).toEqual([field]);
    }
  });
});
