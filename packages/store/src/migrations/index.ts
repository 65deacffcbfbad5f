import type { Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';
import * as step0001 from './0001-records.ts';
import * as step0002 from './0002-check-ins.ts';
import * as step0003 from './0003-meta.ts';
import * as step0004 from './0004-diary-count.ts';
import * as step0005 from './0005-episode-dates.ts';
import * as step0006 from './0006-clinic-identity.ts';
import * as step0007 from './0007-clinic-care.ts';
import * as step0008 from './0008-change-log.ts';

export interface MigrationStep {
  step: number;
  name: string;
  up: (db: Kysely<unknown>, dialect: DialectName) => Promise<void>;
}

/**
 * Every migration, in order. Forward only: a released step is never edited or removed; a change is a new
 * step. A step whose SQL differs between dialects branches on `dialect` or has one file per dialect.
 */
export const migrationSteps: readonly MigrationStep[] = [
  { step: 1, name: '0001-records', up: step0001.up },
  { step: 2, name: '0002-check-ins', up: step0002.up },
  { step: 3, name: '0003-meta', up: step0003.up },
  { step: 4, name: '0004-diary-count', up: step0004.up },
  { step: 5, name: '0005-episode-dates', up: step0005.up },
  { step: 6, name: '0006-clinic-identity', up: step0006.up },
  { step: 7, name: '0007-clinic-care', up: step0007.up },
  { step: 8, name: '0008-change-log', up: step0008.up },
];
