/**
 * One patient: escalations first, then in two columns (one on a tablet) the doctor summary, the pain and PEG
 * charts, sessions done against assigned, check-ins, and the programme editor.
 */
import {
  analyse,
  diaryEscalations,
  healthConditions,
  isEndedSession,
  localDate,
  mondayOf,
  pegScore,
  weeklyAdherence,
  getEntry,
} from '@unknot/core';
import { useRoute } from 'preact-iso';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { Alert } from '../components/alerts.tsx';
import { Heading } from '../components/heading.tsx';
import { PainChart } from '../components/pain-chart.tsx';
import { formatDate, formatDateTime } from '../lib/dates.ts';
import { loadPatient } from './clinic-api.ts';
import { LineSvg } from './line-svg.tsx';
import { clinicPaths } from './paths.ts';
import { ProblemNotice } from './problem-notice.tsx';
import { ProgrammeEditor } from './programme-editor.tsx';
import { refreshCaseload } from './state.ts';
import { c } from './strings.ts';
import { SummaryView } from './summary-view.tsx';
import type { EpisodeRecords, PatientRecord, PegScoreRecord, Problem, Programme } from './types.ts';

/** The newest episode: the one the list's figures are about (docs/clinic.md). */
export function newestEpisode(episodes: readonly EpisodeRecords[]): EpisodeRecords | undefined {
  const key = (e: EpisodeRecords) => e.episode.createdAt;
  return [...episodes].sort(
    (a, b) => key(b).localeCompare(key(a)) || b.episode.id.localeCompare(a.episode.id),
  )[0];
}

