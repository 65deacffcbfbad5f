/**
 * What the diary and the session logs say, gathered for the summary: pattern, what makes it worse and better,
 * treatments, sessions, medicines, notes and sleep. Every function is pure and gives the same order for the same
 * records in any order (ties are broken by id).
 */
import { getEntry } from '../knowledge/index.ts';
import { localDateTime, minutesBetween } from './dates.ts';
import type {
  DatedText,
  FactorCount,
  SummaryEntryInput,
  SummaryFactors,
  SummaryMedicine,
  SummaryNote,
  SummaryPattern,
  SummarySession,
  SummarySessionInput,
  SummaryTreatment,
} from './types.ts';

/** A diary entry with its local date and time, so each is worked out once. */
export interface LocalEntry {
  entry: SummaryEntryInput;
  date: string;
  time: string;
}

// Code-unit order, not localeCompare, so no order depends on the host's locale.
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; the same instant is ordered by id so the result never depends on the input order. */
export function byTime(a: LocalEntry, b: LocalEntry): number {
  return Date.parse(a.entry.at) - Date.parse(b.entry.at) || compareText(a.entry.id, b.entry.id);
}

export function localEntries(entries: readonly SummaryEntryInput[], timeZone: string): LocalEntry[] {
  return entries.map((entry) => ({ entry, ...localDateTime(entry.at, timeZone) })).sort(byTime);
}

/** Most recent answer, and how many entries gave each answer. */
export function summarisePattern(entries: readonly LocalEntry[]): SummaryPattern {
  let latest: LocalEntry | undefined;
  let constant = 0;
  let intermittent = 0;
  for (const e of entries) {
    if (e.entry.pattern === undefined) continue;
    if (e.entry.pattern === 'constant') constant++;
    else intermittent++;
    latest = e; // entries are oldest first
  }
  return {
    latest: latest?.entry.pattern ?? null,
    latestDate: latest?.date ?? null,
    constant,
    intermittent,
  };
}

/**
 * Ticked factors counted over entries, most often first (ties in the diary's own order of the vocabulary), and
 * the free texts newest first with repeats of the same words dropped.
 */
export function summariseFactors(
  entries: readonly LocalEntry[],
  pick: (
    entry: SummaryEntryInput,
  ) => { readonly known: readonly string[]; readonly text?: string | undefined } | undefined,
  labels: Readonly<Record<string, string>>,
): SummaryFactors {
  const counts = new Map<string, number>();
  const texts: DatedText[] = [];
  const seen = new Set<string>();
  let answered = 0;
  for (const e of [...entries].reverse()) {
    const factors = pick(e.entry);
    if (factors === undefined) continue;
    answered++;
    for (const code of new Set(factors.known)) counts.set(code, (counts.get(code) ?? 0) + 1);
    const text = factors.text?.trim();
    if (text !== undefined && text !== '' && !seen.has(text.toLowerCase())) {
      seen.add(text.toLowerCase());
      texts.push({ date: e.date, text });
    }
  }
  const order = Object.keys(labels);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  const known: FactorCount[] = [...counts]
    .map(([code, count]) => ({ code, text: labels[code] ?? code, count }))
    .sort((a, b) => b.count - a.count || rank(a.code) - rank(b.code) || compareText(a.code, b.code));
  return { known, texts, answered };
}

/** A knowledge-base entry's title, or the id itself if the entry is unknown (e.g. from an older app). */
export function entryTitle(id: string): string {
  return getEntry(id)?.title ?? id;
}

/** Each session with its words and numbers, newest first. */
export function summariseSessions(
  sessions: readonly SummarySessionInput[],
  timeZone: string,
): SummarySession[] {
  return sessions
    .map((s): SummarySession => {
      const { date, time } = localDateTime(s.startedAt, timeZone);
      const painBefore = s.painBefore ?? null;
      const painAfter = s.painAfter ?? null;
      const stopReason = s.stopReason?.trim();
      return {
        id: s.id ?? null,
        protocolId: s.protocolId,
        title: entryTitle(s.protocolId),
        startedAt: s.startedAt,
        date,
        time,
        minutes: minutesBetween(s.startedAt, s.endedAt),
        stepsCompleted: s.stepsCompleted,
        stoppedEarly: s.stoppedEarly,
        stopReason: stopReason === undefined || stopReason === '' ? null : stopReason,
        painBefore,
        painAfter,
        change: painBefore !== null && painAfter !== null ? painAfter - painBefore : null,
      };
    })
    .sort(
      (a, b) =>
        Date.parse(b.startedAt) - Date.parse(a.startedAt) ||
        compareText(a.id ?? '', b.id ?? '') ||
        compareText(a.protocolId, b.protocolId),
    );
}

