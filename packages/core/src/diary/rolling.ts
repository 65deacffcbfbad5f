/** Rolling means over a daily series with gaps. */

/**
 * The trailing rolling mean of `values` over `window` items: item `i` is the mean of the non-null values among
 * items `i − window + 1 … i` (fewer at the start), or `null` when all of them are null.
 *
 * A missing day is skipped, not counted as 0: a day with no rating is a day nobody wrote down, not a day
 * without pain, and counting it as 0 would fake an improvement.
 */
export function rollingMean(values: readonly (number | null)[], window: number): (number | null)[] {
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError(`window must be a positive integer: ${window}`);
  return values.map((_, i) => meanOf(values.slice(Math.max(0, i - window + 1), i + 1)));
}

/** The mean of the non-null values, or `null` when there are none. */
export function meanOf(values: readonly (number | null)[]): number | null {
  let total = 0;
  let count = 0;
  for (const value of values) {
    if (value === null) continue;
    total += value;
    count += 1;
  }
  return count === 0 ? null : total / count;
}