function PegChart({ scores }: { scores: readonly PegScoreRecord[] }) {
  if (scores.length === 0) return <p class="muted">{c.patient.pegNone}</p>;
  const sorted = [...scores].sort((a, b) => a.at.localeCompare(b.at));
  const values = sorted.map((s) => Math.round(pegScore(s) * 10) / 10);
  return (
    <figure class="chart peg-chart">
      <figcaption>{c.patient.pegChart}</figcaption>
      <LineSvg
        class="line-svg peg-svg"
        values={values}
        width={320}
        height={120}
        label={`${c.patient.pegChart}: ${values.map(String).join(', ')}`}
      />
      <details class="chart-table">
        <summary>{c.patient.pegSummary(sorted.length)}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{c.patient.pegDate}</th>
              <th scope="col">{c.patient.pegScore}</th>
              <th scope="col">{c.patient.pegPain}</th>
              <th scope="col">{c.patient.pegEnjoyment}</th>
              <th scope="col">{c.patient.pegActivity}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((s, i) => (
              <tr key={s.id}>
                <th scope="row">{formatDateTime(s.at)}</th>
                <td>{values[i]}</td>
                <td>{s.pain}</td>
                <td>{s.enjoyment}</td>
                <td>{s.activity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function SessionsCard({ records, programme }: { records: EpisodeRecords; programme: Programme | null }) {
  const { episode } = records;
  const today = localDate(new Date().toISOString(), episode.timeZone);
  return (
    <section class="card clinic-card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{c.patient.sessions}</h2>
      {programme === null ? (
        <p class="muted">{c.patient.sessionsNone}</p>
      ) : (
        (() => {
          const week = weeklyAdherence(
            programme,
            records.sessions.filter(isEndedSession),
            mondayOf(today),
            episode.timeZone,
          );
          return (
            <>
              <p class="muted">
                {c.patient.sessionsIntro(formatDate(week.weekStart), formatDate(week.weekEnd))}
              </p>
              <table class="clinic-table">
                <thead>
                  <tr>
                    <th scope="col">{c.patient.item}</th>
                    <th scope="col">{c.patient.done}</th>
                  </tr>
                </thead>
                <tbody>
                  {week.items.map((item) => (
                    <tr key={item.entryId}>
                      <th scope="row">{getEntry(item.entryId)?.title ?? item.entryId}</th>
                      <td>
                        {item.done === null
                          ? c.patient.sessionsNotTracked
                          : c.patient.sessionsDone(item.done, item.assigned)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {week.ratio === null ? null : <p>{c.patient.sessionsTotal(week.ratio)}</p>}
            </>
          );
        })()
      )}
    </section>
  );
}

function CheckInsCard({ record }: { record: PatientRecord }) {
  const checkIns = record.episodes.flatMap((e) => e.checkIns).sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section class="card clinic-card" aria-labelledby="checkins-heading">
      <h2 id="checkins-heading">{c.patient.checkIns}</h2>
      {record.link.shareNotes ? null : <p class="muted small">{c.patient.notesHidden}</p>}
      {checkIns.length === 0 ? (
        <p class="muted">{c.patient.checkInsNone}</p>
      ) : (
        <ul class="plain-list checkin-list">
          {checkIns.map((checkIn) => (
            <li key={checkIn.id} class={checkIn.redFlagReported ? 'checkin-warning' : undefined}>
              <strong>{formatDateTime(checkIn.at)}</strong>:{' '}
              {checkIn.redFlagReported ? c.patient.checkInWarning : c.patient.checkInClear}
              {checkIn.note ? <p class="muted">{checkIn.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PatientBody({ record, onSaved }: { record: PatientRecord; onSaved: (p: Programme) => void }) {
  const newest = newestEpisode(record.episodes);
  const conditions = useMemo(
    () => healthConditions(record.episodes.flatMap((e) => e.episode.knownConditions)),
    [record],
  );
  const derived = useMemo(() => {
    if (!newest) return null;
    const today = localDate(new Date().toISOString(), newest.episode.timeZone);
    const analysis = analyse(newest.diary, newest.episode, today);
    const escalations = diaryEscalations({
      analysis,
      sessions: newest.sessions.filter(isEndedSession),
      assessments: newest.assessments,
      checkIns: newest.checkIns,
    });
    return { analysis, escalations };
  }, [newest]);

  return (
    <>
      {newest && derived ? (
        <p class="muted">{c.patient.episode(formatDate(newest.episode.onsetDate), derived.analysis.day)}</p>
      ) : (
        <p>{c.patient.noEpisode}</p>
      )}
      {derived && derived.escalations.length > 0 ? (
        <section aria-labelledby="escalations-heading">
          <h2 id="escalations-heading">{c.patient.escalations}</h2>
          <ul class="plain-list alerts">
            {derived.escalations.map((e) => (
              <Alert key={e.id} title={e.title} level={e.level}>
                <p>{e.reason}</p>
              </Alert>
            ))}
          </ul>
        </section>
      ) : null}
      <div class="patient-columns">
        <div class="patient-column">
          <ProgrammeEditor
            patientId={record.patient.id}
            conditions={conditions}
            programme={record.programme}
            onSaved={onSaved}
          />
          {newest ? <SessionsCard records={newest} programme={record.programme} /> : null}
          <CheckInsCard record={record} />
        </div>
        <div class="patient-column">
          <section class="card clinic-card" aria-labelledby="charts-heading">
            <h2 id="charts-heading">{c.patient.charts}</h2>
            {derived ? (
              <>
                <h3>{c.patient.painChart}</h3>
                <PainChart analysis={derived.analysis} />
              </>
            ) : null}
            <h3>{c.patient.pegChart}</h3>
            <PegChart scores={record.peg.scores} />
          </section>
          {newest ? <SummaryView records={newest} /> : null}
        </div>
      </div>
    </>
  );
}

export function PatientScreen() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [record, setRecord] = useState<PatientRecord | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    setProblem(null);
    const answer = await loadPatient(id);
    if (answer.ok) setRecord(answer.value);
    else setProblem(answer.problem);
  }, [id]);
  useEffect(() => {
    setRecord(null);
    void load();
  }, [load]);

  const name = record?.patient.displayName;
  let body;
  if (problem !== null)
    body =
      problem.status === 403 || problem.status === 404 ? (
        <p class="notice">{c.patient.notFound}</p>
      ) : (
        <ProblemNotice problem={problem} retry={load} />
      );
  else if (record === null) body = <p role="status">{c.workspace.loading}</p>;
  else
    body = (
      <PatientBody
        record={record}
        onSaved={(programme) => {
          setRecord({ ...record, programme });
          // The list's adherence figures follow the programme.
          void refreshCaseload();
        }}
      />
    );

  return (
    <section class="screen clinic-screen patient-page">
      <p>
        <a href={clinicPaths.list}>← {c.patient.back}</a>
      </p>
      <Heading title={name ?? c.workspace.loading} focusKey={name ?? ''}>
        {name ?? c.workspace.loading}
      </Heading>
      {body}
    </section>
  );
}
