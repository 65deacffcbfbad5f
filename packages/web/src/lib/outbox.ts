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
 *
 * `createOutbox` takes what it touches outside itself (fetch, the database, the clock, Web Locks), so it can be
 * tested without a browser; the app uses the default instance through the module-level functions below.
 */
import { signal, type Signal } from '@preact/signals';
import { openDb, outboxStore, requestResult, transact } from './idb.ts';

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

export interface OutboxDeps {
  fetch: (path: string, init: RequestInit) => Promise<Response>;
  /** Opens the database holding the outbox store (idb.ts's schema). */
  db: () => Promise<IDBDatabase>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Web Locks keep one sender across tabs; without them each tab sends alone (the server's idempotency covers it). */
  locks?: LockManager | undefined;
  /** Whether the browser says it is online at the start. */
  online?: boolean;
}

export interface Outbox {
  /** Every write not yet acknowledged, oldest first. */
  readonly ops: Signal<OutboxOp[]>;
  readonly online: Signal<boolean>;
  /** Set when a round of sending ends with everything acknowledged. */
  readonly lastSync: Signal<number | null>;
  makeOp: (op: NewOp) => OutboxOp;
  load: () => Promise<OutboxOp[]>;
  discard: (seq: number) => Promise<void>;
  retry: (seq: number) => Promise<void>;
  onSynced: (work: () => Promise<void>) => void;
  requestSync: () => Promise<void>;
  withoutSync: <T>(work: () => Promise<T>) => Promise<T>;
  /** What the browser's `online` and `offline` events do. */
  setOnline: (value: boolean) => void;
}

/** Adds ops inside a caller's transaction (so a record and its write are stored together). */
export function addOps(tx: IDBTransaction, ops: readonly OutboxOp[]): void {
  const store = tx.objectStore(outboxStore);
  for (const op of ops) store.add(op);
}

type Outcome = 'acknowledged' | 'retry' | { failed: OutboxError };

const lockName = 'unknot-outbox';
const firstBackoffMs = 1000;
const maxBackoffMs = 60_000;

export function createOutbox(deps: OutboxDeps): Outbox {
  const ops = signal<OutboxOp[]>([]);
  const online = signal(deps.online ?? true);
  const lastSync = signal<number | null>(null);
  const afterSync = new Set<() => Promise<void>>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let backoffMs = firstBackoffMs;
  let chain: Promise<void> = Promise.resolve();

  const inStore = <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T> | T) =>
    transact([outboxStore], mode, (tx) => work(tx.objectStore(outboxStore)), deps.db);

  /** Runs `work` holding the cross-tab lock where there is one. */
  const locked = <T>(work: () => Promise<T>): Promise<T> =>
    deps.locks ? deps.locks.request(lockName, work) : work();

  function makeOp(op: NewOp): OutboxOp {
    return { ...op, createdAt: new Date(deps.now()).toISOString(), attempts: 0, status: 'pending' };
  }

  async function load(): Promise<OutboxOp[]> {
    const stored = await inStore('readonly', (store) =>
      requestResult(store.getAll() as IDBRequest<OutboxOp[]>),
    );
    ops.value = stored;
    return stored;
  }

  async function remove(seq: number): Promise<void> {
    await inStore('readwrite', (store) => {
      store.delete(seq);
    });
  }

  async function put(op: OutboxOp): Promise<void> {
    await inStore('readwrite', (store) => {
      store.put(op);
    });
  }

  async function discard(seq: number): Promise<void> {
    await remove(seq);
    await load();
  }

  async function retry(seq: number): Promise<void> {
    const op = ops.value.find((o) => o.seq === seq);
    if (!op) return;
    const { error: _error, ...rest } = op;
    await put({ ...rest, status: 'pending' });
    await load();
    void requestSync();
  }

  async function send(op: OutboxOp): Promise<Outcome> {
    let response: Response;
    try {
      const init: RequestInit = { method: op.method, headers: { accept: 'application/json' } };
      if (op.body !== undefined) {
        init.body = JSON.stringify(op.body);
        init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      }
      response = await deps.fetch(op.path, init);
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

  /** Sends pending writes oldest first; true when none is left waiting. */
  async function flush(): Promise<boolean> {
    for (;;) {
      const stored = await load();
      const next = stored.find((o) => o.status === 'pending');
      if (!next?.seq) return true;
      const outcome = await send(next);
      if (outcome === 'acknowledged') {
        await remove(next.seq);
        continue;
      }
      if (outcome === 'retry') {
        // Stop here: a later write may depend on this one (an entry on its episode).
        await put({ ...next, attempts: next.attempts + 1 });
        await load();
        return false;
      }
      await put({ ...next, attempts: next.attempts + 1, status: 'failed', error: outcome.failed });
    }
  }

  async function syncRound(): Promise<void> {
    if (retryTimer !== undefined) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
    }
    const drained = await flush();
    if (drained) {
      backoffMs = firstBackoffMs;
      lastSync.value = deps.now();
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
  function requestSync(): Promise<void> {
    chain = chain
      .then(() => locked(syncRound))
      .catch(() => {
        // IndexedDB or the lock failed: try again later.
        retryTimer ??= setTimeout(() => void requestSync(), maxBackoffMs);
      });
    return chain;
  }

  /**
   * Runs `work` between rounds of sending, holding the same lock, so no write is in flight while it runs (in
   * this tab or another): erasing everything must not race a write that would bring part of it back.
   */
  function withoutSync<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(() => locked(work));
    chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  function setOnline(value: boolean): void {
    online.value = value;
    if (!value) return;
    // Back online: send now rather than when the back-off timer says.
    backoffMs = firstBackoffMs;
    void requestSync();
  }

  return {
    ops,
    online,
    lastSync,
    makeOp,
    load,
    discard,
    retry,
    onSynced: (work) => {
      afterSync.add(work);
    },
    requestSync,
    withoutSync,
    setOnline,
  };
}

const instance = createOutbox({
  // Looked up at each call, so a test that stubs the global fetch reaches this instance too.
  fetch: (path, init) => fetch(path, init),
  db: openDb,
  now: () => Date.now(),
  locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
  // Node (the build's prerender) has a `navigator` without `onLine`: only an explicit false means offline.
  online: typeof navigator === 'undefined' || (navigator as { onLine?: boolean }).onLine !== false,
});

export const outbox = instance.ops;
export const online = instance.online;
export const lastSync = instance.lastSync;
export const makeOp = instance.makeOp;
export const loadOutbox = instance.load;
/** Forgets a failed write (the person chose to discard it). */
export const discardOp = instance.discard;
/** Puts a failed write back in the queue (after the person fixed what stood in the way, or to try again). */
export const retryOp = instance.retry;
/** Runs `work` after every write already queued has been tried (reads wait, so they see what was sent). */
export const onSynced = instance.onSynced;
export const requestSync = instance.requestSync;
export const withoutSync = instance.withoutSync;

export function startSync(): void {
  window.addEventListener('online', () => {
    instance.setOnline(true);
  });
  window.addEventListener('offline', () => {
    instance.setOnline(false);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void requestSync();
  });
  void requestSync();
}
