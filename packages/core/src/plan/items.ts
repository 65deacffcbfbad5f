/**
 * Turning a catalogue entry and its §5 row into a plan item: how (steps and numbers), how often, why (evidence
 * and sources) and cautions.
 */
import {
  displayFor,
  evidenceCodes,
  getSeedFile,
  protocolRangeFields,
  type Entry,
  type HealthCondition,
  type Phase,
  type Protocol,
  type Range,
} from '../knowledge/index.ts';
import { badgeFor, bannerFor, directionRule, matchConditions, needsDirectionRule } from './conditions.ts';
import { timedEntryIds, type SlotRow, type Target } from './slots.ts';
import type {
  NumberUnit,
  PlanHow,
  PlanItem,
  PlanNumber,
  PlanSlot,
  PlanWhy,
  SourceCitation,
} from './types.ts';

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

const rangeFields = protocolRangeFields satisfies readonly (keyof Protocol)[];

/** The unit a protocol field's name carries. */
export function unitOf(field: string): NumberUnit {
  const last = field.split('.').at(-1) ?? field;
  if (last === 'sessions_per_week') return 'per_week';
  if (last === 'per_day') return 'per_day';
  if (last.endsWith('_days') || last === 'max_days') return 'days';
  if (last.endsWith('_min')) return 'min';
  if (last.endsWith('_h')) return 'h';
  if (last.endsWith('_s')) return 's';
  return 'count';
}

function isRange(value: unknown): value is Range {
  if (typeof value !== 'object' || value === null) return false;
  const { min, max } = value as Record<string, unknown>;
  return typeof min === 'number' && typeof max === 'number';
}

function planNumber(field: string, range: Range, origin: PlanNumber['origin'], target: Target): PlanNumber {
  const start = range.default ?? null;
  const goal = target === 'build' ? range.max : (start ?? range.min);
  return { field, unit: unitOf(field), min: range.min, max: range.max, start, goal, origin };
}

const exact = (value: number): Range => ({ min: value, max: value, default: value });

/**
 * Every number of a protocol. Named fields come from the seeds; a field that `spec_default` also names, and any
 * number that only `spec_default` gives, is the knowledge base's own choice and is marked `ours`.
 */
export function protocolNumbers(protocol: Protocol | null, target: Target = 'start'): PlanNumber[] {
  if (protocol === null) return [];
  const chosen = protocol.spec_default ?? {};
  const numbers: PlanNumber[] = [];
  const named = new Set<string>();
  for (const field of rangeFields) {
    const range = protocol[field];
    if (range === undefined) continue;
    named.add(field);
    numbers.push(planNumber(field, range, field in chosen ? 'ours' : 'source', target));
  }
  if (isRange(protocol.cycles)) {
    named.add('cycles');
    numbers.push(planNumber('cycles', protocol.cycles, 'cycles' in chosen ? 'ours' : 'source', target));
  }
  if (protocol.max_days !== undefined) {
    named.add('max_days');
    numbers.push(
      planNumber('max_days', exact(protocol.max_days), 'max_days' in chosen ? 'ours' : 'source', target),
    );
  }
  for (const [field, value] of Object.entries(chosen)) {
    if (named.has(field) || field === 'reason') continue;
    numbers.push(...chosenNumbers(field, value, target));
  }
  return numbers;
}

/** Numbers inside a `spec_default` value: a number, a range, or an object of those (one level deep). */
function chosenNumbers(field: string, value: unknown, target: Target): PlanNumber[] {
  if (typeof value === 'number') return [planNumber(field, exact(value), 'ours', target)];
  if (isRange(value)) return [planNumber(field, value, 'ours', target)];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) =>
      typeof inner === 'number' || isRange(inner) ? chosenNumbers(`${field}.${key}`, inner, target) : [],
    );
  }
  return [];
}

/** How to do it. */
export function howFor(entry: Entry, target: Target = 'start', hide: readonly string[] = []): PlanHow {
  const protocol = entry.protocol;
  const reason = protocol?.spec_default?.['reason'];
  return {
    steps: [...(protocol?.steps ?? [])],
    numbers: protocolNumbers(protocol, target).filter((number) => !hide.includes(number.field)),
    untilRelief: protocol?.cycles === 'until_relief',
    progression: protocol?.progression ?? null,
    oursReason: typeof reason === 'string' ? reason : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Why
// ---------------------------------------------------------------------------------------------

/** The seed passages behind an entry, each with our title for its article. */
export function sourcesFor(entry: Entry): SourceCitation[] {
  return entry.sources.map(({ file, section }) => ({
    file,
    seedTitle: getSeedFile(file)?.title ?? file,
    section,
  }));
}

/** The evidence grade, its references with their addresses, and the seed passages. */
export function whyFor(entry: Entry): PlanWhy {
  const { certainty, direction, guideline, summary, refs } = entry.evidence;
  return {
    certainty,
    direction,
    guideline,
    summary,
    refs: refs.map((code) => ({ code, url: evidenceCodes[code].url, urls: [...evidenceCodes[code].urls] })),
    sources: sourcesFor(entry),
  };
}

/**
 * What the person should watch for: the entry's cautions and contraindications. The catalogue's notes to its
 * authors are already out of these fields (`entry.editorial`, set apart by the generator, spec 1.1 §1.2).
 */
export function cautionsFor(entry: Entry): string[] {
  return [...entry.cautions, ...entry.contraindications];
}

// ---------------------------------------------------------------------------------------------
// The item
// ---------------------------------------------------------------------------------------------

/** What `itemFor` needs to know about the person and the day. */
export interface ItemContext {
  readonly phase: Phase;
  readonly day: number;
  readonly conditions: readonly HealthCondition[];
  readonly preferred: boolean;
  readonly personalNotes: readonly string[];
}

/**
 * The plan item for an entry in a §5 slot, or `null` when the display policy forbids it as advice in this phase
 * (§1.4: only `recommend` and `option` entries are ever items).
 */
export function itemFor(entry: Entry, row: SlotRow, slot: PlanSlot, context: ItemContext): PlanItem | null {
  const display = displayFor(entry, context.phase);
  if (display !== 'recommend' && display !== 'option') return null;
  const match = matchConditions(entry, context.conditions);
  const dayNote = row.dayNotes?.[context.day];
  const personalNotes = [
    ...(dayNote === undefined ? [] : [dayNote]),
    ...context.personalNotes,
    ...(needsDirectionRule(entry, context.conditions) ? [directionRule] : []),
  ];
  return {
    entryId: entry.id,
    title: entry.title,
    kind: entry.kind,
    slot,
    display,
    summary: entry.summary,
    note: row.note ?? null,
    personalNotes,
    how: howFor(entry, row.target, row.hideNumbers),
    howOften: { ...row.howOften },
    why: whyFor(entry),
    cautions: cautionsFor(entry),
    displayNote: entry.display_note ?? null,
    badges: match.suits.map(badgeFor),
    banners: match.caution.map(bannerFor),
    preferred: context.preferred,
    timer: timedEntryIds.has(entry.id),
  };
}
