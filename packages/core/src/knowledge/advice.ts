/**
 * How an entry may be presented (knowledge-base.md §1.4). `do_not_recommend` entries keep their data for the
 * library, but nothing may present them as advice: no how-to steps, no amounts and no timers.
 */
import type { Display, Entry, Phase, Protocol } from './types.ts';

type Presentable = Pick<Entry, 'display' | 'display_by_phase'>;

/** The display that applies in `phase` (`display_by_phase` overrides `display`); without a phase, `display`. */
export function displayFor(entry: Presentable, phase?: Phase): Display {
  return (phase === undefined ? undefined : entry.display_by_phase?.[phase]) ?? entry.display;
}

/**
 * The badge a library list shows for an entry: its display, except for a warning sign. A red flag's display is
 * `recommend` (act on it), but "Recommended" in green would read as if the sign were good advice to follow; it
 * gets a badge of its own, "Warning sign: get help".
 */
export type LibraryBadge = Display | 'warning_sign';

export function libraryBadge(entry: Presentable & Pick<Entry, 'kind'>, phase?: Phase): LibraryBadge {
  return entry.kind === 'red_flag' ? 'warning_sign' : displayFor(entry, phase);
}

/** Every display the entry can have: `display` and its per-phase overrides. */
function allDisplays(entry: Presentable): Display[] {
  return [entry.display, ...Object.values(entry.display_by_phase ?? {})];
}

/**
 * Whether the entry may be presented as advice: false for `do_not_recommend`. With a phase, the display of that
 * phase decides; without one, the entry must not be `do_not_recommend` in any phase.
 */
export function isAdvice(entry: Presentable, phase?: Phase): boolean {
  const shown = phase === undefined ? allDisplays(entry) : [displayFor(entry, phase)];
  return !shown.includes('do_not_recommend');
}

/** Whether how-to steps, amounts and timers may be shown: never for `do_not_recommend` (§1.4). */
export function howToVisible(entry: Presentable, phase?: Phase): boolean {
  return isAdvice(entry, phase);
}

/** The protocol a screen may show: the entry's protocol, or `null` when how-to content must stay hidden. */
export function visibleProtocol(
  entry: Presentable & Pick<Entry, 'protocol'>,
  phase?: Phase,
): Protocol | null {
  return howToVisible(entry, phase) ? entry.protocol : null;
}

/**
 * The entry as a screen or an API may show it in the library: never with its editor notes (spec 1.1 §1.2), and a
 * `do_not_recommend` entry without its protocol (no steps, amounts or timers). One argument only, so it can be
 * passed straight to `Array.prototype.map`.
 */
export function presentEntry(entry: Entry): Entry {
  const { editorial: _notes, ...shown } = entry;
  return howToVisible(entry) || entry.protocol === null ? shown : { ...shown, protocol: null };
}
