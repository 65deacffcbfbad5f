/**
 * Reads ../shared/clinical/triage.md so tests can check that our data says exactly what the
 * specification says. Test-only: it uses node:fs, which core's shipped code may not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const triageSpecPath = fileURLToPath(
  new URL('../../../../../shared/clinical/triage.md', import.meta.url),
);
export const hasTriageSpec = existsSync(triageSpecPath);

export interface SpecQuestion {
  order: number;
  id: string;
  text: string;
  type: string;
}
export interface SpecRule {
  id: string;
  when: string;
  disposition: string;
  text: string;
  refs: string[];
}
export interface SpecDisposition {
  id: string;
  severity: number;
  headline: string;
  advice: string;
}
export interface TriageSpec {
  rulesVersion: string;
  dispositions: SpecDisposition[];
  questions: SpecQuestion[];
  rules: SpecRule[];
  emitAs: Map<string, string>;
  safetyNet: string;
  examples: string[];
}

/** Splits a markdown table row into trimmed cells, keeping pipes that sit inside backticks. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inCode = false;
  for (const ch of line.trim().replace(/^\||\|$/g, '')) {
    if (ch === '`') inCode = !inCode;
    if (ch === '|' && !inCode) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const unquote = (s: string): string => s.replace(/^`|`$/g, '');

function section(md: string, start: string, end: string): string {
  const a = md.indexOf(start);
  const b = md.indexOf(end, a + start.length);
  if (a < 0 || b < 0) throw new Error(`triage.md: section ${start} not found`);
  return md.slice(a, b);
}

function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[-\s|]+\|$/.test(l.trim()))
    .map(cells);
}

export function readTriageSpec(): TriageSpec {
  const md = readFileSync(triageSpecPath, 'utf8');
  const rulesVersion = /\*\*Rules version:\*\* `([^`]+)`/.exec(md)?.[1] ?? '';

  const dispositions = tableRows(section(md, '## 1. Dispositions', '## 2.'))
    .slice(1)
    .map(([id = '', sev = '', headline = '', advice = '']) => ({
      id: unquote(id),
      severity: Number(sev),
      headline,
      advice,
    }));

  const questions = tableRows(section(md, '## 2. Questionnaire', '**Notes for the UI**'))
    .slice(1)
    .map(([order = '', id = '', text = '', type = '']) => ({
      order: Number(order),
      id: unquote(id),
      text,
      type,
    }));

  const rules: SpecRule[] = [];
  for (const row of tableRows(section(md, '### 3.3 Rule table', '### 3.4'))) {
    const [id = '', when = '', disposition = '', text = '', refs = ''] = row;
    if (id === 'Rule id') continue;
    rules.push({
      id: unquote(id),
      when,
      disposition,
      text,
      refs: refs.split(',').map((r) => r.trim()),
    });
  }

  const emitAs = new Map<string, string>();
  for (const [ref = '', emit = ''] of tableRows(section(md, '## 6. Sources', '## 7.')).slice(1)) {
    emitAs.set(ref, unquote(emit));
  }

  const safetyNet = section(md, '## 5. Safety-netting', '## 6. Sources');
  const examples = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return { rulesVersion, dispositions, questions, rules, emitAs, safetyNet, examples };
}
