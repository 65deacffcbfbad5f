import {
  analyse,
  diaryEscalations,
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
  } | null;
  peg: PegTrend | null;
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

/** The figures of a patient's episode that come from their records: everything but name and PEG. */
type EpisodeFigures = Pick<PatientFigures, 'pain' | 'adherence' | 'escalations'>;

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
  const escalations = diaryEscalations({
    analysis,
    sessions,
    assessments: rows.assessments.map((data) => JSON.parse(data) as Assessment),
    checkIns: rows.checkIns.map((data) => JSON.parse(data) as CheckInRecord),
  });
  return {
    pain: {
      trend: analysis.trend,
      day: analysis.day,
      baseline: analysis.baseline?.value ?? null,
      latest: analysis.latest?.value ?? null,
      changePoints: analysis.change?.points ?? null,
    },
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
  const children = await childRowsOf(
    store,
    [...newestEpisode.values()].map((e) => e.episode.id),
  );

  const names = new Map(accountRows.map((r) => [r.id, r.display_name]));
  const nowIso = now.toISOString();
  for (const patientId of patientIds) {
    const newest = newestEpisode.get(patientId);
    const items = programme.get(patientId);
    const peg = pegTrend(pegs.get(patientId) ?? []);
    const displayName = names.get(patientId) ?? '';
    if (!newest) {
      figures.set(patientId, {
        displayName,
        episode: null,
        pain: null,
        peg,
        adherence: null,
        escalations: [],
      });
      continue;
    }
    const { episode, data } = newest;
    const today = localDate(nowIso, episode.timeZone);
    const rows = {
      diary: children.diary_entries.get(episode.id) ?? [],
      sessions: children.session_logs.get(episode.id) ?? [],
      checkIns: children.check_ins.get(episode.id) ?? [],
      assessments: children.assessments.get(episode.id) ?? [],
    };
    const key = inputsKey([
      data,
      today,
      items ? JSON.stringify(items) : '',
      rows.diary,
      rows.sessions,
      rows.checkIns,
      rows.assessments,
    ]);
    let fromRecords = figuresByInputs.get(key);
    if (fromRecords === undefined) {
      fromRecords = episodeFigures(episode, today, items, rows);
      figuresByInputs.set(key, fromRecords);
    }
    figures.set(patientId, {
      displayName,
      episode: { id: episode.id, onsetDate: episode.onsetDate, status: episode.status },
      peg,
      ...fromRecords,
    });
  }
  return figures;
}
