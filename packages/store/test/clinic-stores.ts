import { beforeEach } from 'vitest';
import { SqlCareStore } from '../src/clinic/care-store.ts';
import { SqlIdentityStore } from '../src/clinic/identity-store.ts';
import type { Store } from '../src/store.ts';
import type { dialects } from './databases.ts';
import { storeEach } from './store-each.ts';

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
  let current = new Date(clinicTestStart);
  const now = () => current;
  // Reset before the store opens (hooks run in the order they are added), so it starts at clinicTestStart too.
  beforeEach(() => {
    current = new Date(clinicTestStart);
  });
  const each = storeEach(dialect, now);
  // The clinic stores of the current test's store, made once per store.
  const made = new WeakMap<Store, { care: SqlCareStore; identity: SqlIdentityStore }>();
  const stores = () => {
    const store = each.store;
    let pair = made.get(store);
    if (!pair) {
      pair = {
        care: new SqlCareStore(store.db, store.dialect, now),
        identity: new SqlIdentityStore(store.db, store.dialect, now),
      };
      made.set(store, pair);
    }
    return pair;
  };
  return {
    get store() {
      return each.store;
    },
    get care() {
      return stores().care;
    },
    get identity() {
      return stores().identity;
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
