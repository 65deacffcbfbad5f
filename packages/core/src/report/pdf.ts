/**
 * The summary as a one-page A4 PDF, drawn with pdf-lib. The font is embedded (subset) from bytes the caller
 * passes in, because core reads no files: the server or CLI reads DejaVuSans.ttf, which covers Latin, Greek,
 * Cyrillic and much else; anything it lacks is drawn as a placeholder (see `drawableText`).
 *
 * Everything is laid out into fixed boxes and cut to fit, so long notes or many records shorten the lists (with a
 * note that the rest is in the app) instead of spilling onto a second page.
 */
import fontkit from '@pdf-lib/fontkit';
import { LineCapStyle, PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { chartGeometry } from './chart.ts';
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
  sessionOutcome,
  sessionPain,
  sleepText,
  treatmentUse,
  trendText,
} from './format.ts';
import { drawableText, truncateLine, wrapText, type TextFont } from './pdf-text.ts';
import type { DoctorSummary, SummaryFactors } from './types.ts';
import { dispositionWords } from './words.ts';

export interface SummaryPdfOptions {
  /** A TrueType or OpenType font, e.g. the bytes of DejaVuSans.ttf. */
  fontBytes: Uint8Array;
  /** The bold face (e.g. DejaVuSans-Bold.ttf); without it, headings use the regular face. */
  boldFontBytes?: Uint8Array;
}

/** How much of each list the page holds; the HTML and the app show more. */
export const pdfLimits = {
  texts: 2,
  treatments: 6,
  sessions: 6,
  medicines: 5,
  notes: 3,
  reasons: 3,
  redFlagAnswers: 6,
  earlierChecks: 3,
  escalations: 3,
  questions: 10,
} as const;

const A4: [number, number] = [595.28, 841.89];
const margin = 30;
const gutter = 16;

const ink = rgb(0.1, 0.1, 0.1);
const muted = rgb(0.3, 0.3, 0.3);
const accent = rgb(0.122, 0.306, 0.475);
const gridGrey = rgb(0.85, 0.85, 0.85);
const dashGrey = rgb(0.54, 0.54, 0.54);
const warn = rgb(0.61, 0.11, 0.11);
const amber = rgb(0.64, 0.32, 0);

const size = { title: 14, heading: 9.5, body: 8, small: 6.8 } as const;
const leading = 1.28;

interface Face {
  pdf: PDFFont;
  text: TextFont;
}

function face(font: PDFFont): Face {
  const glyphs = new Set(font.getCharacterSet());
  return {
    pdf: font,
    text: { widthOfTextAtSize: (t, s) => font.widthOfTextAtSize(t, s), has: (cp) => glyphs.has(cp) },
  };
}

interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: RGB;
  indent?: number;
  maxLines?: number;
}

/**
 * A column that text flows down. When the next thing does not fit, the column stops, writes one line saying the
 * rest is in the app, and ignores everything after: the page can never overflow.
 */
class Column {
  private full = false;
  private readonly page: PDFPage;
  private readonly regular: Face;
  private readonly bold: Face;
  readonly x: number;
  y: number;
  readonly width: number;
  /** Lowest baseline allowed, with room kept below it for the "more in the app" line. */
  private readonly bottom: number;

  constructor(
    page: PDFPage,
    fonts: { regular: Face; bold: Face },
    box: { x: number; y: number; width: number; bottom: number },
  ) {
    this.page = page;
    this.regular = fonts.regular;
    this.bold = fonts.bold;
    this.x = box.x;
    this.y = box.y;
    this.width = box.width;
    this.bottom = box.bottom;
  }

  private lineHeight(s: number): number {
    return s * leading;
  }

  private fits(height: number): boolean {
    return this.y - height >= this.bottom;
  }

  private stop(): void {
    if (this.full) return;
    this.full = true;
    const s = size.small;
    this.page.drawText(drawableText(this.regular.text, 'More in the app.'), {
      x: this.x,
      y: this.bottom - this.lineHeight(s),
      size: s,
      font: this.regular.pdf,
      color: muted,
    });
  }

  gap(height: number): void {
    if (!this.full) this.y -= height;
  }

