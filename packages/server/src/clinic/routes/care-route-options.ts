import type { Store } from '@unknot/store';
import type { ClinicOptions } from '../auth.ts';

/** What the care routes are given: the clinic's stores, and the record store for the patients' episodes. */
export interface CareRouteOptions extends ClinicOptions {
  store: Store;
}
