import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { summaryToPdf } from './pdf.ts';
import { drawableText, ellipsis, replacementChar, wrapText, type TextFont } from './pdf-text.ts';
import { buildSummary } from './summary.ts';
import { makeAssessment, makeDiary, makeEpisode, makeInput, makeSessions, uuid7 } from './test-factories.ts';
import {
  boldFontBytes,
  fontBytes,
  hasPdftoppm,
  hasPdftotext,
  inkedPixels,
  pageText,
  renderPngSize,
  wordBoxes,
} from './test-pdf.ts';
import type { DoctorSummary } from './types.ts';

/** A font with no CJK glyphs, every glyph half an em wide. */
const fakeFont = (hasReplacement = true): TextFont => ({
  widthOfTextAtSize: (text, size) => Array.from(text).length * size * 0.5,
  has: (cp) => (cp === 0xfffd ? hasReplacement : cp < 0x2e80),
});

const mixedScripts = 'Zoë – 背痛? Ωμέγα';

/** A summary with long and non-Latin text everywhere and far more records than a page holds. */
function crowdedSummary(): DoctorSummary {
  const episode = makeEpisode({
    onsetDate: '2026-09-20',
    location: 'upper',
    trigger: 'minor_fall',
    knownConditions: ['osteoporosis'],
  });
  const long = `${mixedScripts} Привет ${'a long sentence that goes on '.repeat(40)}`;
  const entries = makeDiary(episode, 53).map((e, i) => ({
    ...e,
    note: long,
    worse: { known: e.worse?.known ?? [], text: `${i} ${long}` },
    medicines: [{ name: `medicine${i} ${'x'.repeat(60)}`, dose: long }],
  }));
  const sessions = Array.from({ length: 30 }, (_, i) => ({
    ...(makeSessions(episode)[i % 3] as ReturnType<typeof makeSessions>[number]),
    id: uuid7(900 + i, '0190c000'),
    stopReason: long,
  }));
  const assessments = [
    makeAssessment(
      {
        age: 70,
        days_since_onset: 52,
        location: 'upper',
        trigger: 'minor_fall',
        saddle_numbness: true,
        bladder_problems: true,
        fever_or_unwell: true,
        leg_weakness: 'one_leg',
        pain_below_knee: 'both_legs',
        cancer_history: true,
        night_pain: true,
        weight_loss: true,
        osteoporosis_or_steroids: true,
        pain_score: 9,
      },
      1,
      '2026-11-11T10:00:00.000Z',
    ),
    ...[2, 3, 4, 5, 6].map((n) => makeAssessment({ vomiting: true }, n, `2026-10-0${n}T10:00:00.000Z`)),
  ];
  return buildSummary(makeInput({ episode, entries, sessions, assessments }));
}

const summary = buildSummary(makeInput());
const pdf = await summaryToPdf(summary, { fontBytes, boldFontBytes });
const crowded = await summaryToPdf(crowdedSummary(), { fontBytes, boldFontBytes });

describe('drawableText', () => {
  it('replaces characters the font lacks with U+FFFD, and keeps the rest', () => {
    expect(drawableText(fakeFont(), mixedScripts)).toBe(`Zoë – ${replacementChar}${replacementChar}? Ωμέγα`);
  });

  it('falls back to "?" when the font lacks U+FFFD too', () => {
    expect(drawableText(fakeFont(false), '背')).toBe('?');
  });

  it('turns line breaks, tabs and control characters into single spaces and drops zero-width marks', () => {
    expect(drawableText(fakeFont(), ' a\r\n\tb\u0007c\u200bd\u2028e ')).toBe('a b cd e');
  });

  it('never throws and never keeps a character without a glyph', () => {
    const font = fakeFont();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = drawableText(font, text);
        for (const char of out) expect(font.has(char.codePointAt(0) ?? 0)).toBe(true);
      }),
    );
  });
});

describe('wrapText', () => {
  const font = fakeFont();
  const width = 50; // ten characters at size 10

  it('wraps at spaces', () => {
    expect(wrapText(font, 'one two three four five', 10, width)).toEqual(['one two', 'three four', 'five']);
  });

  it('breaks a word longer than a line', () => {
    expect(wrapText(font, 'abcdefghijklmnopqrstuvwxyz', 10, width)).toEqual([
      'abcdefghij',
      'klmnopqrst',
      'uvwxyz',
    ]);
  });

  it('ends a cut text with an ellipsis', () => {
    const lines = wrapText(font, 'one two three four five six seven', 10, width, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith(ellipsis)).toBe(true);
  });

  it('keeps every line within the width and loses no character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (raw, chars) => {
        const text = drawableText(font, raw);
        const lines = wrapText(font, text, 10, chars * 5);
        for (const line of lines) expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(chars * 5);
        expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
      }),
    );
  });
});