  heading(text: string): void {
    const needed = this.lineHeight(size.heading) + 4 + this.lineHeight(size.body);
    if (this.full || !this.fits(needed)) {
      this.stop();
      return;
    }
    this.gap(3);
    this.y -= size.heading;
    this.page.drawText(drawableText(this.bold.text, text), {
      x: this.x,
      y: this.y,
      size: size.heading,
      font: this.bold.pdf,
      color: accent,
    });
    this.y -= 2.5;
    this.page.drawLine({
      start: { x: this.x, y: this.y },
      end: { x: this.x + this.width, y: this.y },
      thickness: 0.5,
      color: gridGrey,
    });
    this.y -= this.lineHeight(size.heading) - size.heading + 1;
  }

  /** Wrapped text. Returns false once the column is full. */
  text(text: string, style: TextStyle = {}): boolean {
    if (this.full) return false;
    const s = style.size ?? size.body;
    const f = style.bold === true ? this.bold : this.regular;
    const indent = style.indent ?? 0;
    const lines = wrapText(f.text, drawableText(f.text, text), s, this.width - indent, style.maxLines);
    for (const line of lines) {
      if (!this.fits(this.lineHeight(s))) {
        this.stop();
        return false;
      }
      this.y -= this.lineHeight(s);
      this.page.drawText(line, {
        x: this.x + indent,
        y: this.y + (this.lineHeight(s) - s),
        size: s,
        font: f.pdf,
        color: style.color ?? ink,
      });
    }
    return true;
  }

  /** One line of cells at fixed offsets, each cut to its width. */
  row(
    cells: readonly { text: string; width: number; bold?: boolean; color?: RGB }[],
    s: number = size.body,
  ): boolean {
    if (this.full) return false;
    if (!this.fits(this.lineHeight(s))) {
      this.stop();
      return false;
    }
    this.y -= this.lineHeight(s);
    let x = this.x;
    for (const cell of cells) {
      const f = cell.bold === true ? this.bold : this.regular;
      const line = truncateLine(f.text, drawableText(f.text, cell.text), s, cell.width - 3);
      this.page.drawText(line, {
        x,
        y: this.y + (this.lineHeight(s) - s),
        size: s,
        font: f.pdf,
        color: cell.color ?? ink,
      });
      x += cell.width;
    }
    return true;
  }

  /** Says a list was cut, when it was. */
  more(shown: number, total: number, what: string): void {
    if (total > shown)
      this.text(`${total - shown} more ${what} in the app.`, { size: size.small, color: muted });
  }
}

function factorLines(col: Column, heading: string, f: SummaryFactors): void {
  col.heading(heading);
  const known = factorsText(f);
  if (known !== '') col.text(known, { maxLines: 3 });
  const texts = f.texts.slice(0, pdfLimits.texts);
  for (const t of texts) col.text(`“${t.text}” (${formatShortDate(t.date)})`, { maxLines: 2, color: muted });
  col.more(texts.length, f.texts.length, 'comments');
}

