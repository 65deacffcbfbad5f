/**
 * A small promise layer over IndexedDB: one key-value store for the local copy of the person's records, and the
 * outbox of writes not yet acknowledged by the server.
 */
const dbName = 'unknot';
const dbVersion = 1;

export const kvStore = 'kv';
export const outboxStore = 'outbox';

let opening: Promise<IDBDatabase> | undefined;

export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, dbVersion);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(kvStore)) db.createObjectStore(kvStore);
      if (!db.objectStoreNames.contains(outboxStore)) {
        db.createObjectStore(outboxStore, { keyPath: 'seq', autoIncrement: true });
      }
    };
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
    request.onblocked = () => {
      reject(new Error('IndexedDB is blocked by another tab'));
    };
  });
  return opening;
}

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('IndexedDB request failed'));
    };
  });
}

/** Runs `work` in one transaction and resolves when it has committed. */
export async function transact<T>(
  stores: string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  const db = await openDb();
  const tx = db.transaction(stores, mode);
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => {
      resolve();
    };
    tx.onerror = () => {
      reject(tx.error ?? new Error('IndexedDB transaction failed'));
    };
    tx.onabort = () => {
      reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    };
  });
  const result = await work(tx);
  await committed;
  return result;
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return transact([kvStore], 'readonly', (tx) =>
    requestResult(tx.objectStore(kvStore).get(key) as IDBRequest<T | undefined>),
  );
}
