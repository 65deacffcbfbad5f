/**
 * Test-only helpers: read the clinical specs in `<repo>/../shared` (a sibling of the repo, not part of it) and
 * walk data for strings. Uses node:fs, which core's shipped code may not, so it is named test-*.ts.
 *
 * The spec parsers here are written independently of scripts/gen-knowledge.ts on purpose: the drift tests then
 * compare the generated data with a second reading of the spec, not with the generator's own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { shownSeedTitle } from './spec-rewrites.ts';

/** `<repo>/../shared`, reached from packages/core/src/knowledge/. */
export const sharedDir = fileURLToPath(new URL('../../../../../shared/', import.meta.url));

export interface SharedFile {
  readonly path: string;
  readonly present: boolean;
  /** The file's text; throws when it is absent (guard with `present`). */
  readonly read: () => string;
}

/**
 * A file under shared/. When it is absent, says so once on the console, so that a skipped suite is never silent.
 */
export function sharedFile(relative: string, usedFor: string): SharedFile {
  const path = `${sharedDir}${relative}`;
  const present = existsSync(path);
  if (!present)
    console.warn(`[knowledge tests] skipping ${usedFor}: ${path} not found (shared/ is not beside the repo)`);
  let text: string | undefined;
  return {
    path,
    present,
    read: () => (text ??= readFileSync(path, 'utf8')),
  };
}

/** Text from the line that starts with `from` up to the next line that starts with `to`. */
export function between(markdown: string, from: string, to: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(from));
  const end = lines.findIndex((line, i) => i > start && line.startsWith(to));
  if (start < 0 || end < 0) throw new Error(`cannot find the text between "${from}" and "${to}"`);
  return lines.slice(start + 1, end).join('\n');
}

/** The cells of every row of the Markdown tables in `text`, header and separator rows included. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

/** knowledge-base.md §2: each ```yaml block parsed as one document. */
export function specCatalogue(markdown: string): unknown[] {
  const catalogue = between(markdown, '## 2. Catalogue', '## 3. Disagreements');
  return [...catalogue.matchAll(/^```yaml$([\s\S]*?)^```$/gm)].map((match) => {
    const docs = parseAllDocuments(match[1] ?? '');
    if (!Array.isArray(docs) || docs.length !== 1)
      throw new Error('each §2 block holds exactly one YAML document');
    const [doc] = docs;
    if (doc === undefined || doc.errors.length > 0) throw new Error(`YAML error: ${String(doc?.errors[0])}`);
    return doc.toJS() as unknown;
  });
}

export interface IndexRow {
  readonly id: string;
  readonly kind: string;
  /** The display column as written, e.g. "recommend (emergency)" or "option (recommend in recovery, prevention)". */
  readonly display: string;
  /** The phases column, "all" expanded. */
  readonly phases: readonly string[];
}

/** knowledge-base.md §2.12, the index table. */
export function specIndex(markdown: string): IndexRow[] {
  const rows = tableRows(between(markdown, '### 2.12 Index', 'Totals:'));
  return rows
    .filter(([id]) => id !== undefined && /^[a-z]+-[a-z0-9-]+$/.test(id))
    .map(([id = '', kind = '', display = '', phases = '']) => ({
      id,
      kind,
      display,
      phases: phases === 'all' ? ['acute', 'subacute', 'recovery', 'prevention'] : phases.split(', '),
    }));
}

/** knowledge-base.md §0.2: code → the "what it supports" text and the addresses. */
export function specEvidenceCodes(markdown: string): Map<string, { summary: string; urls: string[] }> {
  const rows = tableRows(between(markdown, '### 0.2', '## 1. Content model'));
  const codes = new Map<string, { summary: string; urls: string[] }>();
  for (const [code = '', summary = '', address = ''] of rows) {
    if (!/^[A-Z][A-Z0-9-]+$/.test(code)) continue;
    codes.set(code, { summary, urls: address.match(/https?:\/\/\S+/g) ?? [] });
  }
  return codes;
}

/**
 * knowledge-base.md §0.1: file name → the text of its row in the first table, the one with the heading
 * structure (for checking section labels against it). Spec 1.1 adds a second table of display titles below it.
 */
export function specSeedRows(markdown: string): Map<string, string> {
  const rows = tableRows(between(markdown, '### 0.1', '**What the app shows for a source article'));
  const seeds = new Map<string, string>();
  for (const row of rows) {
    const file = /^`(\d{3}_[0-9a-f]+\.txt)`$/.exec(row[0] ?? '')?.[1];
    if (file !== undefined) seeds.set(file, row.join(' | '));
  }
  return seeds;
}

/** knowledge-base.md §0.1, the second table (spec 1.1): file name → display title and kind. */
export function specSeedTitles(markdown: string): Map<string, { title: string; kind: string }> {
  const rows = tableRows(between(markdown, '**What the app shows for a source article', '### 0.2'));
  const titles = new Map<string, { title: string; kind: string }>();
  for (const [file = '', title = '', kind = ''] of rows) {
    const name = /^`(\d{3}_[0-9a-f]+\.txt)`$/.exec(file)?.[1];
    if (name !== undefined) titles.set(name, { title: shownSeedTitle(title), kind });
  }
  return titles;
}

/** knowledge-base.md §4.3: the blocklist terms and the phone-number pattern. */
export function specBlocklist(markdown: string): { terms: string[]; phone: RegExp } {
  const section = between(markdown, '### 4.3', '## 5.');
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const phone = /Regex: `([^`]+)`/.exec(section)?.[1];
  if (phone === undefined) throw new Error('§4.3: no phone regex');
  return {
    terms: block
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    phone: new RegExp(phone),
  };
}

export interface TriageRuleRow {
  readonly id: string;
  readonly disposition: string;
}

/** triage.md §3.3: every rule id with its disposition. */
export function triageRules(markdown: string): TriageRuleRow[] {
  const rows = tableRows(between(markdown, '### 3.3', '### 3.4'));
  return rows.flatMap(([id = '', , disposition = '']) => {
    const rule = /^`([a-z0-9_]+)`$/.exec(id)?.[1];
    return rule === undefined ? [] : [{ id: rule, disposition }];
  });
}

export interface FoundString {
  /** Where the string sits, e.g. `tx-ice.protocol.steps[1]`. */
  readonly path: string;
  readonly text: string;
}

/** Every string value inside `value` (object keys are not content and are skipped), with its path. */
export function findStrings(value: unknown, path = ''): FoundString[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value))
    return value.flatMap((item: unknown, i) => findStrings(item, `${path}[${String(i)}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      findStrings(item, path === '' ? key : `${path}.${key}`),
    );
  }
  return [];
}

/** Every string value inside `value`, in document order. */
export function collectStrings(value: unknown): string[] {
  return findStrings(value).map((found) => found.text);
}
