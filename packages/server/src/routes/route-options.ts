import type { Store } from '@unknot/store';

/** What the routes that read or write records are given. */
export interface RouteOptions {
  store: Store;
}
