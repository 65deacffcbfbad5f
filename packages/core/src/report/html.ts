/**
 * The summary as one printable HTML page: semantic and accessible (language, headings in order, captioned tables
 * with header cells, the chart as an SVG image with a title and a description), with a print stylesheet for A4.
 * No script and no `style` attribute anywhere, so it also works under a strict CSP. Every piece of text the
 * person typed, and every other value, goes through `escapeHtml`.
 */
import { chartGeometry, type ChartGeometry, type Point } from './chart.ts';
import { summaryCss } from './css.ts';
import { formatDate, formatShortDate } from './dates.ts';
import {
  factorsText,
  generatedText,
  headings,
  highestText,
  medicineDoses,
  medicineUse,
  none,
  episodeRows,
  checkPainText,
  painText,
  sessionOutcome,
  sessionPain,
  sleepText,
  treatmentUse,
  trendText,
} from './format.ts';
import type { DoctorSummary, SummaryAssessment, SummaryFactors } from './types.ts';
import { dispositionWords } from './words.ts';

/** How much of each growing list the page shows; the app and the FHIR export keep everything. */
export const htmlLimits = { notes: 6, texts: 4, sessions: 10, earlierChecks: 6 } as const;

export interface SummaryHtmlOptions {
  /**
   * Link this stylesheet instead of embedding `summaryCss` in a `<style>` element. Use it when the server serves
   * the page under its CSP (`style-src 'self'`), and serve `summaryCss` at this address. Leave it out for a
   * standalone file, which is opened from disk where no CSP applies.
   */
  stylesheetHref?: string;
}

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

const e = escapeHtml;

function more(shown: number, total: number, what: string): string {
  return total > shown
    ? `<p class="muted">${total - shown} earlier ${what} not shown; they are in the app.</p>`
    : '';
}

function episodeSection(s: DoctorSummary): string {
  const rows = episodeRows(s);
  return `<section aria-labelledby="h-episode">
<h2 id="h-episode">${e(headings.episode)}</h2>
<dl>
${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('\n')}
</dl>
</section>`;
}

const points = (run: readonly Point[]): string => run.map((p) => `${p.x},${p.y}`).join(' ');

function chartSvg(g: ChartGeometry, s: DoctorSummary): string {
  const { box, plot } = g;
  const rated = s.pain.days.filter((d) => d.worst !== null).length;
  const description =
    rated === 0
      ? 'No pain ratings yet.'
      : `Daily worst pain on ${rated} of ${s.pain.days.length} days since onset. ${trendText(s.pain)}`;
  const grid = g.yTicks
    .map(
      (t) =>
        `<line x1="${plot.x}" y1="${t.y}" x2="${plot.x + plot.width}" y2="${t.y}" stroke="#d9d9d9" stroke-width="1"/>` +
        `<text x="${plot.x - 6}" y="${t.y + 3.5}" font-size="10" text-anchor="end" fill="#4d4d4d">${t.value}</text>`,
    )
    .join('');
  // The first and last labels are anchored inwards so they never run past the edge of the image.
  const anchor = (i: number): string =>
    g.xTicks.length > 1 && i === 0
      ? 'start'
      : g.xTicks.length > 1 && i === g.xTicks.length - 1
        ? 'end'
        : 'middle';
  const xLabels = g.xTicks
    .map(
      (t, i) =>
        `<text x="${t.x}" y="${plot.y + plot.height + 14}" font-size="10" text-anchor="${anchor(i)}" fill="#4d4d4d">${e(t.label)}</text>`,
    )
    .join('');
  const rolling = g.rollingRuns
    .map(
      (run) =>
        `<polyline points="${points(run)}" fill="none" stroke="#8a8a8a" stroke-width="1.5" stroke-dasharray="5 3"/>`,
    )
    .join('');
  const worst = g.worstRuns
    .map((run) => `<polyline points="${points(run)}" fill="none" stroke="#1f4e79" stroke-width="2"/>`)
    .join('');
  const dots = g.worstPoints
    .map((p) => `<circle cx="${p.x}" cy="${p.y}" r="${g.radius}" fill="#1f4e79"/>`)
    .join('');
  const ring =
    g.checkPoint === null
      ? ''
      : `<circle cx="${g.checkPoint.x}" cy="${g.checkPoint.y}" r="${Math.max(3.5, g.radius * 1.8)}" fill="none" stroke="#b35c00" stroke-width="1.5"/>`;
  const empty =
    rated === 0 && g.checkPoint === null
      ? `<text x="${plot.x + plot.width / 2}" y="${plot.y + plot.height / 2}" font-size="12" text-anchor="middle" fill="#4d4d4d">No ratings yet</text>`
      : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-labelledby="chart-title chart-desc">
<title id="chart-title">Pain rating (0 to 10) for each day since the pain began</title>
<desc id="chart-desc">${e(description)}</desc>
${grid}
<line x1="${plot.x}" y1="${plot.y + plot.height}" x2="${plot.x + plot.width}" y2="${plot.y + plot.height}" stroke="#4d4d4d" stroke-width="1"/>
${xLabels}${rolling}${worst}${dots}${ring}${empty}
</svg>`;
}

function chartSection(s: DoctorSummary): string {
  const g = chartGeometry(
    s.pain.days,
    { width: 520, height: 190, left: 28, right: 10, top: 8, bottom: 22 },
    8,
    s.pain.check,
  );
  const extra = [checkPainText(s.pain), highestText(s.pain), sleepText(s.pain)]
    .filter((t) => t !== '')
    .join(' ');
  return `<section aria-labelledby="h-chart">
<h2 id="h-chart">${e(headings.chart)}</h2>
<figure>
${chartSvg(g, s)}
<figcaption>Solid line and dots: the worst rating each day (0–10). Dashed line: 3-day average. ${e(trendText(s.pain))}${extra === '' ? '' : ` ${e(extra)}`}</figcaption>
</figure>
</section>`;
}

function factorsSection(id: string, heading: string, f: SummaryFactors): string {
  const texts = f.texts.slice(0, htmlLimits.texts);
  const known = factorsText(f);
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${e(heading)}</h2>
${known === '' ? '' : `<p>${e(known)}</p>`}
${
  texts.length === 0
    ? ''
    : `<ul>\n${texts.map((t) => `<li><q>${e(t.text)}</q> <span class="muted">(${e(formatShortDate(t.date))})</span></li>`).join('\n')}\n</ul>`
}
${more(texts.length, f.texts.length, 'comments')}
</section>`;
}

