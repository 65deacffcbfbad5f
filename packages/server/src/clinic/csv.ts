/**
 * CSV for a spreadsheet (RFC 4180): a field with a comma, a quote or a line break is quoted, quotes doubled.
 * A field a spreadsheet would run as a formula (one starting with = + - @, or a tab or carriage return that
 * some strip first) gets a leading apostrophe, so a display name like `=HYPERLINK(…)` is shown, never run
 * (OWASP "CSV injection").
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text, CRLF line ends, the header first. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
