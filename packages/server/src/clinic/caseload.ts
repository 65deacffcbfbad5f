import {
  analyse,
  diaryEscalations,
  isEndedSession,
  localDate,
  mondayOf,
  pegTrend,
  weeklyAdherence,
  type Assessment,
  type CheckInRecord,
  type DiaryEntry,
  type Episode,
  type PegTrend,
  type SessionLog,
  type WeeklyAdherence,
} from '@unknot/core';
import { hash } from 'node:crypto';
import type { CareLink, PegScore, ProgrammeItem, Store } from '@unknot/store';
import { sql } from 'kysely';
import { createLru } from '../lru.ts';

/**
 * The figures of a clinician's patient list, for one page of patients in a fixed number of queries (one per
 * table, run together), not a handful per patient: the list is the page a clinician opens most, and 50 patients
 * times six round trips would be 300 (issue 10 asks for p99 ≤ 50 ms at 200 patients). The per-patient store calls
 * (CareStore, Store) answer one patient at a time, so this reads the same tables directly, read-only.
 */

export interface PatientFigures {
  displayName: string;
  episode: { id: string; onsetDate: string; status: string } | null;
  pain: {
    trend: 'improving' | 'not_improving' | 'worsening' | 'insufficient_data';
    day: number;
    baseline: number | null;
    latest: number | null;
    changePoints: number | null;
    /** The worst rating of each of the last days (null: none that day), oldest first: the list's sparkline. */
    series: (number | null)[];
  } | null;
  peg: PegTrend | null;
  /** The newest thing the patient recorded (diary, finished session, check-in, check, PEG), or null. */
  lastActivityAt: string | null;
  adherence: WeeklyAdherence | null;
  escalations: { id: string; level: string; title: string; since: string; protocolId?: string }[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const parsed = <T>(row: { data: string }): T => JSON.parse(row.data) as T;

type ChildTable = 'diary_entries' | 'session_logs' | 'check_ins' | 'assessments';
const childTables: readonly ChildTable[] = ['diary_entries', 'session_logs', 'check_ins', 'assessments'];

/** The stored JSON of the records under the given episodes, by table, then by episode (not parsed yet). */
async function childRowsOf(
  store: Store,
  episodeIds: string[],
): Promise<Record<ChildTable, Map<string, string[]>>> {
  const read = (table: ChildTable) =>
    episodeIds.length === 0
      ? Promise.resolve([])
      : store.db
          .selectFrom(table)
          .select(['episode_id', 'data'])
          .where('episode_id', 'in', episodeIds)
          .execute();
  const tables = await Promise.all(childTables.map(read));
  const grouped = tables.map((rows) => {
    const byEpisode = groupBy(rows, (r) => r.episode_id);
    return new Map([...byEpisode].map(([id, group]) => [id, group.map((r) => r.data)]));
  });
  const [diary, sessions, checkIns, assessments] = grouped as [
    Map<string, string[]>,
    Map<string, string[]>,
    Map<string, string[]>,
    Map<string, string[]>,
  ];
  return { diary_entries: diary, session_logs: sessions, check_ins: checkIns, assessments };
}

/**
 * A fingerprint of each episode's records, computed by PostgreSQL: an MD5 over every row's stored JSON, table by
 * table in id order. It lets a list skip reading (and decoding) the rows of patients whose records did not change,
 * which after caching the figures was most of what a list cost. Stored JSON never holds a raw control character
 * (JSON escapes them), so the separators keep every table's rows and every row apart; an empty table is an empty
 * text, never a skipped one, so rows cannot shift from one table to the next. SQLite has no MD5: there (personal
 * mode's store, which clinic mode does not use) every row is read.
 */
async function fingerprintsOf(store: Store, episodeIds: string[]): Promise<Map<string, string> | undefined> {
  if (store.dialect !== 'postgres' || episodeIds.length === 0) return undefined;
  const rows = childTables.map(
    (table) =>
      sql`coalesce((select string_agg(c.data, chr(1) order by c.id) from ${sql.table(table)} c where c.episode_id = e.id), '')`,
  );
  const result = await sql<{ id: string; fingerprint: string }>`
    select e.id, md5(concat_ws(chr(2), ${sql.join(rows)})) as fingerprint
    from episodes e where e.id in (${sql.join(episodeIds)})`.execute(store.db);
  return new Map(result.rows.map((r) => [r.id, r.fingerprint]));
}

/** The figures of a patient's episode that come from their records: everything but name and PEG. */
type EpisodeFigures = Pick<PatientFigures, 'pain' | 'adherence' | 'escalations' | 'lastActivityAt'>;

/** How many days of worst ratings a row carries for its sparkline: two weeks, the span of the plan's phases. */
const seriesDays = 14;

/** The later of two UTC instants (stored in one ISO form, so text order is time order), either may be null. */
const later = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null || a >= b ? a : b;

/**
 * Figures already worked out, by a hash of everything they are computed from (the episode, today, the programme
 * and every record's stored JSON). A patient list shows the same patients again and again, and most of them wrote
 * nothing since: their rows hash to the same key, and parsing and analysing them again (most of a list's cost,
 * bench/README.md §bench:clinic) is skipped. Keyed by content, never by id, so a changed record is a new key and
 * an answer cannot be stale; a process keeps its own (the processes share nothing), bounded.
 */
const figuresByInputs = createLru<string, EpisodeFigures>(20_000);

function inputsKey(parts: readonly (string | readonly string[])[]): string {
  // NUL between records, two between parts, and each list's length first: stored JSON never holds a raw NUL, so
  // no two different inputs join into the same text.
  return hash(
    'sha256',
    parts.map((p) => (typeof p === 'string' ? p : `${p.length}\0${p.join('\0')}`)).join('\0\0'),
    'base64url',
  );
}

function episodeFigures(
  episode: Episode,
  today: string,
  items: ProgrammeItem[] | undefined,
  rows: { diary: string[]; sessions: string[]; checkIns: string[]; assessments: string[] },
): EpisodeFigures {
  const diary = rows.diary.map((data) => JSON.parse(data) as DiaryEntry);
  const sessions = rows.sessions.map((data) => JSON.parse(data) as SessionLog);
  const analysis = analyse(diary, episode, today);
  const checkIns = rows.checkIns.map((data) => JSON.parse(data) as CheckInRecord);
  const assessments = rows.assessments.map((data) => JSON.parse(data) as Assessment);
  // "No activity for 7 days" sorts a patient up the list: an in-progress session is activity only once it ends.
  const lastActivityAt = [
    ...diary.map((e) => e.at),
    ...sessions.filter(isEndedSession).map((s) => s.endedAt),
    ...checkIns.map((c) => c.at),
    ...assessments.map((a) => a.at),
  ].reduce<string | null>((newest, at) => later(newest, new Date(at).toISOString()), null);
  const escalations = diaryEscalations({
    analysis,
    sessions,
    assessments,
    checkIns,
  });
  return {
    pain: {
      trend: analysis.trend,
      day: analysis.day,
      baseline: analysis.baseline?.value ?? null,
      latest: analysis.latest?.value ?? null,
      changePoints: analysis.change?.points ?? null,
      series: analysis.days.slice(-seriesDays).map((d) => d.worst),
    },
    lastActivityAt,
    adherence: items ? weeklyAdherence({ items }, sessions, mondayOf(today), episode.timeZone) : null,
    escalations: escalations.map((e) => ({
      id: e.id,
      level: e.level,
      title: e.title,
      since: e.since,
      ...(e.protocolId === undefined ? {} : { protocolId: e.protocolId }),
    })),
  };
}

/**
 * The patient's name, pain trend (core's diary analysis), escalations (the diary's, which include a check-in's warning sign), this
 * week's adherence to the current programme and the PEG change, for each patient of `links`, as of `now`.
 * The figures are about each patient's newest episode.
 */
export async function caseloadFigures(
  store: Store,
  links: readonly CareLink[],
  now: Date,
): Promise<Map<string, PatientFigures>> {
  const patientIds = [...new Set(links.map((l) => l.patientId))];
  const figures = new Map<string, PatientFigures>();
  if (patientIds.length === 0) return figures;

  const [accountRows, episodeRows, pegRows, programmeRows] = await Promise.all([
    store.db.selectFrom('accounts').select(['id', 'display_name']).where('id', 'in', patientIds).execute(),
    store.db
      .selectFrom('episodes')
      .select(['owner_id', 'data'])
      .where('owner_id', 'in', patientIds)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    store.db
      .selectFrom('peg_scores')
      .selectAll()
      .where('patient_id', 'in', patientIds)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    store.db
      .selectFrom('programmes')
      .select(['patient_id', 'data'])
      .where('patient_id', 'in', patientIds)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ]);

  // Rows come newest first, so the first one seen per patient is the current one.
  const newestEpisode = new Map<string, { episode: Episode; data: string }>();
  for (const row of episodeRows) {
    if (row.owner_id !== null && !newestEpisode.has(row.owner_id)) {
      newestEpisode.set(row.owner_id, { episode: parsed<Episode>(row), data: row.data });
    }
  }
  const programme = new Map<string, ProgrammeItem[]>();
  for (const row of programmeRows) {
    if (!programme.has(row.patient_id)) {
      programme.set(row.patient_id, (JSON.parse(row.data) as { items: ProgrammeItem[] }).items);
    }
  }
  const pegs = groupBy<Pick<PegScore, 'at' | 'pain' | 'enjoyment' | 'activity'> & { patient_id: string }>(
    pegRows,
    (r) => r.patient_id,
  );
  const episodeIds = [...newestEpisode.values()].map((e) => e.episode.id);
  const fingerprints = await fingerprintsOf(store, episodeIds);
  const names = new Map(accountRows.map((r) => [r.id, r.display_name]));
  const nowIso = now.toISOString();

  // What each episode's figures depend on, but for its records' rows: those are added below.
  const context = new Map(
    [...newestEpisode].map(([patientId, { episode, data }]) => {
      const today = localDate(nowIso, episode.timeZone);
      return [episode.id, { episode, data, today, items: programme.get(patientId) }] as const;
    }),
  );
  const keyOf = (episodeId: string, records: readonly (string | readonly string[])[]): string => {
    const c = context.get(episodeId);
    return inputsKey([c?.data ?? '', c?.today ?? '', c?.items ? JSON.stringify(c.items) : '', ...records]);
  };

  // With fingerprints, only the episodes whose figures are not known yet have their rows read.
  const known = new Map<string, EpisodeFigures>();
  if (fingerprints) {
    for (const id of episodeIds) {
      const hit = figuresByInputs.get(keyOf(id, [fingerprints.get(id) ?? '']));
      if (hit) known.set(id, hit);
    }
  }
  const children = await childRowsOf(
    store,
    episodeIds.filter((id) => !known.has(id)),
  );
  for (const id of episodeIds) {
    if (known.has(id)) continue;
    const c = context.get(id);
    if (!c) continue;
    const rows = {
      diary: children.diary_entries.get(id) ?? [],
      sessions: children.session_logs.get(id) ?? [],
      checkIns: children.check_ins.get(id) ?? [],
      assessments: children.assessments.get(id) ?? [],
    };
    const key = fingerprints
      ? keyOf(id, [fingerprints.get(id) ?? ''])
      : keyOf(id, [rows.diary, rows.sessions, rows.checkIns, rows.assessments]);
    let fromRecords = figuresByInputs.get(key);
    if (fromRecords === undefined) {
      fromRecords = episodeFigures(c.episode, c.today, c.items, rows);
      figuresByInputs.set(key, fromRecords);
    }
    known.set(id, fromRecords);
  }

  const lastPegAt = (patientId: string): string | null => {
    const at = pegs.get(patientId)?.at(-1)?.at;
    return at === undefined ? null : new Date(at).toISOString();
  };
  for (const patientId of patientIds) {
    const newest = newestEpisode.get(patientId);
    const peg = pegTrend(pegs.get(patientId) ?? []);
    const displayName = names.get(patientId) ?? '';
    const fromRecords = newest ? known.get(newest.episode.id) : undefined;
    if (!newest || !fromRecords) {
      figures.set(patientId, {
        displayName,
        episode: null,
        pain: null,
        peg,
        adherence: null,
        escalations: [],
        lastActivityAt: later(null, lastPegAt(patientId)),
      });
      continue;
    }
    const { episode } = newest;
    figures.set(patientId, {
      displayName,
      episode: { id: episode.id, onsetDate: episode.onsetDate, status: episode.status },
      peg,
      ...fromRecords,
      lastActivityAt: later(fromRecords.lastActivityAt, lastPegAt(patientId)),
    });
  }
  return figures;
}