function treatmentsSection(s: DoctorSummary): string {
  const body =
    s.treatments.length === 0
      ? `<p>${none}</p>`
      : `<table>
<caption>From the diary and the app's guided sessions</caption>
<thead><tr><th scope="col">Treatment</th><th scope="col">Use</th></tr></thead>
<tbody>
${s.treatments.map((t) => `<tr><th scope="row">${e(t.title)}</th><td>${e(treatmentUse(t))}</td></tr>`).join('\n')}
</tbody>
</table>`;
  return `<section aria-labelledby="h-treatments">
<h2 id="h-treatments">${e(headings.treatments)}</h2>
${body}
</section>`;
}

function sessionsSection(s: DoctorSummary): string {
  const shown = s.sessions.slice(0, htmlLimits.sessions);
  const body =
    shown.length === 0
      ? `<p>${none}</p>`
      : `<table>
<caption>Pain (0–10) before and after each session, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Session</th><th scope="col" class="num">Min</th><th scope="col">Pain before → after</th><th scope="col">Outcome</th></tr></thead>
<tbody>
${shown
  .map(
    (x) =>
      `<tr><td>${e(`${formatShortDate(x.date)} ${x.time}`)}</td><th scope="row">${e(x.title)}</th><td class="num">${x.minutes}</td><td>${e(sessionPain(x))}</td><td>${e(sessionOutcome(x))}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return `<section aria-labelledby="h-sessions">
<h2 id="h-sessions">${e(headings.sessions)}</h2>
${body}
${more(shown.length, s.sessions.length, 'sessions')}
</section>`;
}

function medicinesSection(s: DoctorSummary): string {
  const body =
    s.medicines.length === 0
      ? `<p>${none}</p>`
      : `<table>
<caption>Names and doses as the patient wrote them</caption>
<thead><tr><th scope="col">Medicine</th><th scope="col">Dose</th><th scope="col">Times logged</th></tr></thead>
<tbody>
${s.medicines.map((m) => `<tr><th scope="row">${e(m.name)}</th><td>${e(medicineDoses(m))}</td><td>${e(medicineUse(m))}</td></tr>`).join('\n')}
</tbody>
</table>`;
  return `<section aria-labelledby="h-medicines">
<h2 id="h-medicines">${e(headings.medicines)}</h2>
${body}
</section>`;
}

function resultLabel(a: SummaryAssessment): string {
  return `${a.headline} (${dispositionWords[a.disposition]})`;
}

