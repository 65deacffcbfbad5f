import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDomainError } from '@unknot/core';
import {
  dataDirFromEnv,
  MigrationHistoryError,
  openStore,
  StoreFileError,
  storeConfigFromEnv,
  type Store,
} from '@unknot/store';
import { CliError } from './cli-error.ts';

/**
 * The CLI uses the same store and database file as the server (UNKNOT_DATA_DIR, else the per-user data
 * folder; or DATABASE_URL). Which episode is "active" is a choice of this terminal user, kept in a small
 * file in the data folder rather than in the shared database.
 */
export function activeEpisodeFile(env: NodeJS.ProcessEnv): string {
  return join(dataDirFromEnv(env), 'active-episode');
}

export function readActiveEpisodeId(env: NodeJS.ProcessEnv): string | undefined {
  const file = activeEpisodeFile(env);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

export function writeActiveEpisodeId(env: NodeJS.ProcessEnv, id: string | undefined): void {
  const file = activeEpisodeFile(env);
  if (id === undefined) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
}

export const howToStartEpisode =
  'Start one with: unknot episode new --onset YYYY-MM-DD --location lower|middle|upper --trigger lifting';

/**
 * Opens the store named by `env` for one command, runs `work`, and always closes it (a command run in-process
 * leaves no open database behind). Store errors become one-line messages.
 */
export async function withStore<T>(env: NodeJS.ProcessEnv, work: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(storeConfigFromEnv(env));
  } catch (error) {
    if (error instanceof MigrationHistoryError || error instanceof StoreFileError)
      throw new CliError(error.message);
    throw new CliError(`Cannot open the database: ${(error as Error).message}`);
  }
  try {
    return await work(store);
  } catch (error) {
    if (isDomainError(error)) {
      const fields = error.fields.map((f) => `${f.field} ${f.problem}`).join('; ');
      throw new CliError(fields ? `${error.message} (${fields})` : error.message);
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** The active episode's id, or a message saying how to make one. */
export async function requireActiveEpisode(store: Store, env: NodeJS.ProcessEnv): Promise<string> {
  const id = readActiveEpisodeId(env);
  if (!id) throw new CliError(`No active episode. ${howToStartEpisode}`);
  try {
    await store.getEpisode(id);
  } catch {
    throw new CliError(`The active episode ${id} no longer exists. ${howToStartEpisode}`);
  }
  return id;
}
