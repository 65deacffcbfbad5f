/**
 * The summary for a doctor (seed 003: when it started, what set it off, constant or not, what makes it worse):
 * a printable page, a PDF and a FHIR R4 file, made by the server from what it has received, plus the plan's
 * reminders for a calendar. Writes still waiting in the outbox are not in it yet, and the screen says so.
 */
import { Heading } from '../components/heading.tsx';
import { episode, pendingCount } from '../lib/records.ts';
import { t } from '../strings.ts';

export default function SummaryScreen() {
  const ep = episode.value;
  if (!ep) return null;
  const base = `/api/v1/episodes/${ep.id}`;
  return (
    <section class="screen summary">
      <Heading>{t.summary.title}</Heading>
      <p>{t.summary.intro}</p>
      <p class="muted">{t.summary.notDiagnosis}</p>
      {pendingCount.value > 0 ? (
        <p class="notice" role="status">
          {t.summary.pending(pendingCount.value)}
        </p>
      ) : null}
      <ul class="plain-list actions-list">
        <li>
          <a class="button primary" href={`${base}/summary.html`} target="_blank" rel="noopener">
            {t.summary.print} <span class="visually-hidden">{t.common.externalLink}</span>
          </a>
        </li>
        <li>
          <a class="button" href={`${base}/summary.pdf`} download="unknot-summary.pdf">
            {t.summary.pdf}
          </a>
        </li>
        <li>
          <a class="button" href={`${base}/summary.fhir.json`} download="unknot-summary.fhir.json">
            {t.summary.fhir}
          </a>
        </li>
        <li>
          <a class="button" href={`${base}/plan.ics`} download="unknot-plan.ics">
            {t.summary.calendar}
          </a>
        </li>
      </ul>
      <p class="muted">{t.summary.fhirNote}</p>
    </section>
  );
}
