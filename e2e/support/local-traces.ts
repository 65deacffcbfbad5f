import type { Page } from 'playwright-core';

/** What this browser still holds for the app: IndexedDB records and outbox, and its Web Storage keys. */
export function localTraces(page: Page): Promise<{ kv: number; outbox: number; storage: string[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('unknot');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(new Error('IndexedDB did not open'));
      };
    });
    const count = (store: string): Promise<number> =>
      new Promise((resolve) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => {
          resolve(request.result);
        };
      });
    const traces = {
      kv: await count('kv'),
      outbox: await count('outbox'),
      storage: [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) =>
        k.startsWith('unknot.'),
      ),
    };
    db.close();
    return traces;
  });
}
