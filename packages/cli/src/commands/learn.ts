import { knowledgeEntries, searchKnowledge, type Entry } from '@unknot/core';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { renderEntry } from '../render/entry.ts';

export interface LearnOptions {
  query: string;
  list: boolean;
  json: boolean;
}

/** What `--json` prints for each entry: enough for another program to show it responsibly. */
function summaryOf(entry: Entry) {
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    display: entry.display,
    ...(entry.display_note === undefined ? {} : { display_note: entry.display_note }),
    evidence: {
      certainty: entry.evidence.certainty,
      direction: entry.evidence.direction,
      refs: entry.evidence.refs,
    },
    sources: entry.sources,
    phases: entry.phases,
  };
}

/** `unknot learn`: searches the knowledge base, or lists it. */
export function learnCommand(options: LearnOptions, io: CliIo): Promise<number> {
  let found: readonly Entry[];
  if (options.list) {
    if (options.query) throw new CliError('Give either a search or --list, not both.');
    found = knowledgeEntries;
  } else {
    if (!options.query.trim())
      throw new CliError('Say what to look for, for example: unknot learn "how long ice".');
    found = searchKnowledge(options.query).map((hit) => hit.entry);
  }
  if (options.json) {
    io.out(JSON.stringify(found.map(summaryOf), null, 2));
  } else if (found.length === 0) {
    io.out(
      `Nothing found for "${options.query}". Try other words, or list everything with: unknot learn --list`,
    );
  } else {
    io.out(found.map((entry) => renderEntry(entry, io.style)).join('\n\n'));
  }
  return Promise.resolve(0);
}