function latestCheck(a: SummaryAssessment): string {
  const answers =
    a.redFlagAnswers.length === 0
      ? '<p>No warning-sign answers: none of the rules fired.</p>'
      : `<table>
<caption>Answers that raised a warning</caption>
<thead><tr><th scope="col">Question</th><th scope="col">Answer</th></tr></thead>
<tbody>
${a.redFlagAnswers
  .map(
    (r) =>
      `<tr><th scope="row">${e(r.label)}<span class="q">${r.number}. ${e(r.question)}</span></th><td>${e(r.text)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return `<article aria-labelledby="h-check-latest">
<h3 id="h-check-latest">Latest, ${e(formatDate(a.date))} ${e(a.time)}: <span class="level-${a.disposition}">${e(resultLabel(a))}</span></h3>
<ul>
${a.reasons.map((r) => `<li>${e(r.text)}</li>`).join('\n')}
</ul>
${answers}
</article>`;
}

function earlierChecks(rest: readonly SummaryAssessment[]): string {
  if (rest.length === 0) return '';
  const shown = rest.slice(0, htmlLimits.earlierChecks);
  return `<table>
<caption>Earlier checks, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Result</th><th scope="col">Answers that raised a warning</th></tr></thead>
<tbody>
${shown
  .map(
    (a) =>
      `<tr><td>${e(formatShortDate(a.date))}</td><td class="level-${a.disposition}">${e(dispositionWords[a.disposition])}</td><td>${e(
        a.redFlagAnswers.length === 0
          ? 'None'
          : a.redFlagAnswers.map((r) => `${r.label}: ${r.text}`).join('; '),
      )}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
${more(shown.length, rest.length, 'checks')}`;
}

function triageSection(s: DoctorSummary): string {
  const [latest, ...rest] = s.assessments;
  return `<section class="wide" aria-labelledby="h-triage">
<h2 id="h-triage">${e(headings.triage)}</h2>
${latest === undefined ? '<p>The warning-sign questionnaire has not been answered.</p>' : latestCheck(latest)}
${earlierChecks(rest)}
</section>`;
}

function escalationsSection(s: DoctorSummary): string {
  const body =
    s.escalations.length === 0
      ? `<p>${none}</p>`
      : `<ul>
${s.escalations
  .map(
    (x) =>
      `<li><strong>${e(x.title)}</strong> <span class="muted">(${e(dispositionWords[x.level])}, from ${e(formatShortDate(x.since))})</span>. ${e(x.reason)}</li>`,
  )
  .join('\n')}
</ul>`;
  return `<section aria-labelledby="h-escalations">
<h2 id="h-escalations">${e(headings.escalations)}</h2>
${body}
</section>`;
}

function questionsSection(s: DoctorSummary): string {
  return `<section aria-labelledby="h-questions">
<h2 id="h-questions">${e(headings.questions)}</h2>
<ol>
${s.questions.map((q) => `<li>${e(q.text)}${q.because === null ? '' : ` <span class="muted">(${e(q.because)})</span>`}</li>`).join('\n')}
</ol>
</section>`;
}

function notesSection(s: DoctorSummary): string {
  if (s.notes.length === 0) return '';
  const shown = s.notes.slice(0, htmlLimits.notes);
  return `<section aria-labelledby="h-notes">
<h2 id="h-notes">${e(headings.notes)}</h2>
<ul>
${shown.map((n) => `<li><span class="muted">${e(formatShortDate(n.date))}:</span> ${e(n.text)}</li>`).join('\n')}
</ul>
${more(shown.length, s.notes.length, 'notes')}
</section>`;
}

/**
 * The summary as a complete HTML document. Deterministic: the same summary and options give the same string.
 *
 * By default the stylesheet is embedded in a `<style>` element, for a file to download, print or attach. Pass
 * `stylesheetHref` when the server serves the page: the CSP of its pages blocks inline styles, so the page links
 * the stylesheet, and the server serves `summaryCss` at that address.
 */
export function summaryToHtml(summary: DoctorSummary, options: SummaryHtmlOptions = {}): string {
  const s = summary;
  const style =
    options.stylesheetHref === undefined
      ? `<style>\n${summaryCss}</style>`
      : `<link rel="stylesheet" href="${e(options.stylesheetHref)}">`;
  const lately = s.pain.latest === null ? '' : ` · ${painText(s.pain.latest)} lately`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="unknot">
<title>${e(`${headings.title} · began ${formatDate(s.episode.onsetDate)}`)}</title>
${style}
</head>
<body>
<main>
<header>
<h1>${e(headings.title)}</h1>
<p class="notice">${e(s.notice)}</p>
<p class="meta">${e(`${generatedText(s)} · days counted in ${s.episode.timeZone}${lately}`)}</p>
</header>
<div class="grid">
${episodeSection(s)}
${chartSection(s)}
${factorsSection('h-worse', headings.worse, s.worse)}
${factorsSection('h-better', headings.better, s.better)}
${treatmentsSection(s)}
${medicinesSection(s)}
<div class="wide">
${sessionsSection(s)}
</div>
${triageSection(s)}
${escalationsSection(s)}
${questionsSection(s)}
${notesSection(s)}
</div>
<footer>
<p>${e(s.notice)}</p>
<p>${e(generatedText(s))}.</p>
</footer>
</main>
</body>
</html>
`;
}
