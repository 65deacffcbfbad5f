/**
 * The pull half of sync (docs/sync.md): read the server's change feed from the cursor this device kept, every
 * page until `more` is false, apply each page to the local copy (changes.ts) and store the result together with
 * the page's cursor, in one transaction per page. A pull that stops half way (offline again) resumes from the
 * last page stored, and applying a page twice changes nothing (a change carries the whole record).
 *
 * `pullChanges` takes what it touches outside itself, so it is tested without a browser (sync.test.ts); the app
 * calls it after every round of pushing the outbox (records.ts).
 */
import { applyChanges, type ChangesPage, type LocalState } from './changes.ts';

export const changesPath = '/api/v1/changes';
/** Changes per page: enough for a first pull of months of records in a few requests. */
export const pageSize = 500;

export interface PullDeps {
  fetch: (path: string) => Promise<Response>;
  /** The cursor stored with the last page applied; null before the first pull. */
  cursor: () => string | null;
  /** The local copy as it is now (read again for every page: the person may be writing meanwhile). */
  state: () => LocalState;
  /** Ids of records with a write still waiting in the outbox. */
  pending: () => ReadonlySet<string>;
  /** Stores a page's result and its cursor in one transaction; `erased` empties the outbox too. */
  save: (state: LocalState, cursor: string, erased: boolean) => Promise<void>;
}

export interface PullResult {
  /** How many changes were read. */
  changes: number;
  /** Whether an `erase` emptied everything (see changes.ts: not on a pull from the start). */
  erased: boolean;
  /** Whether any of them carried `conflicted`. */
  conflicted: boolean;
}

export class PullError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`GET ${changesPath}: ${String(status)}`);
    this.status = status;
  }
}

function isPage(value: unknown): value is ChangesPage {
  if (value === null || typeof value !== 'object') return false;
  const page = value as Partial<ChangesPage>;
  return Array.isArray(page.changes) && typeof page.cursor === 'string' && typeof page.more === 'boolean';
}

/**
 * Pulls every change since the stored cursor. Throws `PullError` on an error answer (401 signed out, 403 a
 * clinician, 5xx) and a TypeError when the network fails; what was stored before that stays.
 */
export async function pullChanges(deps: PullDeps): Promise<PullResult> {
  const result: PullResult = { changes: 0, erased: false, conflicted: false };
  let cursor = deps.cursor();
  const fromStart = cursor === null;
  for (;;) {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (cursor !== null) query.set('since', cursor);
    const response = await deps.fetch(`${changesPath}?${query.toString()}`);
    if (!response.ok) throw new PullError(response.status);
    const page: unknown = await response.json();
    if (!isPage(page)) throw new PullError(response.status);
    const applied = applyChanges(deps.state(), page.changes, deps.pending(), fromStart);
    await deps.save(applied.state, page.cursor, applied.erased);
    result.changes += page.changes.length;
    result.erased ||= applied.erased;
    result.conflicted ||= page.changes.some((c) => c.conflicted);
    // A cursor that does not move would ask for the same page for ever.
    if (!page.more || page.cursor === cursor) return result;
    cursor = page.cursor;
  }
}