describe('summaryToPdf', () => {
  it('makes one A4 page', async () => {
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  // Long notes, 53 days, 30 sessions and an emergency with many warning answers: the lists are cut, the page stays one.
  it('keeps to one page however much there is to say', async () => {
    expect((await PDFDocument.load(crowded)).getPageCount()).toBe(1);
  });

  it('dates the document from generatedAt and titles it', async () => {
    // Loading would stamp the current time unless told not to.
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe(summary.generatedAt);
    expect(doc.getModificationDate()?.toISOString()).toBe(summary.generatedAt);
    expect(doc.getTitle()).toBe('Back pain: summary for the doctor, began 3 Nov 2026');
  });

  it('gives the same bytes for the same summary', async () => {
    const again = await summaryToPdf(buildSummary(makeInput()), { fontBytes, boldFontBytes });
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });

  it('works without a bold face', async () => {
    const regularOnly = await summaryToPdf(summary, { fontBytes });
    expect((await PDFDocument.load(regularOnly)).getPageCount()).toBe(1);
  });

  it.skipIf(!hasPdftotext)(
    'embeds the font so accented, Greek and Cyrillic text reads back, and CJK shows as U+FFFD',
    () => {
      const text = pageText(crowded);
      expect(text).toContain('Zoë –');
      expect(text).toContain('Ωμέγα');
      expect(text).toContain('Привет');
      expect(text).toContain(`${replacementChar}${replacementChar}?`);
      expect(text).not.toContain('背');
    },
  );

  // Every word poppler finds lies inside the 30 pt margins: nothing was drawn off the page or across its edge.
  it.skipIf(!hasPdftotext)('keeps every word inside the margins, however long the text', () => {
    for (const bytes of [pdf, crowded]) {
      const boxes = wordBoxes(bytes);
      expect(boxes.length).toBeGreaterThan(300);
      for (const b of boxes) {
        expect(b.xMin).toBeGreaterThanOrEqual(29.5);
        expect(b.xMax).toBeLessThanOrEqual(595.28 - 29.5);
        expect(b.yMin).toBeGreaterThanOrEqual(29.5);
        expect(b.yMax).toBeLessThanOrEqual(841.89 - 29.5);
      }
    }
  });

  it.skipIf(!hasPdftotext)('has the sections a doctor asked for', () => {
    const text = pageText(pdf);
    for (const s of [
      'The episode',
      'Pain, day by day',
      'What makes it worse',
      'What eases it',
      'What has been tried',
      'Guided sessions',
      'Medicines taken',
      'Warning-sign checks',
      'Alerts the app showed',
      'Questions to ask',
      'not a diagnosis',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('Pain below the knee: Yes, in one leg');
    expect(text).toContain('5 → 7 (+2)');
  });

  it.skipIf(!hasPdftotext)('shows the age, the first check pain score and whole session names', () => {
    const text = pageText(pdf).replaceAll(/\s+/g, ' ');
    expect(text).toMatch(/The episode Age .*46 years/);
    expect(text).toContain('Ring: 7/10');
    for (const session of summary.sessions.slice(0, 3)) expect(text).toContain(session.title);
  });
});

// pdftoppm renders the page the way a viewer would; without it (no poppler-utils) these checks cannot run.
describe.skipIf(!hasPdftoppm)('summaryToPdf rendered by pdftoppm', () => {
  it('renders page 1 to a PNG', () => {
    expect(renderPngSize(pdf)).toBeGreaterThan(5_000);
  });

  it('puts ink on the page, but does not black it out', () => {
    for (const bytes of [pdf, crowded]) {
      const { width, height, inked } = inkedPixels(bytes);
      // 50 dpi of A4 (8.27 × 11.69 in), give or take a pixel of rounding.
      expect(Math.abs(width - 413)).toBeLessThanOrEqual(1);
      expect(Math.abs(height - 585)).toBeLessThanOrEqual(1);
      const share = inked / (width * height);
      expect(share).toBeGreaterThan(0.01);
      expect(share).toBeLessThan(0.3);
    }
  });
});

if (!hasPdftoppm)
  console.warn(
    '[report tests] skipping the pdftoppm checks: /usr/bin/pdftoppm not found (install poppler-utils)',
  );
if (!hasPdftotext)
  console.warn(
    '[report tests] skipping the pdftotext checks: /usr/bin/pdftotext not found (install poppler-utils)',
  );