/** Treatments from the diary and from sessions together: most used first. */
export function summariseTreatments(
  entries: readonly LocalEntry[],
  sessions: readonly SummarySession[],
): SummaryTreatment[] {
  const byId = new Map<string, SummaryTreatment>();
  const get = (entryId: string, date: string): SummaryTreatment => {
    let t = byId.get(entryId);
    if (t === undefined) {
      t = { entryId, title: entryTitle(entryId), logged: 0, sessions: 0, lastDate: date };
      byId.set(entryId, t);
    }
    if (date > t.lastDate) t.lastDate = date;
    return t;
  };
  for (const e of entries) for (const id of new Set(e.entry.treatments ?? [])) get(id, e.date).logged++;
  for (const s of sessions) get(s.protocolId, s.date).sessions++;
  return [...byId.values()].sort(
    (a, b) =>
      b.logged + b.sessions - (a.logged + a.sessions) ||
      compareText(b.lastDate, a.lastDate) ||
      compareText(a.entryId, b.entryId),
  );
}

/**
 * Medicines grouped by name regardless of case, most often first; doses exactly as written. A medicine's own time
 * taken (`at`) dates it when given, so a tablet logged the next morning counts on the day it was taken.
 */
export function summariseMedicines(entries: readonly LocalEntry[], timeZone: string): SummaryMedicine[] {
  const byName = new Map<string, SummaryMedicine>();
  for (const e of entries) {
    const counted = new Set<string>();
    for (const m of e.entry.medicines ?? []) {
      const name = m.name.trim();
      if (name === '') continue;
      const taken = m.at === undefined ? null : localDateTime(m.at, timeZone);
      const date = taken?.date ?? e.date;
      const key = name.toLowerCase();
      let med = byName.get(key);
      if (med === undefined) {
        med = { name, doses: [], times: 0, firstDate: date, lastDate: date, lastTakenAt: null };
        byName.set(key, med);
      }
      if (date < med.firstDate) med.firstDate = date;
      if (date > med.lastDate) med.lastDate = date;
      if (taken !== null) {
        const when = `${taken.date} ${taken.time}`;
        if (med.lastTakenAt === null || when > med.lastTakenAt) med.lastTakenAt = when;
      }
      if (!counted.has(key)) {
        counted.add(key);
        med.times++;
      }
      const dose = m.dose?.trim();
      if (dose !== undefined && dose !== '' && !med.doses.includes(dose)) med.doses.push(dose);
    }
  }
  return [...byName.values()].sort(
    (a, b) => b.times - a.times || compareText(b.lastDate, a.lastDate) || compareText(a.name, b.name),
  );
}

/** The person's notes, newest first. */
export function summariseNotes(entries: readonly LocalEntry[]): SummaryNote[] {
  const notes: SummaryNote[] = [];
  for (const e of [...entries].reverse()) {
    const text = e.entry.note?.trim();
    if (text !== undefined && text !== '') notes.push({ date: e.date, time: e.time, text });
  }
  return notes;
}

/**
 * Mean hours of sleep a night, to one decimal. A day with several entries counts once, with its latest answer, so
 * a night is not weighed by how often the person opened the diary.
 */
export function summariseSleep(entries: readonly LocalEntry[]): { meanHours: number | null; nights: number } {
  const perDay = new Map<string, number>();
  for (const e of entries) if (e.entry.sleepHours !== undefined) perDay.set(e.date, e.entry.sleepHours);
  if (perDay.size === 0) return { meanHours: null, nights: 0 };
  const mean = [...perDay.values()].reduce((sum, h) => sum + h, 0) / perDay.size;
  return { meanHours: Math.round(mean * 10) / 10, nights: perDay.size };
}
