/**
 * Test-only: a second, independent reading of knowledge-base.md §5 (the default phased plan), so the slot table in
 * slots.ts can be checked against the spec rather than against itself.
 */
import { between, sharedFile } from '../knowledge/test-helpers.ts';

export const knowledgeBase = sharedFile('clinical/knowledge-base.md', 'the §5 plan drift tests');

/** The §5 sub-tables, by their headings. */
export const specStageHeadings = {
  acute: '### Day 0–2 (acute)',
  subacute_early: '### Day 3–7 (subacute, first part)',
  subacute_late: '### Days 8–14 (week 2, subacute, second part)',
  after_recovery: '### After recovery (recovery → prevention)',
} as const;

export type SpecStage = keyof typeof specStageHeadings;

/** One row of a §5 sub-table: its slot label as written and the entry ids it names, in order. */
export interface SpecSlotRow {
  readonly label: string;
  readonly ids: readonly string[];
}

const entryId = /`([a-z]+-[a-z0-9-]+)`/g;

/** The rows of one §5 sub-table. */
export function specStage(markdown: string, stage: SpecStage): SpecSlotRow[] {
  const section = between(markdown, '## 5. Default phased plan', '## 6. Checks that tests should make');
  const headings = Object.values(specStageHeadings);
  const lines = section.split('\n');
  const start = lines.indexOf(specStageHeadings[stage]);
  if (start < 0) throw new Error(`§5 has no heading ${specStageHeadings[stage]}`);
  const end = lines.findIndex((line, i) => i > start && (headings as string[]).includes(line));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Slot') && !line.startsWith('|---'))
    .map((line) => {
      const [label = '', entries = ''] = line.slice(2).split(' | ');
      return { label: label.trim(), ids: [...entries.matchAll(entryId)].map((match) => match[1] ?? '') };
    });
}

/** The ids a §5 sub-table names in the row whose label starts with `label` (empty when there is no such row). */
export function specIds(markdown: string, stage: SpecStage, label: string): string[] {
  return specStage(markdown, stage)
    .filter((row) => row.label.startsWith(label))
    .flatMap((row) => row.ids);
}
