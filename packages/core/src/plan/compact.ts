/**
 * The compact form of a plan, as the HTTP API sends it: the same content as a `Plan`, with every text once.
 *
 * A plan lists 15 or more days, and most days repeat the same items with the same long texts (summary, steps,
 * evidence, sources, cautions): about 430 kB of JSON for the default plan, nearly all of it repeats. The compact
 * form names things instead of repeating them:
 * - `entries`: each knowledge entry's texts once, by entry id (title, summary, steps, why, cautions…);
 * - `evidence` and `seeds`: each reference's addresses once, by code, and each seed article's title, by file;
 * - `items`: each distinct use of an entry (its slot, display, notes, numbers and how often), once;
 * - `library`, `stops` and `sessions`: each distinct library reference, stop note and reminder session, once;
 * - `days[].items`, `.library`, `.stops`, `.sessions` and `alwaysAvailable`: indexes into those lists;
 * - every `why` (items, check-ins, the recurrence card) names its references and seed passages.
 *
 * `expandPlan(compactPlan(plan))` deep-equals `plan` (a property test checks it over generated profiles), so a
 * client that wants the `Plan` shape gets it back with one call. Everything else in a plan (stages, check-ins,
 * held back, left out…) is small and stays as it is.
 */
import type { EvidenceCodeId, Kind, SeedFileName } from '../knowledge/index.ts';
import type {
  CheckIn,
  ConditionBadge,
  ConditionBanner,
  EvidenceRef,
  HowOften,
  LibraryRef,
  Plan,
  PlanDay,
  PlanDose,
  PlanItem,
  PlanNumber,
  PlanSession,
  PlanWhy,
  RecurrenceCard,
  SourceCitation,
  StopNote,
} from './types.ts';

/** Why an entry is advised, with its references and seed passages named rather than spelled out. */
export interface CompactWhy {
  readonly certainty: PlanWhy['certainty'];
  readonly direction: PlanWhy['direction'];
  readonly guideline: string;
  readonly summary: string;
  /** Codes of the plan's `evidence`. */
  readonly refs: readonly EvidenceCodeId[];
  /** Each passage's file (its title is in the plan's `seeds`) and heading. */
  readonly sources: readonly { readonly file: SeedFileName; readonly section: string }[];
}

/** What a plan item takes from its knowledge entry: the same on every day the entry appears. */
export interface CompactEntry {
  readonly title: string;
  readonly kind: Kind;
  readonly summary: string;
  /** `how.steps`, `how.untilRelief`, `how.progression` and `how.oursReason` of the item. */
  readonly steps: readonly string[];
  readonly untilRelief: boolean;
  readonly progression: string | null;
  readonly oursReason: string | null;
  readonly why: CompactWhy;
  readonly cautions: readonly string[];
  readonly displayNote: string | null;
  readonly badges: readonly ConditionBadge[];
  readonly banners: readonly ConditionBanner[];
  readonly timer: boolean;
}

/** One use of an entry in the plan: what depends on the stage, the day and the person (`how.numbers` included). */
export interface CompactItem {
  readonly entryId: string;
  readonly slot: PlanItem['slot'];
  readonly display: PlanItem['display'];
  readonly note: string | null;
  readonly personalNotes: readonly string[];
  readonly numbers: readonly PlanNumber[];
  readonly howOften: HowOften;
  readonly preferred: boolean;
  /** As the item's: present only on items of a clinician's programme. */
  readonly from?: 'clinician';
  readonly dose?: PlanDose;
}

/** A day whose items, library references, stops and sessions are indexes into the plan's lists of them. */
export interface CompactDay extends Omit<PlanDay, 'items' | 'library' | 'stops' | 'sessions'> {
  /** Indexes into the plan's `items`. */
  readonly items: readonly number[];
  /** Indexes into the plan's `library`. */
  readonly library: readonly number[];
  /** Indexes into the plan's `stops`. */
  readonly stops: readonly number[];
  /** Indexes into the plan's `sessions`. */
  readonly sessions: readonly number[];
}

/** The addresses of one evidence reference: `url` is left out when it is `urls[0]`, as it always is in ours. */
export interface CompactEvidence {
  readonly urls: readonly string[];
  readonly url?: string;
}

export interface CompactCheckIn extends Omit<CheckIn, 'why'> {
  readonly why: CompactWhy;
}

