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
import type { CareLink, PegScore, ProgrammeItem, Store } from '@unknot/store';

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

/** The records under the given episodes, grouped by episode. */
async function childrenOf(store: Store, episodeIds: string[]) {
  const none: { data: string }[] = [];
  const read = (table: 'diary_entries' | 'session_logs' | 'check_ins' | 'assessments') =>
    episodeIds.length === 0
      ? Promise.resolve(none)
      : store.db.selectFrom(table).select('data').where('episode_id', 'in', episodeIds).execute();
  const [diary, sessions, checkIns, assessments] = await Promise.all([
    read('diary_entries'),
    read('session_logs'),
    read('check_ins'),
    read('assessments'),
  ]);
  const byEpisode = <T extends { episodeId: string }>(rows: { data: string }[]) =>
    groupBy(
      rows.map((r) => parsed<T>(r)),
      (r) => r.episodeId,
    );
  return {
    diary: byEpisode<DiaryEntry>(diary),
    sessions: byEpisode<SessionLog>(sessions),
    checkIns: byEpisode<CheckInRecord>(checkIns),
    assessments: byEpisode<Assessment>(assessments),
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
  const newestEpisode = new Map<string, Episode>();
  for (const row of episodeRows) {
    if (row.owner_id !== null && !newestEpisode.has(row.owner_id)) {
      newestEpisode.set(row.owner_id, parsed<Episode>(row));
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
  const children = await childrenOf(
    store,
    [...newestEpisode.values()].map((e) => e.id),
  );

  const names = new Map(accountRows.map((r) => [r.id, r.display_name]));
  const nowIso = now.toISOString();
  for (const patientId of patientIds) {
    const episode = newestEpisode.get(patientId);
    const items = programme.get(patientId);
    const peg = pegTrend(pegs.get(patientId) ?? []);
    const displayName = names.get(patientId) ?? '';
    if (!episode) {
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
    const today = localDate(nowIso, episode.timeZone);
    const diary: DiaryEntry[] = children.diary.get(episode.id) ?? [];
    const sessions: SessionLog[] = children.sessions.get(episode.id) ?? [];
    const analysis = analyse(diary, episode, today);
    const escalations = diaryEscalations({
      analysis,
      sessions,
      assessments: children.assessments.get(episode.id) ?? [],
      checkIns: children.checkIns.get(episode.id) ?? [],
    });
    figures.set(patientId, {
      displayName,
      episode: { id: episode.id, onsetDate: episode.onsetDate, status: episode.status },
      pain: {
        trend: analysis.trend,
        day: analysis.day,
        baseline: analysis.baseline?.value ?? null,
        latest: analysis.latest?.value ?? null,
        changePoints: analysis.change?.points ?? null,
      },
      peg,
      adherence: items ? weeklyAdherence({ items }, sessions, mondayOf(today), episode.timeZone) : null,
      escalations: escalations.map((e) => ({
        id: e.id,
        level: e.level,
        title: e.title,
        since: e.since,
        ...(e.protocolId === undefined ? {} : { protocolId: e.protocolId }),
      })),
    });
  }
  return figures;
}
