/**
 * A small promise layer over IndexedDB: one key-value store for the local copy of the person's records, and the
 * outbox of writes not yet acknowledged by the server.
 */
const dbName = 'unknot';
const dbVersion = 1;

export const kvStore = 'kv';
export const outboxStore = 'outbox';

let opening: Promise<IDBDatabase> | undefined;

/** The app's database, opened once per page. */
export function openDb(): Promise<IDBDatabase> {
  opening ??= openDatabase(indexedDB);
  return opening;
}

/** Opens (creating or upgrading) the app's database in `factory`: the browser's, or a fake one in tests. */
export function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(dbName, dbVersion);
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
  open: () => Promise<IDBDatabase> = openDb,
): Promise<T> {
  const db = await open();
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