export interface CompactRecurrenceCard extends Omit<RecurrenceCard, 'why'> {
  readonly why: CompactWhy;
}

/** A plan with every text once: see the top of this file. */
export interface CompactPlan extends Omit<Plan, 'days' | 'alwaysAvailable' | 'checkIns' | 'recurrence'> {
  readonly checkIns: readonly CompactCheckIn[];
  readonly recurrence: CompactRecurrenceCard | null;
  /** By entry id: the texts of every entry the plan's items name. */
  readonly entries: Readonly<Record<string, CompactEntry>>;
  /** By evidence code: the addresses of every reference the entries cite. */
  readonly evidence: Readonly<Partial<Record<EvidenceCodeId, CompactEvidence>>>;
  /** By seed file: our title for every seed article the entries cite. */
  readonly seeds: Readonly<Partial<Record<SeedFileName, string>>>;
  readonly items: readonly CompactItem[];
  readonly library: readonly LibraryRef[];
  readonly stops: readonly StopNote[];
  readonly sessions: readonly PlanSession[];
  readonly days: readonly CompactDay[];
  /** Indexes into `items`. */
  readonly alwaysAvailable: readonly number[];
}

/** A list that keeps each distinct value once (compared as JSON) and answers its index. */
function internTable<T>(): { values: T[]; add: (value: T) => number } {
  const values: T[] = [];
  const index = new Map<string, number>();
  return {
    values,
    add: (value) => {
      const key = JSON.stringify(value);
      const found = index.get(key);
      if (found !== undefined) return found;
      index.set(key, values.length);
      values.push(value);
      return values.length - 1;
    },
  };
}

/**
 * Records `value` under `key`. buildPlan gives an entry (an evidence code, a seed file) the same texts wherever
 * it appears; a plan that does not cannot be named by id, and saying so beats silently sending one of the two.
 */
function putOnce<K extends string, V>(record: Partial<Record<K, V>>, key: K, value: V, what: string): void {
  const known = record[key];
  if (known === undefined) record[key] = value;
  else if (JSON.stringify(known) !== JSON.stringify(value)) {
    throw new Error(`compactPlan: ${what} "${key}" has different texts in two places of the plan`);
  }
}

/** An item's clinic-mode fields, only those present (absent and undefined differ: exactOptionalPropertyTypes). */
function clinicianFields(item: Pick<PlanItem, 'from' | 'dose'>): Pick<PlanItem, 'from' | 'dose'> {
  return {
    ...(item.from === undefined ? {} : { from: item.from }),
    ...(item.dose === undefined ? {} : { dose: item.dose }),
  };
}

/** The compact form of `plan`: the same content, every text once. Pure; `plan` is not changed. */
export function compactPlan(plan: Plan): CompactPlan {
  const entries: Record<string, CompactEntry> = {};
  const evidence: Partial<Record<EvidenceCodeId, CompactEvidence>> = {};
  const seeds: Partial<Record<SeedFileName, string>> = {};
  const items = internTable<CompactItem>();
  const library = internTable<LibraryRef>();
  const stops = internTable<StopNote>();
  const sessions = internTable<PlanSession>();

  const whyOf = (why: PlanWhy): CompactWhy => {
    for (const { code, url, urls } of why.refs) {
      putOnce(evidence, code, urls[0] === url ? { urls } : { urls, url }, 'evidence code');
    }
    for (const { file, seedTitle } of why.sources) putOnce(seeds, file, seedTitle, 'seed file');
    return {
      certainty: why.certainty,
      direction: why.direction,
      guideline: why.guideline,
      summary: why.summary,
      refs: why.refs.map((ref) => ref.code),
      sources: why.sources.map(({ file, section }) => ({ file, section })),
    };
  };

  const itemIndex = (item: PlanItem): number => {
    putOnce(
      entries,
      item.entryId,
      {
        title: item.title,
        kind: item.kind,
        summary: item.summary,
        steps: item.how.steps,
        untilRelief: item.how.untilRelief,
        progression: item.how.progression,
        oursReason: item.how.oursReason,
        why: whyOf(item.why),
        cautions: item.cautions,
        displayNote: item.displayNote,
        badges: item.badges,
        banners: item.banners,
        timer: item.timer,
      },
      'entry',
    );
    return items.add({
      entryId: item.entryId,
      slot: item.slot,
      display: item.display,
      note: item.note,
      personalNotes: item.personalNotes,
      numbers: item.how.numbers,
      howOften: item.howOften,
      preferred: item.preferred,
      ...clinicianFields(item),
    });
  };

  const { days, alwaysAvailable, checkIns, recurrence, ...rest } = plan;
  const compactDays = days.map((day): CompactDay => ({
    ...day,
    items: day.items.map(itemIndex),
    library: day.library.map(library.add),
    stops: day.stops.map(stops.add),
    sessions: day.sessions.map(sessions.add),
  }));
  const always = alwaysAvailable.map(itemIndex);
  return {
    ...rest,
    checkIns: checkIns.map((checkIn) => ({ ...checkIn, why: whyOf(checkIn.why) })),
    recurrence: recurrence === null ? null : { ...recurrence, why: whyOf(recurrence.why) },
    entries,
    evidence,
    seeds,
    items: items.values,
    library: library.values,
    stops: stops.values,
    sessions: sessions.values,
    days: compactDays,
    alwaysAvailable: always,
  };
}

