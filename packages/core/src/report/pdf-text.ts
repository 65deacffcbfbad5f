/**
 * Text for the PDF: characters the font cannot draw replaced by a visible placeholder (never an exception), and
 * lines wrapped and cut to a width so nothing runs off the page. Separate from the drawing so it can be tested
 * with any font or a fake one.
 */

/** What the text functions need from a font: widths, and which code points it has glyphs for. */
export interface TextFont {
  widthOfTextAtSize(text: string, size: number): number;
  /** Code points with a glyph. */
  has(codePoint: number): boolean;
}

/** Shown for a character the font lacks, when the font has it (DejaVu Sans does). */
export const replacementChar = '\uFFFD';
/** The fallback when the font lacks even the replacement character. */
const lastResort = '?';

export const ellipsis = '\u2026';

/**
 * Text the font can draw: line breaks, tabs and other control characters become spaces, runs of spaces collapse,
 * and each character without a glyph becomes U+FFFD (or `?`), so a name in a script the font does not cover shows
 * as placeholders instead of silently vanishing or stopping the export.
 */
export function drawableText(font: TextFont, text: string): string {
  const placeholder = font.has(replacementChar.codePointAt(0) ?? 0) ? replacementChar : lastResort;
  let out = '';
  for (const char of text.normalize('NFC')) {
    const cp = char.codePointAt(0) ?? 0;
    // C0 and C1 controls, and the Unicode line and paragraph separators.
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x2028 || cp === 0x2029) out += ' ';
    // Zero-width and bidi formatting marks have no glyph to show and nothing to replace.
    else if ((cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || cp === 0xfeff) continue;
    else out += font.has(cp) ? char : placeholder;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** User-perceived characters, so a cut never separates a letter from its accent or splits an emoji. */
function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The longest prefix of `text` that, with `suffix`, fits `width`. */
function fitPrefix(font: TextFont, text: string, size: number, width: number, suffix: string): string {
  const chars = graphemes(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (font.widthOfTextAtSize(chars.slice(0, mid).join('') + suffix, size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('');
}

/** One line: the text itself when it fits, else cut with an ellipsis. */
export function truncateLine(font: TextFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  return fitPrefix(font, text, size, width, ellipsis).trimEnd() + ellipsis;
}

/**
 * Wraps drawable text into lines no wider than `width`, breaking at spaces and, for a word longer than a line,
 * inside the word. At most `maxLines` lines; if the text needs more, the last line ends with an ellipsis.
 */
export function wrapText(
  font: TextFont,
  text: string,
  size: number,
  width: number,
  maxLines = Infinity,
): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (t: string) => font.widthOfTextAtSize(t, size) <= width;
  const words = text.split(' ').filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    let word = words[i] ?? '';
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    while (!fits(word)) {
      const head = fitPrefix(font, word, size, width, '');
      // A single glyph wider than the line still goes on a line of its own rather than looping forever.
      const take = head === '' ? (graphemes(word)[0] ?? '') : head;
      lines.push(take);
      word = word.slice(take.length);
    }
    line = word;
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept.length - 1;
  // The cut line always ends in the ellipsis: either it fits after the text, or the text is shortened for it.
  kept[last] = truncateLine(font, `${kept[last] ?? ''}${ellipsis}`, size, width);
  return kept;
}
