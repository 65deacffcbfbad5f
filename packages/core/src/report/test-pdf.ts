/**
 * Test-only helpers for the PDF tests: the DejaVu fonts from node_modules, and poppler's command-line tools
 * (pdftoppm, pdftotext) to render and read a page the way a viewer would.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fontDir = new URL('../../../../node_modules/dejavu-fonts-ttf/ttf/', import.meta.url);

export const fontBytes = new Uint8Array(readFileSync(new URL('DejaVuSans.ttf', fontDir)));
export const boldFontBytes = new Uint8Array(readFileSync(new URL('DejaVuSans-Bold.ttf', fontDir)));

export const pdftoppm = '/usr/bin/pdftoppm';
export const pdftotext = '/usr/bin/pdftotext';
export const hasPdftoppm = existsSync(pdftoppm);
export const hasPdftotext = existsSync(pdftotext);

/** Runs `fn` with a fresh temporary folder holding `summary.pdf`, then removes the folder. */
export function withPdfFile<T>(pdf: Uint8Array, fn: (dir: string, path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'unknot-report-'));
  try {
    const path = join(dir, 'summary.pdf');
    writeFileSync(path, pdf);
    return fn(dir, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders page 1 to PNG at 50 dpi, as the brief asks; returns the PNG's size in bytes (0 if none was made). */
export function renderPngSize(pdf: Uint8Array): number {
  return withPdfFile(pdf, (dir, path) => {
    execFileSync(pdftoppm, ['-png', '-r', '50', '-f', '1', '-l', '1', path, join(dir, 'page')]);
    const png = join(dir, 'page-1.png');
    if (!existsSync(png)) return 0;
    const bytes = readFileSync(png);
    // A PNG starts with its 8-byte signature; anything else is not an image.
    return bytes.subarray(1, 4).toString('latin1') === 'PNG' ? statSync(png).size : 0;
  });
}

/** Renders page 1 in grey at 50 dpi and counts pixels darker than near-white: ink on the page. */
export function inkedPixels(pdf: Uint8Array): { width: number; height: number; inked: number } {
  return withPdfFile(pdf, (dir, path) => {
    execFileSync(pdftoppm, ['-gray', '-r', '50', '-f', '1', '-l', '1', path, join(dir, 'page')]);
    const pgm = readFileSync(join(dir, 'page-1.pgm'));
    // Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
    if (header === null) throw new Error('pdftoppm did not write a binary PGM');
    const [whole, w, h] = header;
    const pixels = pgm.subarray(whole.length);
    let inked = 0;
    for (const value of pixels) if (value < 200) inked++;
    return { width: Number(w), height: Number(h), inked };
  });
}

/** The text of page 1 as poppler extracts it (through the font's ToUnicode map). */
export function pageText(pdf: Uint8Array): string {
  return withPdfFile(pdf, (_dir, path) =>
    execFileSync(pdftotext, ['-f', '1', '-l', '1', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }),
  );
}

export interface WordBox {
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word on page 1 with its box in points, top-left origin (poppler's `pdftotext -bbox`). */
export function wordBoxes(pdf: Uint8Array): WordBox[] {
  const html = withPdfFile(pdf, (_dir, path) =>
    execFileSync(pdftotext, ['-bbox', '-f', '1', '-l', '1', '-enc', 'UTF-8', path, '-'], {
      encoding: 'utf8',
    }),
  );
  const boxes: WordBox[] = [];
  for (const m of html.matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    boxes.push({
      word: m[5] ?? '',
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
    });
  }
  return boxes;
}
