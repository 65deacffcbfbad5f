/** Calendar dates as `YYYY-MM-DD` strings, counted in a time zone (the episode's, or this device's). */

/** Today's date in `timeZone` (default: this device's zone). */
export function localToday(timeZone?: string, now: Date = new Date()): string {
  return localDate(now, timeZone);
}

/** The calendar date of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  if (timeZone !== undefined) options.timeZone = timeZone;
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', options).format(instant);
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
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
