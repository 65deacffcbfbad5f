import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../src/open.ts';

export const postgresUrl = process.env.TEST_DATABASE_URL;
export const postgresSkipReason = 'PostgreSQL tests skipped: TEST_DATABASE_URL not set';
if (!postgresUrl) console.warn(postgresSkipReason);

export interface TestDatabase {
  config: StoreConfig;
  /** Removes everything the test database used. */
  dispose: () => Promise<void>;
}

/** A fresh SQLite file in a temporary folder: real SQLite, real disk. */
export function freshSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'unknot-store-'));
  return {
    config: { kind: 'sqlite', path: join(dir, 'unknot.db') },
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** A fresh schema in the real PostgreSQL server of TEST_DATABASE_URL, dropped afterwards. */
export async function freshPostgres(): Promise<TestDatabase> {
  if (!postgresUrl) throw new Error(postgresSkipReason);
  const schema = `unknot_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    config: { kind: 'postgres', url: postgresUrl, schema },
    dispose: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** The dialects every contract suite runs against. */
export const dialects = [
  { name: 'sqlite', enabled: true, fresh: () => Promise.resolve(freshSqlite()) },
  { name: 'postgres', enabled: postgresUrl !== undefined, fresh: freshPostgres },
] as const;
