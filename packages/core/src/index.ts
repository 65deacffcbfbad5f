/**
 * @unknot/core — the clinical core of unknot: pure functions over data, no I/O.
 */
export * from './triage/index.ts';
export * from './knowledge/index.ts';
export * from './records/index.ts';
export * from './diary/index.ts';
export * from './session/index.ts';
export * from './plan/index.ts';
export * from './report/index.ts';
export * from './clinic/index.ts';
export * from './labels.ts';
// One calendar for every face: dates as YYYY-MM-DD in a time zone, never 24-hour slices of UTC.
export { addDays, daysBetween, isCalendarDate, isInstant, localDate } from './calendar.ts';
export * from './errors.ts';
