/**
 * The outbox: every write is stored in IndexedDB first, then sent to /api/v1 with its client-made id until the
 * server acknowledges it. Writes are idempotent by id on the server, so sending one twice stores it once.
 *
 * - 2xx: acknowledged, removed. A DELETE answered 404 is acknowledged too (an earlier attempt already did it).
 * - No network, 408, 429, 5xx: kept, tried again with back-off and whenever the browser comes back online.
 * - Any other 4xx (a 409 conflict, a 400 validation error, a 404 for a missing episode): not retried; kept as
 *   `failed` with the server's explanation, so the screen can show it and the person can discard it.
 *
 * Writes leave in the order they were made, so an episode is created before anything recorded under it.
 */
import { signal } from '@preact/signals';
import { outboxStore, requestResult, transact } from './idb.ts';

export type RecordKind = 'episode' | 'assessment' | 'diary' | 'session';
export type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OutboxError {
  status: number;
  code?: string;
  detail: string;
}

export interface OutboxOp {
  /** IndexedDB key: the order of writes. */
  seq?: number;
  method: Method;
  path: string;
  body?: unknown;
  kind: RecordKind;
  /** The id of the record the write is about. */
  recordId: string;
  createdAt: string;
  attempts: number;
  status: 'pending' | 'failed';
  error?: OutboxError;
}

export type NewOp = Pick<OutboxOp, 'method' | 'path' | 'body' | 'kind' | 'recordId'>;

/** Every write not yet acknowledged, oldest first. */
export const outbox = signal<OutboxOp[]>([]);
// Node (the build's prerender) has a `navigator` without `onLine`: only an explicit false means offline.
export const online = signal<boolean>(
  typeof navigator === 'undefined' || (navigator as { onLine?: boolean }).onLine !== false,
);
/** Set when a round of sending ends with everything acknowledged. */
export const lastSync = signal<number | null>(null);

export function makeOp(op: NewOp): OutboxOp {
  return { ...op, createdAt: new Date().toISOString(), attempts: 0, status: 'pending' };
}

/** Adds ops inside a caller's transaction (so a record and its write are stored together). */
export function addOps(tx: IDBTransaction, ops: readonly OutboxOp[]): void {
  const store = tx.objectStore(outboxStore);
  for (const op of ops) store.add(op);
}

export async function loadOutbox(): Promise<OutboxOp[]> {
  const ops = await transact([outboxStore], 'readonly', (tx) =>
    requestResult(tx.objectStore(outboxStore).getAll() as IDBRequest<OutboxOp[]>),
  );
  outbox.value = ops;
  return ops;
}

async function removeOp(seq: number): Promise<void> {
  await transact([outboxStore], 'readwrite', (tx) => {
    tx.objectStore(outboxStore).delete(seq);
  });
}

async function putOp(op: OutboxOp): Promise<void> {
  await transact([outboxStore], 'readwrite', (tx) => {
    tx.objectStore(outboxStore).put(op);
  });
}

/** Forgets a failed write (the person chose to discard it). */
export async function discardOp(seq: number): Promise<void> {
  await removeOp(seq);
  await loadOutbox();
}

/** Puts a failed write back in the queue (after the person fixed what stood in the way, or to try again). */
export async function retryOp(seq: number): Promise<void> {
  const op = outbox.value.find((o) => o.seq === seq);
  if (!op) return;
  const { error: _error, ...rest } = op;
  await putOp({ ...rest, status: 'pending' });
  await loadOutbox();
  void requestSync();
}

type Outcome = 'acknowledged' | 'retry' | { failed: OutboxError };

async function send(op: OutboxOp): Promise<Outcome> {
  let response: Response;
  try {
    const init: RequestInit = { method: op.method, headers: { accept: 'application/json' } };
    if (op.body !== undefined) {
      init.body = JSON.stringify(op.body);
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    }
    response = await fetch(op.path, init);
  } catch {
    return 'retry';
  }
  if (response.ok) return 'acknowledged';
  if (op.method === 'DELETE' && response.status === 404) return 'acknowledged';
  if (response.status === 408 || response.status === 429 || response.status >= 500) return 'retry';
  let problem: { code?: unknown; detail?: unknown } = {};
  try {
    problem = (await response.json()) as typeof problem;
  } catch {
    // Not JSON: keep the status alone.
  }
  const error: OutboxError = {
    status: response.status,
    detail: typeof problem.detail === 'string' ? problem.detail : response.statusText,
  };
  if (typeof problem.code === 'string') error.code = problem.code;
  return { failed: error };
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;
let backoffMs = 1000;
const maxBackoffMs = 60_000;
let chain: Promise<void> = Promise.resolve();
const afterSync = new Set<() => Promise<void>>();

/** Runs `work` after every write already queued has been tried (reads wait, so they see what was sent). */
export function onSynced(work: () => Promise<void>): void {
  afterSync.add(work);
}

async function flush(): Promise<boolean> {
  for (;;) {
    const ops = await loadOutbox();
    const next = ops.find((o) => o.status === 'pending');
    if (!next?.seq) return true;
    const outcome = await send(next);
    if (outcome === 'acknowledged') {
      await removeOp(next.seq);
      continue;
    }
    if (outcome === 'retry') {
      await putOp({ ...next, attempts: next.attempts + 1 });
      await loadOutbox();
      return false;
    }
    await putOp({ ...next, attempts: next.attempts + 1, status: 'failed', error: outcome.failed });
  }
}

async function syncRound(): Promise<void> {
  if (retryTimer !== undefined) {
    clearTimeout(retryTimer);
    retryTimer = undefined;
  }
  const drained = await flush();
  if (drained) {
    backoffMs = 1000;
    lastSync.value = Date.now();
    for (const work of afterSync) {
      try {
        await work();
      } catch {
        // A read that fails (offline again) leaves the local copy as it is.
      }
    }
  } else {
    retryTimer = setTimeout(() => void requestSync(), backoffMs);
    backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
  }
}

/**
 * Sends what is waiting, one round at a time (rounds never overlap in a tab; across tabs a Web Lock keeps one
 * sender, and the server's idempotency covers anything else).
 */
export function requestSync(): Promise<void> {
  chain = chain
    .then(async () => {
      if ('locks' in navigator) await navigator.locks.request('unknot-outbox', syncRound);
      else await syncRound();
    })
    .catch(() => {
      // IndexedDB or the lock failed: try again later.
      retryTimer ??= setTimeout(() => void requestSync(), maxBackoffMs);
    });
  return chain;
}

/**
 * Runs `work` between rounds of sending, holding the same lock, so no write is in flight while it runs (in this
 * tab or another): erasing everything must not race a write that would bring part of it back.
 */
export function withoutSync<T>(work: () => Promise<T>): Promise<T> {
  const run = chain.then(() =>
    'locks' in navigator ? navigator.locks.request('unknot-outbox', work) : work(),
  );
  chain = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

export function startSync(): void {
  window.addEventListener('online', () => {
    online.value = true;
    backoffMs = 1000;
    void requestSync();
  });
  window.addEventListener('offline', () => {
    online.value = false;
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void requestSync();
  });
  void requestSync();
}
