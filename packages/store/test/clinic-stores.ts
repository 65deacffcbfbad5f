import { afterEach, beforeEach } from 'vitest';
import { SqlCareStore } from '../src/clinic/care-store.ts';
import { SqlIdentityStore } from '../src/clinic/identity-store.ts';
import { openStore } from '../src/open.ts';
import type { Store } from '../src/store.ts';
import type { dialects, TestDatabase } from './databases.ts';

/** The instant every clinic store test starts at; tests move it to reach each expiry at its edge. */
export const clinicTestStart = '2026-03-02T09:00:00.000Z';

export interface ClinicStores {
  readonly store: Store;
  readonly care: SqlCareStore;
  readonly identity: SqlIdentityStore;
  /** The stores' clock: what they read as now. */
  now: () => Date;
  /** Moves the clock on (or back, with a negative number). */
  advance: (ms: number) => void;
  /** Sets the clock. */
  setNow: (iso: string) => void;
}

/**
 * For each test of the calling suite: a fresh database of `dialect`, the store and both clinic stores on one
 * injected clock (reset to `clinicTestStart`), closed and removed after the test.
 */
export function clinicStoresEach(dialect: (typeof dialects)[number]): ClinicStores {
  let database: TestDatabase | undefined;
  let opened: { store: Store; care: SqlCareStore; identity: SqlIdentityStore } | undefined;
  let current = new Date(clinicTestStart);
  const now = () => current;
  const open = () => {
    if (!opened) throw new Error('the clinic stores exist only inside a test');
    return opened;
  };
  beforeEach(async () => {
    current = new Date(clinicTestStart);
    database = await dialect.fresh();
    const store = await openStore(database.config, { now });
    opened = {
      store,
      care: new SqlCareStore(store.db, store.dialect, now),
      identity: new SqlIdentityStore(store.db, store.dialect, now),
    };
  });
  afterEach(async () => {
    await opened?.store.close();
    await database?.dispose();
    opened = undefined;
  });
  return {
    get store() {
      return open().store;
    },
    get care() {
      return open().care;
    },
    get identity() {
      return open().identity;
    },
    now,
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
    setNow: (iso) => {
      current = new Date(iso);
    },
  };
}