function drawChart(
  page: PDFPage,
  s: DoctorSummary,
  regular: Face,
  x: number,
  top: number,
  width: number,
  height: number,
): void {
  const g = chartGeometry(
    s.pain.days,
    { width, height, left: 18, right: 6, top: 4, bottom: 13 },
    7,
    s.pain.check,
  );
  const X = (px: number) => x + px;
  const Y = (py: number) => top - py;
  const { plot } = g;
  for (const t of g.yTicks) {
    page.drawLine({
      start: { x: X(plot.x), y: Y(t.y) },
      end: { x: X(plot.x + plot.width), y: Y(t.y) },
      thickness: 0.4,
      color: gridGrey,
    });
    const label = String(t.value);
    page.drawText(label, {
      x: X(plot.x) - 4 - regular.pdf.widthOfTextAtSize(label, size.small),
      y: Y(t.y) - size.small / 3,
      size: size.small,
      font: regular.pdf,
      color: muted,
    });
  }
  const axisY = Y(plot.y + plot.height);
  page.drawLine({
    start: { x: X(plot.x), y: axisY },
    end: { x: X(plot.x + plot.width), y: axisY },
    thickness: 0.6,
    color: muted,
  });
  for (const t of g.xTicks) {
    const w = regular.pdf.widthOfTextAtSize(t.label, size.small);
    const left = Math.min(Math.max(X(t.x) - w / 2, x), x + width - w);
    page.drawText(drawableText(regular.text, t.label), {
      x: left,
      y: axisY - 9,
      size: size.small,
      font: regular.pdf,
      color: muted,
    });
  }
  for (const run of g.rollingRuns) {
    for (let i = 1; i < run.length; i++) {
      const a = run[i - 1];
      const b = run[i];
      if (a === undefined || b === undefined) continue;
      page.drawLine({
        start: { x: X(a.x), y: Y(a.y) },
        end: { x: X(b.x), y: Y(b.y) },
        thickness: 1,
        color: dashGrey,
        dashArray: [3, 2],
      });
    }
  }
  for (const run of g.worstRuns) {
    for (let i = 1; i < run.length; i++) {
      const a = run[i - 1];
      const b = run[i];
      if (a === undefined || b === undefined) continue;
      page.drawLine({
        start: { x: X(a.x), y: Y(a.y) },
        end: { x: X(b.x), y: Y(b.y) },
        thickness: 1.4,
        color: accent,
        lineCap: LineCapStyle.Round,
      });
    }
  }
  for (const p of g.worstPoints) page.drawCircle({ x: X(p.x), y: Y(p.y), size: g.radius, color: accent });
  if (g.checkPoint !== null) {
    page.drawCircle({
      x: X(g.checkPoint.x),
      y: Y(g.checkPoint.y),
      size: Math.max(2.5, g.radius * 1.8),
      borderColor: amber,
      borderWidth: 1,
    });
  }
  if (g.worstPoints.length === 0 && g.checkPoint === null) {
    const label = 'No ratings yet';
    page.drawText(label, {
      x: X(plot.x + plot.width / 2) - regular.pdf.widthOfTextAtSize(label, size.body) / 2,
      y: Y(plot.y + plot.height / 2),
      size: size.body,
      font: regular.pdf,
      color: muted,
    });
  }
}

function leftColumn(col: Column, s: DoctorSummary): void {
  factorLines(col, headings.worse, s.worse);
  factorLines(col, headings.better, s.better);

  col.heading(headings.treatments);
  if (s.treatments.length === 0) col.text(none);
  const treatments = s.treatments.slice(0, pdfLimits.treatments);
  for (const t of treatments) {
    col.row(
      [
        { text: t.title, width: col.width * 0.5, bold: true },
        { text: treatmentUse(t), width: col.width * 0.5 },
      ],
      size.small,
    );
  }
  col.more(treatments.length, s.treatments.length, 'treatments');

  col.heading(headings.sessions);
  if (s.sessions.length === 0) col.text(none);
  else
    col.row(
      [
        { text: 'Date', width: col.width * 0.25, color: muted },
        { text: 'Min', width: col.width * 0.09, color: muted },
        { text: 'Pain', width: col.width * 0.24, color: muted },
        { text: 'Outcome', width: col.width * 0.42, color: muted },
      ],
      size.small,
    );
  const sessions = s.sessions.slice(0, pdfLimits.sessions);
  for (const x of sessions) {
    // The name gets a line of its own, so a long one is wrapped rather than cut in a narrow cell.
    col.text(x.title, { bold: true, size: size.small, maxLines: 2 });
    col.row(
      [
        { text: `${formatShortDate(x.date)} ${x.time}`, width: col.width * 0.25 },
        { text: String(x.minutes), width: col.width * 0.09 },
        { text: sessionPain(x), width: col.width * 0.24 },
        { text: sessionOutcome(x), width: col.width * 0.42 },
      ],
      size.small,
    );
  }
  col.more(sessions.length, s.sessions.length, 'sessions');

  col.heading(headings.medicines);
  if (s.medicines.length === 0) col.text(none);
  const medicines = s.medicines.slice(0, pdfLimits.medicines);
  for (const m of medicines) {
    col.row([
      { text: m.name, width: col.width * 0.3, bold: true },
      { text: medicineDoses(m), width: col.width * 0.4 },
      { text: medicineUse(m), width: col.width * 0.3 },
    ]);
  }
  col.more(medicines.length, s.medicines.length, 'medicines');

  col.heading(headings.escalations);
  if (s.escalations.length === 0) col.text(none);
  const escalations = s.escalations.slice(0, pdfLimits.escalations);
  for (const x of escalations) {
    col.text(`${x.title} (${dispositionWords[x.level]}, from ${formatShortDate(x.since)})`, {
      bold: true,
      maxLines: 2,
    });
    col.text(x.reason, { maxLines: 4, indent: 4 });
  }
  col.more(escalations.length, s.escalations.length, 'alerts');

  if (s.notes.length > 0) {
    col.heading(headings.notes);
    const notes = s.notes.slice(0, pdfLimits.notes);
    for (const n of notes) col.text(`${formatShortDate(n.date)}: ${n.text}`, { maxLines: 3 });
    col.more(notes.length, s.notes.length, 'notes');
  }
}

