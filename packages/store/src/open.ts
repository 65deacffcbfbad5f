import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { dataDirFromEnv } from './data-dir.ts';
import { migrate } from './migrate.ts';
import type { Database, DialectName } from './schema.ts';
import { createSqliteDialect } from './sqlite-dialect.ts';
import { prepareSqliteFile } from './sqlite-file.ts';
import { Store } from './store.ts';

export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'postgres';
      url: string;
      /** Schema to use (tests isolate themselves in one). */ schema?: string;
    };

/**
 * Where the data lives: PostgreSQL when DATABASE_URL is a postgres:// URL, otherwise the SQLite file
 * `unknot.db` in the data folder (`UNKNOT_DATA_DIR`, else the per-user data folder: data-dir.ts).
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url) throw new Error(`DATABASE_URL must start with postgres:// (got "${url.split(':')[0] ?? ''}:…").`);
  return { kind: 'sqlite', path: join(dataDirFromEnv(env), 'unknot.db') };
}

export function describeStore(config: StoreConfig): string {
  return config.kind === 'sqlite' ? `SQLite ${config.path}` : 'PostgreSQL (DATABASE_URL)';
}

/** The database of `config`, not yet migrated (openStore migrates it; the migration tests stop at a step). */
export function createDb(config: StoreConfig): { db: Kysely<Database>; dialect: DialectName } {
  if (config.kind === 'sqlite') {
    if (config.path !== ':memory:') prepareSqliteFile(config.path);
    return {
      db: new Kysely<Database>({ dialect: createSqliteDialect({ path: config.path }) }),
      dialect: 'sqlite',
    };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
}

/** Opens the database, applies any pending migrations, and returns the store. */
export async function openStore(config: StoreConfig, options: { now?: () => Date } = {}): Promise<Store> {
  const { db, dialect } = createDb(config);
  try {
    await migrate(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new Store(db, dialect, options.now);
}
