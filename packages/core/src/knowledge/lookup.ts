/** Finding entries and evidence codes by id. */
import { knowledgeEntries } from './entries.ts';
import { evidenceCodes, type EvidenceCode } from './evidence-codes.ts';
import type { Entry } from './types.ts';

const entriesById: ReadonlyMap<string, Entry> = new Map(knowledgeEntries.map((entry) => [entry.id, entry]));

/** The entry with this id, or `undefined` for an unknown id. */
export function getEntry(id: string): Entry | undefined {
  return entriesById.get(id);
}

/** The evidence code with this id (from a plan or any view that carries codes as strings), or `undefined`. */
export function getEvidenceCode(code: string): EvidenceCode | undefined {
  return Object.hasOwn(evidenceCodes, code)
    ? (evidenceCodes as Readonly<Record<string, EvidenceCode>>)[code]
    : undefined;
}
