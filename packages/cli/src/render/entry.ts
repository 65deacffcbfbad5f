import {
  evidenceCodes,
  howToVisible,
  libraryBadge,
  sourceDisplayName,
  type Entry,
  type LibraryBadge,
} from '@unknot/core';
import type { Style } from '../io.ts';

const badgeLabel: Record<LibraryBadge, string> = {
  recommend: 'Recommended',
  option: 'An option: may help, evidence is limited',
  inform_only: 'For information only: not part of the plan',
  do_not_recommend: 'Not recommended: no good evidence, or it may harm',
  warning_sign: 'Warning sign: get help',
};

const certaintyLabel: Record<Entry['evidence']['certainty'], string> = {
  high: 'high',
  moderate: 'moderate',
  low: 'low',
  very_low: 'very low',
  no_trials: 'no trials found',
  not_applicable: 'not applicable (descriptive)',
};

/**
 * One knowledge entry as text. Every entry shows its display policy, evidence grade with references and
 * its sources; a do_not_recommend entry shows why, and never how to do it.
 */
export function renderEntry(entry: Entry, style: Style): string {
  const badge = libraryBadge(entry);
  const lines = [
    `${style('bold', entry.title)} ${style('dim', `(${entry.id})`)}`,
    `  ${style(['do_not_recommend', 'warning_sign'].includes(badge) ? ['bold', 'red'] : 'bold', badgeLabel[badge])}`,
  ];
  if (entry.display_note) lines.push(`  Note: ${entry.display_note}`);
  lines.push(`  ${entry.summary}`);
  if (howToVisible(entry) && entry.protocol?.steps?.length) {
    lines.push('  How:');
    for (const step of entry.protocol.steps) lines.push(`    - ${step}`);
  }
  for (const caution of entry.cautions) lines.push(`  Caution: ${caution}`);
  const refs = entry.evidence.refs.map((code) => `${evidenceCodes[code].title} ${evidenceCodes[code].url}`);
  lines.push(
    `  Evidence: ${certaintyLabel[entry.evidence.certainty]} certainty. ${entry.evidence.summary}`,
    style('dim', `    Guideline: ${entry.evidence.guideline}`),
    ...refs.map((r) => style('dim', `    ${r}`)),
    `  Sources (${entry.agreement.mentioned_by} of 5 articles): ${entry.sources
      .map((s) => `${sourceDisplayName(s.file)}, ${s.section}`)
      .join('; ')}`,
  );
  return lines.join('\n');
}
