/**
 * Generates the knowledge-base data of @unknot/core from the clinical spec.
 *
 *   shared/clinical/knowledge-base.md §2 (80 YAML blocks) → packages/core/src/knowledge/entries.ts
 *   shared/clinical/knowledge-base.md §0.2 (evidence table) → packages/core/src/knowledge/evidence-codes.ts
 *   shared/clinical/knowledge-base.md §0.1 (display titles) → packages/core/src/knowledge/seed-titles.ts
 *
 * Usage (from the repo root):
 *   node scripts/gen-knowledge.ts            write both files (formatted with the repo's Prettier config)
 *   node scripts/gen-knowledge.ts --check    exit 1 if either file differs from what the spec gives
 *   node scripts/gen-knowledge.ts --spec P   read the spec from P instead of ../shared/clinical/knowledge-base.md
 *
 * The conversion is literal: text and numbers are copied from the spec (whose wording is already ours), keys
 * are put in the order of §1.1, and optional fields that a block leaves out stay out. An unknown key stops the
 * run, so a change to the content model is noticed here rather than silently dropped. Two rewrites of spec 1.1
 * follow (core's knowledge/spec-rewrites.ts): file names in texts become display titles, and editor notes move
 * to `editorial`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { parse } from 'yaml';
import {
  evidenceTitle,
  shownSeedTitle,
  toUserEntry,
  unusedEditorNotes,
} from '../packages/core/src/knowledge/spec-rewrites.ts';
import { protocolRangeFields } from '../packages/core/src/knowledge/types.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'packages/core/src/knowledge');

/** Key order of each object kind, as in §1.1. A key outside these lists is an error. */
const ENTRY_KEYS = [
  'id',
  'kind',
  'title',
  'summary',
  'phases',
  'protocol',
  'cautions',
  'contraindications',
  'suits',
  'caution_with',
  'avoid_with',
  'sources',
  'agreement',
  'evidence',
  'display',
  'display_by_phase',
  'display_note',
  'escalation',
  'triage_rules',
  'origin',
  'related',
];
const PROTOCOL_KEYS = [
  'steps',
  'on_s',
  'off_s',
  'hot_s',
  'cold_s',
  'cycles',
  'hold_s',
  'reps',
  'reps_per_side',
  'sets',
  'sessions_per_week',
  'session_min',
  'per_day',
  'window_h',
  'prep_s',
  'sleep_h',
  'max_days',
  'progression',
  'source_variants',
  'spec_default',
];
const RANGE_KEYS = ['min', 'max', 'default'];
const RANGE_FIELDS = new Set<string>([...protocolRangeFields, 'cycles']);
const NESTED_KEYS: Record<string, string[]> = {
  agreement: ['mentioned_by', 'conflict', 'note'],
  evidence: ['certainty', 'direction', 'guideline', 'summary', 'refs'],
  source: ['file', 'section'],
  source_variant: ['file', 'note'],
  display_by_phase: ['acute', 'subacute', 'recovery', 'prevention'],
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ordered(value: Json, keys: readonly string[], where: string): JsonObject {
  if (!isObject(value)) throw new Error(`${where}: expected a mapping`);
  const unknown = Object.keys(value).filter((key) => !keys.includes(key));
  if (unknown.length > 0) throw new Error(`${where}: unknown key(s) ${unknown.join(', ')}`);
  const out: JsonObject = {};
  for (const key of keys) {
    const item = value[key];
    if (item !== undefined) out[key] = item;
  }
  return out;
}

function list(value: Json | undefined, where: string): Json[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list`);
  return value;
}

function normaliseProtocol(value: Json, where: string): Json {
  if (value === null) return null;
  const protocol = ordered(value, PROTOCOL_KEYS, where);
  for (const [key, item] of Object.entries(protocol)) {
    if (RANGE_FIELDS.has(key) && isObject(item)) protocol[key] = ordered(item, RANGE_KEYS, `${where}.${key}`);
  }
  if (protocol.source_variants !== undefined) {
    protocol.source_variants = list(protocol.source_variants, `${where}.source_variants`).map((variant, i) =>
      ordered(variant, NESTED_KEYS.source_variant ?? [], `${where}.source_variants[${String(i)}]`),
    );
  }
  return protocol;
}

function normaliseEntry(doc: Json, index: number): JsonObject {
  const where = `§2 block ${String(index + 1)}`;
  const entry = ordered(doc, ENTRY_KEYS, where);
  const id = typeof entry.id === 'string' ? entry.id : where;
  entry.protocol = normaliseProtocol(entry.protocol ?? null, `${id}.protocol`);
  entry.sources = list(entry.sources, `${id}.sources`).map((source, i) =>
    ordered(source, NESTED_KEYS.source ?? [], `${id}.sources[${String(i)}]`),
  );
  entry.agreement = ordered(entry.agreement ?? null, NESTED_KEYS.agreement ?? [], `${id}.agreement`);
  entry.evidence = ordered(entry.evidence ?? null, NESTED_KEYS.evidence ?? [], `${id}.evidence`);
  if (entry.display_by_phase !== undefined) {
    entry.display_by_phase = ordered(
      entry.display_by_phase,
      NESTED_KEYS.display_by_phase ?? [],
      `${id}.display_by_phase`,
    );
  }
  return entry;
}

/** The text between a heading that starts with `from` and the next heading that starts with `to`. */
function sectionOf(markdown: string, from: string, to: string): string {
  const start = markdown.indexOf(`\n${from}`);
  const end = markdown.indexOf(`\n${to}`, start + 1);
  if (start < 0 || end < 0) throw new Error(`spec: cannot find the section between "${from}" and "${to}"`);
  return markdown.slice(start, end);
}

export function parseCatalogue(markdown: string, titles: ReadonlyMap<string, string>): JsonObject[] {
  const catalogue = sectionOf(markdown, '## 2. Catalogue', '## 3. Disagreements');
  const blocks = [...catalogue.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const entries = blocks.map(
    (block, i) => toUserEntry(normaliseEntry(parse(block) as Json, i), titles) as JsonObject,
  );
  const unused = unusedEditorNotes(entries);
  if (unused.length > 0) throw new Error(`editor notes no longer in the spec: ${unused.join(' | ')}`);
  return entries;
}

export interface ParsedSeedTitle {
  file: string;
  title: string;
  kind: string;
}

/** §0.1, the second table: how the app names each source article. */
export function parseSeedTitles(markdown: string): ParsedSeedTitle[] {
  const table = sectionOf(markdown, '### 0.1', '### 0.2');
  const rows: ParsedSeedTitle[] = [];
  for (const line of table.split('\n')) {
    const cells = /^\| `(\d{3}_[0-9a-f]{16}\.txt)` \| ([^|]+) \| ([^|]+) \|$/.exec(line.trim());
    if (cells)
      rows.push({
        file: cells[1] ?? '',
        title: shownSeedTitle((cells[2] ?? '').trim()),
        kind: (cells[3] ?? '').trim(),
      });
  }
  if (rows.length === 0) throw new Error('§0.1: no display-title table');
  return rows;
}

export interface ParsedEvidenceCode {
  code: string;
  summary: string;
  urls: string[];
}

export function parseEvidenceCodes(markdown: string): ParsedEvidenceCode[] {
  const table = sectionOf(markdown, '### 0.2', '## 1. Content model');
  const rows: ParsedEvidenceCode[] = [];
  for (const line of table.split('\n')) {
    const cells = /^\| ([A-Z][A-Z0-9-]*) \| (.+) \| (.+) \|$/.exec(line.trim());
    if (!cells) continue;
    const [, code = '', summary = '', address = ''] = cells;
    const urls = address.match(/https?:\/\/\S+/g) ?? [];
    if (urls.length === 0) throw new Error(`§0.2 ${code}: no address`);
    rows.push({ code, summary: summary.trim(), urls });
  }
  return rows;
}

/** A TypeScript literal for a JSON value; Prettier lays it out afterwards. */
function literal(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  const props = Object.entries(value).map(([key, item]) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
    return `${name}: ${literal(item)}`;
  });
  return `{ ${props.join(', ')} }`;
}

const HEADER = (what: string): string =>
  [
    `// Generated by scripts/gen-knowledge.ts from shared/clinical/knowledge-base.md ${what}. Do not edit by hand:`,
    '// change the spec, then run `node scripts/gen-knowledge.ts`. spec-drift.test.ts compares this file with the spec.',
    '',
  ].join('\n');

function entriesSource(entries: JsonObject[]): string {
  return [
    HEADER('§2'),
    "import type { Entry } from './types.ts';",
    '',
    "/** All catalogue entries of the spec (§2), in the spec's order. */",
    `export const knowledgeEntries: readonly Entry[] = ${literal(entries)};`,
    '',
  ].join('\n');
}

function evidenceCodesSource(codes: ParsedEvidenceCode[]): string {
  const ids = codes.map((code) => code.code);
  const byId: JsonObject = {};
  for (const code of codes)
    byId[code.code] = {
      title: evidenceTitle(code.code, code.summary),
      summary: code.summary,
      url: code.urls[0] ?? '',
      urls: code.urls,
    };
  return [
    HEADER('§0.2'),
    '/** What an external reference supports (in our words), and where it can be read. */',
    'export interface EvidenceCode {',
    '  /** What a person reads for the reference: its title and publisher (spec 1.1 §0.1). */',
    '  readonly title: string;',
    '  readonly summary: string;',
    '  /** The main address (the first one the spec gives). */',
    '  readonly url: string;',
    '  /** Every address the spec gives, `url` first (COCH-YOGA has two). */',
    '  readonly urls: readonly string[];',
    '}',
    '',
    "/** Every evidence code of §0.2, in the spec's order. */",
    `export const evidenceCodeIds = ${literal(ids)} as const;`,
    '',
    'export type EvidenceCodeId = (typeof evidenceCodeIds)[number];',
    '',
    `export const evidenceCodes: Readonly<Record<EvidenceCodeId, EvidenceCode>> = ${literal(byId)};`,
    '',
  ].join('\n');
}

function seedTitlesSource(titles: ParsedSeedTitle[]): string {
  const byFile: JsonObject = {};
  for (const row of titles) byFile[row.file] = { title: row.title, kind: row.kind };
  return [
    HEADER('§0.1 (display titles)'),
    '/** How the app names a source article: its display title and what kind of page it is. */',
    'export interface SeedTitle {',
    '  readonly title: string;',
    '  readonly kind: string;',
    '}',
    '',
    '/** The display title and kind of every source article of §0.1, by file name. */',
    `export const seedTitles = ${literal(byFile)} as const satisfies Readonly<Record<string, SeedTitle>>;`,
    '',
  ].join('\n');
}

async function format(source: string, file: string): Promise<string> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...config, filepath: file });
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const specArg = argv.indexOf('--spec');
  const specPath =
    specArg >= 0 && argv[specArg + 1] !== undefined
      ? resolve(argv[specArg + 1] ?? '')
      : resolve(repoRoot, '../shared/clinical/knowledge-base.md');
  if (!existsSync(specPath)) {
    console.error(`gen-knowledge: spec not found at ${specPath} (pass --spec PATH)`);
    return 2;
  }
  const markdown = readFileSync(specPath, 'utf8');
  const codes = parseEvidenceCodes(markdown);
  const titles = parseSeedTitles(markdown);
  const entries = parseCatalogue(markdown, new Map(titles.map((row) => [row.file, row.title])));
  const outputs: [file: string, source: string, what: string][] = [
    [join(outDir, 'seed-titles.ts'), seedTitlesSource(titles), `${String(titles.length)} source titles`],
    [join(outDir, 'evidence-codes.ts'), evidenceCodesSource(codes), `${String(codes.length)} evidence codes`],
    [join(outDir, 'entries.ts'), entriesSource(entries), `${String(entries.length)} entries`],
  ];
  let stale = 0;
  for (const [file, source, what] of outputs) {
    const name = relative(repoRoot, file);
    const text = await format(source, file);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === text) {
      console.log(`gen-knowledge: ${name} is up to date (${what})`);
    } else if (check) {
      stale += 1;
      console.error(`gen-knowledge: ${name} differs from the spec; run node scripts/gen-knowledge.ts`);
    } else {
      writeFileSync(file, text);
      console.log(`gen-knowledge: wrote ${name} (${what})`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
