export { Store, type DiaryQuery, type EpisodeSnapshot, type Page, type Written } from './store.ts';
export {
  changeKinds,
  type Change,
  type ChangeKind,
  type ChangePage,
  type HistoryItem,
  type Versioned,
} from './changes.ts';
export { openStore, storeConfigFromEnv, describeStore, type StoreConfig } from './open.ts';
export { dataDirFromEnv, defaultDataDir } from './data-dir.ts';
export { StoreFileError } from './sqlite-file.ts';
export { acquireServerLock, StoreLockedError } from './server-lock.ts';
export { storageRetryAfterSeconds } from './storage-errors.ts';
export { migrate, MigrationHistoryError } from './migrate.ts';
export { migrationSteps, type MigrationStep } from './migrations/index.ts';
export type { Database, DialectName } from './schema.ts';
export type * from './clinic/types.ts';
export {
  SqlIdentityStore,
  AccountLockedError,
  enrolmentLinkSeconds,
  challengeSeconds,
  maxFailedSignIns,
  idleExpiryMs,
} from './clinic/identity-store.ts';
export {
  SqlCareStore,
  inviteAlphabet,
  inviteCodeLength,
  inviteLifetimeDays,
  newInviteCode,
  normaliseInviteCode,
} from './clinic/care-store.ts';
