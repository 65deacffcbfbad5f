/**
 * `planToIcs`: the plan's reminders as an iCalendar file (RFC 5545) that any calendar app can import.
 *
 * - One event per session of each listed day (morning, midday, evening; see `defaultReminderTimes`) and one per
 *   check-in that is not yet past, each with a display alarm.
 * - Times: every DTSTART is a UTC time computed from the wall-clock time in the episode's zone with `Intl`
 *   (no time-zone library, no VTIMEZONE to derive), and the calendar carries `X-WR-TIMEZONE`. An 08:30 reminder
 *   therefore stays at 08:30 local time on both sides of a daylight-saving change. A wall time that falls in a
 *   spring-forward gap moves forward by the gap; one that happens twice is the earlier.
 * - Deterministic: UIDs are derived from the plan (episode onset and zone, date, slot), so importing a rebuilt
 *   plan updates events instead of duplicating them; DTSTAMP is the plan's own date, not the clock.
 * - Format: CRLF line endings, lines folded at 75 octets (never inside a UTF-8 sequence), TEXT values escaped.
 */
import { DomainError } from '../errors.ts';
import { compactDate, isWallTime, zonedTimeToUtc, zoneReader, type ZoneReader } from './dates.ts';
import { coldEntryIds } from './preferences.ts';
import type { CheckIn, Plan, PlanDay, PlanSession, SessionGroup, SessionSlot } from './types.ts';

/** When reminders go off, as local `HH:MM` in the episode's zone. */
export type ReminderTimes = Readonly<Record<SessionSlot | 'checkIn', string>>;

/**
 * Default reminder times (our choice): a morning session before the day gets going, a walk at lunchtime, an
 * evening session after work, and check-ins at 09:00 so a doctor's surgery is open when the question is asked.
 */
export const defaultReminderTimes: ReminderTimes = {
  morning: '08:30',
  midday: '12:30',
  evening: '19:00',
  checkIn: '09:00',
};

/** Options of `planToIcs`. */
export interface IcsOptions {
  /** Reminder times to change, as `HH:MM` local time. */
  readonly times?: Partial<ReminderTimes>;
  /** How long before each event its alarm goes off, in whole minutes (default 0: at the start). */
  readonly alarmMinutesBefore?: number;
  /**
   * Start of every UID. Defaults to a hash of the episode's onset date and zone; pass the episode id to keep two
   * episodes that share both apart.
   */
  readonly uidPrefix?: string;
  /** The calendar's display name. */
  readonly calendarName?: string;
}

const checkInMinutes = 10;

// ---------------------------------------------------------------------------------------------
// RFC 5545 text
// ---------------------------------------------------------------------------------------------

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 5545 §3.1): continuation lines start with one
 * space, and a multi-octet UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    // The first line holds 75 octets; continuation lines hold 74 after their leading space.
    const limit = lines.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n ');
}

function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** 32-bit FNV-1a, as 8 hex digits: a short, stable tag for UIDs (not for security). */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function alarmTrigger(minutesBefore: number): string {
  return minutesBefore === 0 ? 'PT0S' : `-PT${minutesBefore}M`;
}

// ---------------------------------------------------------------------------------------------
// Event texts
// ---------------------------------------------------------------------------------------------

