/**
 * The outbox: every write is stored in IndexedDB first, then sent to /api/v1 with its client-made id until the
 * server acknowledges it. Writes are idempotent by id on the server, so sending one twice stores it once.
 *
 * - 2xx: acknowledged, removed. A DELETE answered 404 is acknowledged too (an earlier attempt already did it).
 * - No network, 408, 429, 5xx: kept, tried again with back-off and whenever the browser comes back online.
 * - 401 (clinic mode, nobody signed in: a check done before joining): kept and not tried again until the next
 *   round, which signing in starts; no back-off timer knocks meanwhile.
 * - Any other 4xx (a 409 conflict, a 400 validation error, a 404 for a missing episode): not retried; kept as
 *   `failed` with the server's explanation, so the screen can show it and the person can discard it.
 *
 * Nothing is sent, and nothing pulled, while `canSend` says no (clinic mode without a signed-in patient: staff
 * have no records of their own, and the server would answer 401 or 403).
 *
 * Writes leave in the order they were made, so an episode is created before anything recorded under it.
 *
 * An edit of a mutable record (PUT, PATCH) carries `unknot-base-version`: the version of the record this device
 * last saw, looked up when the write leaves (not when it was made), so an edit queued behind another edit of the
 * same record names the version that one made (`unknot-version` of its answer) rather than flagging a conflict
 * with itself.
 *
 * `createOutbox` takes what it touches outside itself (fetch, the database, the clock, Web Locks), so it can be
 * tested without a browser; the app uses the default instance through the module-level functions below.
 */
import { effect, signal, type Signal } from '@preact/signals';
import { apiFetch } from './api.ts';
import { openDb, outboxStore, requestResult, transact } from './idb.ts';
import { canSync } from './instance.ts';

/** The record kinds a write can be about; the same names as the change feed's kinds (docs/sync.md). */
export type RecordKind = 'episode' | 'assessment' | 'diary' | 'session' | 'check_in' | 'peg';
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
  /** The version this device last saw of the record a write edits, for `unknot-base-version`. */
  baseVersion?: (op: OutboxOp) => number | undefined;
  /** Told of every acknowledged write with the server's answer (which carries `unknot-version`). */
  acknowledged?: (op: OutboxOp, response: Response) => Promise<void> | void;
  /** Whether a round may run at all (see the module comment); always, without it. */
  canSend?: () => boolean;
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

type Outcome = 'acknowledged' | 'retry' | 'wait' | { failed: OutboxError };

const lockName = 'unknot-outbox';
/** How often a visible app pulls the change feed when nothing else made it sync. */
export const pollMs = 30_000;
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
      const headers: Record<string, string> = { accept: 'application/json' };
      const init: RequestInit = { method: op.method, headers };
      if (op.body !== undefined) {
        init.body = JSON.stringify(op.body);
        headers['content-type'] = 'application/json';
      }
      const base = op.method === 'PUT' || op.method === 'PATCH' ? deps.baseVersion?.(op) : undefined;
      if (base !== undefined) headers['unknot-base-version'] = String(base);
      response = await deps.fetch(op.path, init);
    } catch {
      return 'retry';
    }
    if (response.ok) {
      await deps.acknowledged?.(op, response);
      return 'acknowledged';
    }
    if (op.method === 'DELETE' && response.status === 404) return 'acknowledged';
    if (response.status === 401) return 'wait';
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

  /** Sends pending writes oldest first: `drained` when none is left waiting, else why it stopped. */
  async function flush(): Promise<'drained' | 'retry' | 'wait'> {
    for (;;) {
      const stored = await load();
      const next = stored.find((o) => o.status === 'pending');
      if (!next?.seq) return 'drained';
      const outcome = await send(next);
      if (outcome === 'acknowledged') {
        await remove(next.seq);
        continue;
      }
      if (outcome === 'retry' || outcome === 'wait') {
        // Stop here: a later write may depend on this one (an entry on its episode).
        await put({ ...next, attempts: next.attempts + 1 });
        await load();
        return outcome;
      }
      await put({ ...next, attempts: next.attempts + 1, status: 'failed', error: outcome.failed });
    }
  }

  async function syncRound(): Promise<void> {
    if (retryTimer !== undefined) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
    }
    if (deps.canSend && !deps.canSend()) return;
    const outcome = await flush();
    if (outcome === 'wait') return; // signed out: the round that signing in starts sends it
    if (outcome === 'drained') {
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

/** Set by records.ts: how the app's outbox learns and records versions (kept there with the records). */
export const versionHooks: Pick<OutboxDeps, 'baseVersion' | 'acknowledged'> = {};

const instance = createOutbox({
  // apiFetch looks the global fetch up at each call, so a test that stubs it reaches this instance too.
  fetch: apiFetch,
  baseVersion: (op) => versionHooks.baseVersion?.(op),
  acknowledged: (op, response) => versionHooks.acknowledged?.(op, response),
  canSend: () => canSync.value,
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
  // Another device's writes arrive without a push here: look every half minute while the app is in view (an
  // empty page of the change feed when nothing changed), never from a hidden tab.
  setInterval(() => {
    if (document.visibilityState === 'visible' && instance.online.value) void requestSync();
  }, pollMs);
  // The first round now, and again whenever syncing becomes allowed (a patient signs in, in clinic mode).
  effect(() => {
    if (canSync.value) void requestSync();
  });
}
