/**
 * Dates as the screens show and take them. Calendar arithmetic is core's (one calendar for every face); this file
 * adds only what is about this device: its zone, `datetime-local` inputs and display formats.
 */
import { localDate } from '@unknot/core';

/** This device's IANA time zone. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Today's date in `timeZone` (default: this device's zone), by core's calendar. */
export function localToday(timeZone: string = deviceTimeZone(), now: Date = new Date()): string {
  return localDate(now.getTime(), timeZone);
}

/** A `datetime-local` input's value for an instant, in this device's zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The UTC instant of a `datetime-local` value, or null when it is not a valid time. */
export function fromLocalInput(value: string): string | null {
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function formatDate(date: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