/** `list[index]`, or an error naming what was missing (a compact plan that was not made by `compactPlan`). */
function at<T>(list: readonly T[], index: number, what: string): T {
  const value = list[index];
  if (value === undefined) throw new Error(`expandPlan: no ${what} at index ${index}`);
  return value;
}

function named<K extends string, V>(record: Readonly<Partial<Record<K, V>>>, key: K, what: string): V {
  const value = record[key];
  if (value === undefined) throw new Error(`expandPlan: no ${what} "${key}"`);
  return value;
}

/**
 * The `Plan` a compact plan stands for: `expandPlan(compactPlan(plan))` deep-equals `plan`. Days share the
 * parts they have in common (the plan is read-only data).
 * @throws Error when an index or a name points at nothing.
 */
export function expandPlan(compact: CompactPlan): Plan {
  const { entries, evidence, seeds, items, library, stops, sessions, days, alwaysAvailable, ...rest } =
    compact;

  const whyOf = (why: CompactWhy): PlanWhy => ({
    certainty: why.certainty,
    direction: why.direction,
    guideline: why.guideline,
    summary: why.summary,
    refs: why.refs.map((code): EvidenceRef => {
      const { urls, url = urls[0] } = named(evidence, code, 'evidence code');
      if (url === undefined) throw new Error(`expandPlan: evidence code "${code}" has no address`);
      return { code, url, urls };
    }),
    sources: why.sources.map(({ file, section }): SourceCitation => ({
      file,
      seedTitle: named(seeds, file, 'seed file'),
      section,
    })),
  });

  // Each use is expanded once, so a day that repeats an item shares it with the other days.
  const expanded = items.map((use): PlanItem => {
    const entry = named(entries, use.entryId, 'entry');
    return {
      entryId: use.entryId,
      title: entry.title,
      kind: entry.kind,
      slot: use.slot,
      display: use.display,
      summary: entry.summary,
      note: use.note,
      personalNotes: use.personalNotes,
      how: {
        steps: entry.steps,
        numbers: use.numbers,
        untilRelief: entry.untilRelief,
        progression: entry.progression,
        oursReason: entry.oursReason,
      },
      howOften: use.howOften,
      why: whyOf(entry.why),
      cautions: entry.cautions,
      displayNote: entry.displayNote,
      badges: entry.badges,
      banners: entry.banners,
      preferred: use.preferred,
      timer: entry.timer,
      ...clinicianFields(use),
    };
  });
  const item = (index: number) => at(expanded, index, 'item');

  return {
    ...rest,
    checkIns: rest.checkIns.map((checkIn) => ({ ...checkIn, why: whyOf(checkIn.why) })),
    recurrence: rest.recurrence === null ? null : { ...rest.recurrence, why: whyOf(rest.recurrence.why) },
    days: days.map((day): PlanDay => ({
      ...day,
      items: day.items.map(item),
      library: day.library.map((index) => at(library, index, 'library reference')),
      stops: day.stops.map((index) => at(stops, index, 'stop note')),
      sessions: day.sessions.map((index) => at(sessions, index, 'session')),
    })),
    alwaysAvailable: alwaysAvailable.map(item),
  };
}
