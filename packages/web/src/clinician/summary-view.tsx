/**
 * The doctor summary inside the patient's page: core's `summaryFromRecords` and `summaryToHtml`, the functions
 * the server uses for the patient's printable page (routes/summary.ts), so the clinician reads exactly what the
 * patient hands their doctor. The page's body is shown inline, its headings moved two levels down to sit under
 * this section's heading; "open the printable page" opens the whole page, styled by the server's summary.css.
 *
 * Inserting HTML is safe here: summaryToHtml escapes every value (the patient's own words included) and emits no
 * script, no event attribute and no style attribute (core's html.test.ts checks it).
 */
import { isEndedSession, summaryFromRecords, summaryToHtml } from '@unknot/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { apiBase } from '../lib/api.ts';
import { c } from './strings.ts';
import type { EpisodeRecords } from './types.ts';

/** The page's <main>, its headings demoted by two levels (h1 → h3), as HTML. */
export function summaryBody(page: string): string {
  const doc = new DOMParser().parseFromString(page, 'text/html');
  const main = doc.querySelector('main');
  if (!main) return '';
  for (const heading of [...main.querySelectorAll('h1, h2, h3, h4')]) {
    const level = Number(heading.tagName.slice(1));
    const lower = doc.createElement(`h${String(Math.min(6, level + 2))}`);
    for (const attribute of [...heading.attributes]) lower.setAttribute(attribute.name, attribute.value);
    lower.append(...heading.childNodes);
    heading.replaceWith(lower);
  }
  return main.innerHTML;
}

export function SummaryView({ records }: { records: EpisodeRecords }) {
  const page = useMemo(() => {
    const summary = summaryFromRecords(
      {
        episode: records.episode,
        diary: records.diary,
        assessments: records.assessments,
        // An in-progress session is not a session yet (contract: reports ignore them).
        sessions: records.sessions.filter(isEndedSession),
        checkIns: records.checkIns,
      },
      new Date().toISOString(),
    );
    return summaryToHtml(summary, { stylesheetHref: `${location.origin}${apiBase}/summary.css` });
  }, [records]);
  const body = useMemo(() => summaryBody(page), [page]);

  // The printable page as a blob address, revoked when the summary changes or the page goes.
  const [printUrl, setPrintUrl] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
    setPrintUrl(url);
    return () => {
      URL.revokeObjectURL(url);
    };
  }, [page]);

  return (
    <section class="card clinic-card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{c.patient.summary}</h2>
      <p class="muted">{c.patient.summaryIntro}</p>
      {printUrl ? (
        <p>
          <a href={printUrl} target="_blank" rel="noopener">
            {c.patient.print}
          </a>
        </p>
      ) : null}
      <div class="clinic-summary" dangerouslySetInnerHTML={{ __html: body }} />
    </section>
  );
}