function rightColumn(col: Column, s: DoctorSummary): void {
  col.heading(headings.triage);
  const [latest, ...rest] = s.assessments;
  if (latest === undefined) col.text('The warning-sign questionnaire has not been answered.');
  else {
    const level = latest.disposition === 'emergency' || latest.disposition === 'urgent' ? warn : ink;
    col.text(
      `Latest, ${formatDate(latest.date)} ${latest.time}: ${latest.headline} (${dispositionWords[latest.disposition]})`,
      {
        bold: true,
        color: level,
        maxLines: 2,
      },
    );
    const reasons = latest.reasons.slice(0, pdfLimits.reasons);
    for (const r of reasons) col.text(`• ${r.text}`, { maxLines: 3, indent: 4 });
    col.more(reasons.length, latest.reasons.length, 'reasons');
    if (latest.redFlagAnswers.length > 0) {
      col.gap(2);
      col.text('Answers that raised a warning:', { size: size.small, color: muted });
      const answers = latest.redFlagAnswers.slice(0, pdfLimits.redFlagAnswers);
      // The full question when there is room for it; one line each when many answers compete for the space.
      const questionLines = answers.length <= 4 ? 2 : 1;
      for (const a of answers) {
        col.text(`${a.label}: ${a.text}`, { bold: true, indent: 4, maxLines: 2 });
        col.text(`Q${a.number}. ${a.question}`, {
          size: size.small,
          color: muted,
          indent: 10,
          maxLines: questionLines,
        });
      }
      col.more(answers.length, latest.redFlagAnswers.length, 'answers');
    }
    const earlier = rest.slice(0, pdfLimits.earlierChecks);
    if (earlier.length > 0) {
      col.gap(2);
      col.text('Earlier checks:', { size: size.small, color: muted });
      for (const a of earlier) {
        const answers =
          a.redFlagAnswers.length === 0
            ? 'no warning answers'
            : a.redFlagAnswers.map((r) => `${r.label}: ${r.text}`).join('; ');
        col.text(`${formatShortDate(a.date)} · ${dispositionWords[a.disposition]} · ${answers}`, {
          maxLines: 2,
          indent: 4,
        });
      }
      col.more(earlier.length, rest.length, 'checks');
    }
  }

  col.heading(headings.questions);
  const questions = s.questions.slice(0, pdfLimits.questions);
  questions.forEach((q, i) => col.text(`${i + 1}. ${q.text}`, { maxLines: 2 }));
  col.more(questions.length, s.questions.length, 'questions');
}

/**
 * The summary as a one-page A4 PDF with the given font embedded. Deterministic: the document dates come from
 * `summary.generatedAt`, so the same summary and font give the same bytes.
 *
 * @param options.fontBytes the regular face, required because core cannot read files.
 * @param options.boldFontBytes the bold face; optional.
 */
