/** Finding entries by id. */
import { entries } from './entries.ts';
import type { Entry } from './types.ts';

const entriesById: ReadonlyMap<string, Entry> = new Map(entries.map((entry) => [entry.id, entry]));

/** The entry with this id, or `undefined` for an unknown id. */
export function getEntry(id: string): Entry | undefined {
  return entriesById.get(id);
}
