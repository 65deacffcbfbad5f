import { afterEach, beforeEach } from 'vitest';
import { openStore } from '../src/open.ts';
import type { Store } from '../src/store.ts';
import type { dialects, TestDatabase } from './databases.ts';

/** The store a suite's tests share by name; `store` exists only while a test runs. */
export interface StoreEach {
  readonly store: Store;
}

/**
 * For each test of the calling suite: a fresh database of `dialect` and a store on it (reading `now` as its
 * clock, when given), closed and removed after the test.
 */
export function storeEach(dialect: (typeof dialects)[number], now?: () => Date): StoreEach {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  beforeEach(async () => {
    database = await dialect.fresh();
    store = await openStore(database.config, now ? { now } : {});
  });
  afterEach(async () => {
    await store?.close();
    await database?.dispose();
    store = undefined;
  });
  return {
    get store() {
      if (!store) throw new Error('the store exists only inside a test');
      return store;
    },
  };
}
