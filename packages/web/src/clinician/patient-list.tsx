/**
 * The caseload, most in need first (need.ts): one row a patient with their pain trend (a sparkline with its text
 * alternative), PEG change, this week's adherence and last activity. The patient's name is the row's link; the
 * whole row is clickable too (a stretched link), but the keyboard meets one stop per row, the name.
 */
import { useEffect } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { formatDate } from '../lib/dates.ts';
import { LineSvg } from './line-svg.tsx';
import { daysSinceActivity, needGroup, sortByNeed, sparklinePoints, type NeedGroup } from './need.ts';
import { ProblemNotice } from './problem-notice.tsx';
import { caseload, refreshCaseload } from './state.ts';
import { c } from './strings.ts';
import type { PatientRow } from './types.ts';
import { clinicPaths } from './paths.ts';

function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

function PainCell({ row }: { row: PatientRow }) {
  if (!row.pain) return <span class="muted">{c.pain.none}</span>;
  const values = sparklinePoints(row);
  const trend = c.pain.trend[row.pain.trend] ?? row.pain.trend;
  return (
    <span class="pain-cell">
      <LineSvg values={values} width={84} height={28} label={c.pain.sparkline(values, trend)} />
      <span>
        {trend}
        {row.pain.changePoints === null ? null : (
          <span class="muted"> {c.pain.change(row.pain.changePoints)}</span>
        )}
      </span>
    </span>
  );
}

function pegText(row: PatientRow): string {
  if (!row.peg) return c.peg.none;
  if (row.peg.count < 2) return c.peg.one;
  return c.peg.change(row.peg.change, row.peg.improvement, row.peg.improved);
}

function adherenceText(row: PatientRow): string {
  if (!row.adherence) return c.adherence.none;
  return row.adherence.ratio === null ? c.adherence.notTracked : c.adherence.ratio(row.adherence.ratio);
}

function activityText(row: PatientRow, today: string): string {
  const days = daysSinceActivity(row, today);
  if (days === null) return c.activity.unknown;
  if (days === Number.POSITIVE_INFINITY) return c.activity.never;
  return days <= 0 ? c.activity.today : c.activity.daysAgo(days);
}

function NeedCell({ row, group }: { row: PatientRow; group: NeedGroup }) {
  return (
    <span class={`need need-${group}`}>
      <span class="need-badge">{c.list.group[group]}</span>
      {row.escalations.length > 0 ? (
        <span class="need-detail">{row.escalations.map((e) => e.title).join('; ')}</span>
      ) : null}
    </span>
  );
}

export function PatientListScreen() {
  useEffect(() => {
    void refreshCaseload();
  }, []);
  const today = utcToday();
  const current = caseload.value;

  let body;
  if (current.state === 'loading') body = <p role="status">{c.workspace.loading}</p>;
  else if (current.state === 'failed')
    body = <ProblemNotice problem={current.problem} retry={refreshCaseload} />;
  else if (current.value.length === 0)
    body = (
      <>
        <p>{c.list.empty}</p>
        <a class="button primary" href={clinicPaths.invites}>
          {c.list.makeInvite}
        </a>
      </>
    );
  else {
    const rows = sortByNeed(current.value, today);
    body = (
      <>
        <p class="muted">{c.list.count(rows.length)}</p>
        <table class="patient-table">
          <caption class="visually-hidden">{c.list.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{c.list.name}</th>
              <th scope="col">{c.list.need}</th>
              <th scope="col">{c.list.pain}</th>
              <th scope="col">{c.list.peg}</th>
              <th scope="col">{c.list.adherence}</th>
              <th scope="col">{c.list.lastActivity}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const group = needGroup(row, today);
              return (
                <tr key={row.patient.id} class={`patient-row row-${group}`}>
                  <th scope="row">
                    <div class="patient-name">
                      <a class="patient-link" href={clinicPaths.patient(row.patient.id)}>
                        {row.patient.displayName}
                      </a>
                      <span class="muted small">
                        {row.episode ? c.list.since(formatDate(row.episode.onsetDate)) : c.list.noEpisode}
                      </span>
                    </div>
                  </th>
                  <td>
                    <NeedCell row={row} group={group} />
                  </td>
                  <td>
                    <PainCell row={row} />
                  </td>
                  <td>{pegText(row)}</td>
                  <td>{adherenceText(row)}</td>
                  <td>{activityText(row, today)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </>
    );
  }

  return (
    <section class="screen clinic-screen">
      <Heading>{c.list.title}</Heading>
      <p>{c.list.intro}</p>
      {body}
    </section>
  );
}