export async function summaryToPdf(summary: DoctorSummary, options: SummaryPdfOptions): Promise<Uint8Array> {
  const s = summary;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regularFont = await doc.embedFont(options.fontBytes, { subset: true });
  const boldFont =
    options.boldFontBytes === undefined
      ? regularFont
      : await doc.embedFont(options.boldFontBytes, { subset: true });
  const regular = face(regularFont);
  const bold = face(boldFont);
  const fonts = { regular, bold };
  const when = new Date(s.generatedAt);
  doc.setTitle(`${headings.title}, began ${formatDate(s.episode.onsetDate)}`);
  doc.setSubject('Patient-reported back pain summary: not a diagnosis');
  doc.setCreator('unknot');
  doc.setProducer('unknot (pdf-lib)');
  doc.setLanguage('en');
  doc.setCreationDate(when);
  doc.setModificationDate(when);

  const page = doc.addPage(A4);
  const [W, H] = A4;
  const contentWidth = W - 2 * margin;
  const top = H - margin;
  const text = (t: string, x: number, y: number, f: Face, sz: number, color: RGB = ink): void => {
    page.drawText(drawableText(f.text, t), { x, y, size: sz, font: f.pdf, color });
  };

  // Header: title, when it was made, and the notice with a bar beside it.
  text(headings.title, margin, top - size.title, bold, size.title);
  const made = drawableText(regular.text, `${generatedText(s)} · days in ${s.episode.timeZone}`);
  text(
    made,
    W - margin - regularFont.widthOfTextAtSize(made, size.small),
    top - size.title,
    regular,
    size.small,
    muted,
  );
  const notice = new Column(page, fonts, {
    x: margin + 6,
    y: top - size.title - 4,
    width: contentWidth - 6,
    bottom: 0,
  });
  notice.text(s.notice, { bold: true, maxLines: 2 });
  page.drawRectangle({
    x: margin,
    y: notice.y,
    width: 2.5,
    height: top - size.title - 6 - notice.y,
    color: amber,
  });

  // Band: the episode on the left, the chart on the right.
  const bandTop = notice.y - 4;
  const leftWidth = 232;
  const rightX = margin + leftWidth + gutter;
  const rightWidth = contentWidth - leftWidth - gutter;
  const facts = new Column(page, fonts, { x: margin, y: bandTop, width: leftWidth, bottom: 0 });
  facts.heading(headings.episode);
  const rows = episodeRows(s);
  const keyWidth = 72;
  for (const [key, value] of rows) {
    const y = facts.y;
    text(key, margin, y - size.body * leading + (size.body * leading - size.body), bold, size.body);
    const valueCol = new Column(page, fonts, {
      x: margin + keyWidth,
      y: y,
      width: leftWidth - keyWidth,
      bottom: 0,
    });
    valueCol.text(value, { maxLines: 3 });
    facts.y = valueCol.y - 1.5;
  }

  const chartCol = new Column(page, fonts, { x: rightX, y: bandTop, width: rightWidth, bottom: 0 });
  chartCol.heading(headings.chart);
  const chartHeight = 118;
  drawChart(page, s, regular, rightX, chartCol.y - 2, rightWidth, chartHeight);
  chartCol.y -= chartHeight + 2;
  chartCol.text('Solid: worst rating each day (0–10). Dashed: 3-day average.', {
    size: size.small,
    color: muted,
  });
  chartCol.text(
    [checkPainText(s.pain), trendText(s.pain), highestText(s.pain), sleepText(s.pain)]
      .filter((t) => t !== '')
      .join(' '),
    {
      size: size.small,
      maxLines: 3,
    },
  );

  // Two columns below the band, and the footer.
  // Room for two small lines of footer above the bottom margin.
  const footerTop = margin + 2 * size.small * leading + 2;
  const columnsTop = Math.min(facts.y, chartCol.y) - 6;
  const columnWidth = (contentWidth - gutter) / 2;
  const bottom = footerTop + size.small * leading + 2;
  leftColumn(new Column(page, fonts, { x: margin, y: columnsTop, width: columnWidth, bottom: bottom }), s);
  rightColumn(
    new Column(page, fonts, {
      x: margin + columnWidth + gutter,
      y: columnsTop,
      width: columnWidth,
      bottom: bottom,
    }),
    s,
  );

  page.drawLine({
    start: { x: margin, y: footerTop },
    end: { x: W - margin, y: footerTop },
    thickness: 0.5,
    color: gridGrey,
  });
  const footer = new Column(page, fonts, { x: margin, y: footerTop - 1, width: contentWidth, bottom: 0 });
  footer.text(`${s.notice} Page 1 of 1.`, { size: size.small, color: muted, maxLines: 2 });

  return doc.save();
}