function groupLabel(group: SessionGroup, itemIds: readonly string[]): string {
  switch (group) {
    case 'thermal':
      return itemIds.some((id) => coldEntryIds.has(id)) ? 'heat or cold' : 'heat';
    case 'walk':
      return 'a walk';
    case 'stretch':
      return 'stretches';
    case 'strength': {
      const strength = itemIds.includes('ex-core-back-strengthening');
      const yoga = itemIds.includes('ex-yoga');
      if (strength && yoga) return 'strength training or yoga';
      return yoga ? 'yoga' : 'strength training';
    }
  }
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

const stageNames = {
  acute: 'first days',
  subacute_early: 'first week',
  subacute_late: 'second week',
  recovery: 'recovery',
  prevention: 'keeping well',
} as const;

function sessionSummary(session: PlanSession): string {
  return `Back care: ${listWords(session.groups.map((group) => groupLabel(group, session.itemIds)))}`;
}

function sessionDescription(day: PlanDay, session: PlanSession): string {
  const lines = [`Day ${day.day} since the spasm began (${stageNames[day.stage]}).`];
  for (const id of session.itemIds) {
    const item = day.items.find((candidate) => candidate.entryId === id);
    if (item === undefined) continue;
    const choice = item.slot === 'choice' ? ' (a choice)' : '';
    lines.push(`- ${item.title}${choice}: ${item.howOften.text}.`);
  }
  lines.push('Stop anything that makes the pain worse. Open unknot for the steps and the timer.');
  return lines.join('\n');
}

function checkInDescription(checkIn: CheckIn): string {
  return [checkIn.question, checkIn.ifNotBetter, checkIn.ifWorse].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

interface IcsEvent {
  readonly uid: string;
  readonly start: number;
  readonly minutes: number;
  readonly summary: string;
  readonly description: string;
  readonly categories: readonly string[];
}

function eventLines(event: IcsEvent, stamp: string, alarmMinutesBefore: number): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utcStamp(event.start)}`,
    `DURATION:PT${event.minutes}M`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `CATEGORIES:${event.categories.map(escapeText).join(',')}`,
    // Reminders should not show the person as busy.
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(event.summary)}`,
    `TRIGGER:${alarmTrigger(alarmMinutesBefore)}`,
    'END:VALARM',
    'END:VEVENT',
  ];
}

function resolveTimes(options: IcsOptions): ReminderTimes {
  const times = { ...defaultReminderTimes, ...options.times };
  const wrong = Object.entries(times).filter(([, time]) => typeof time !== 'string' || !isWallTime(time));
  if (wrong.length > 0) {
    throw new DomainError(
      'validation_failed',
      'reminder times must be HH:MM',
      wrong.map(([slot]) => ({ field: `times.${slot}`, problem: 'must be a time as HH:MM (24-hour)' })),
    );
  }
  return times;
}

function resolveAlarm(options: IcsOptions): number {
  const minutes = options.alarmMinutesBefore ?? 0;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    throw new DomainError('validation_failed', 'alarmMinutesBefore must be 0 to 1440', [
      { field: 'alarmMinutesBefore', problem: 'must be a whole number of minutes from 0 to 1440' },
    ]);
  }
  return minutes;
}

function planEvents(plan: Plan, reader: ZoneReader, times: ReminderTimes, prefix: string): IcsEvent[] {
  const sessions = plan.days.flatMap((day) =>
    day.sessions.map((session) => ({
      uid: `${prefix}-${compactDate(day.date)}-${session.slot}@unknot`,
      start: zonedTimeToUtc(reader, day.date, times[session.slot]),
      minutes: session.minutes,
      summary: sessionSummary(session),
      description: sessionDescription(day, session),
      categories: ['unknot', 'back care'],
    })),
  );
  const checkIns = plan.checkIns
    .filter((checkIn) => checkIn.state !== 'past')
    .map((checkIn) => ({
      uid: `${prefix}-check-in-${checkIn.id}@unknot`,
      start: zonedTimeToUtc(reader, checkIn.date, times.checkIn),
      minutes: checkInMinutes,
      summary: `Check-in, day ${checkIn.day}: is your back clearly better?`,
      description: checkInDescription(checkIn),
      categories: ['unknot', 'check-in'],
    }));
  return [...sessions, ...checkIns].sort((a, b) => a.start - b.start || a.uid.localeCompare(b.uid));
}

/**
 * The plan's reminders as an iCalendar (RFC 5545) text, CRLF line endings, ready to save as `.ics`.
 *
 * @throws DomainError `validation_failed` when an option is malformed (a time that is not `HH:MM`, an alarm offset
 *   outside 0–1440 minutes). A plan from `buildPlan` is always accepted.
 */
export function planToIcs(plan: Plan, options: IcsOptions = {}): string {
  const times = resolveTimes(options);
  const alarmMinutesBefore = resolveAlarm(options);
  const reader = zoneReader(plan.timeZone);
  const prefix = options.uidPrefix ?? `unknot-plan-${fnv1a(`${plan.onsetDate}|${plan.timeZone}`)}`;
  // DTSTAMP must be UTC; midnight UTC of the plan's date keeps the file a function of the plan alone.
  const stamp = `${compactDate(plan.today)}T000000Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//unknot//recovery plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName ?? 'unknot: back care plan')}`,
    `X-WR-TIMEZONE:${plan.timeZone}`,
    ...planEvents(plan, reader, times, prefix).flatMap((event) =>
      eventLines(event, stamp, alarmMinutesBefore),
    ),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
