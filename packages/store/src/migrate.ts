import { sql, type Kysely } from 'kysely';
import { migrationSteps, type MigrationStep } from './migrations/index.ts';
import type { Database, DialectName } from './schema.ts';

export class MigrationHistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationHistoryError';
  }
}

async function appliedSteps(db: Kysely<Database>): Promise<{ step: number; name: string }[]> {
  return db.selectFrom('unknot_migrations').select(['step', 'name']).orderBy('step').execute();
}

/**
 * Refuses a database whose applied history is not a prefix of our steps: it was written by another
 * (newer or diverging) version of unknot, and writing to it could lose data.
 */
function checkHistory(applied: { step: number; name: string }[], steps: readonly MigrationStep[]): void {
  applied.forEach((row, i) => {
    const ours = steps[i];
    if (!ours || ours.step !== row.step || ours.name !== row.name) {
      throw new MigrationHistoryError(
        `This database's migration history does not match this version of unknot: step ${row.step} "${row.name}" ` +
          `is ${ours ? `"${ours.name}" here` : 'unknown here (the database is newer than this program)'}. ` +
          'Refusing to open it so nothing is lost. Use the unknot version that wrote it, or another database.',
      );
    }
  });
}

/**
 * Applies the steps this database has not had yet, in one transaction, and records them.
 * Running it again changes nothing. Concurrent starts are serialised (PostgreSQL advisory lock; SQLite's
 * write lock), so two server processes cannot apply the same step twice.
 */
export async function migrate(
  db: Kysely<Database>,
  dialect: DialectName,
  steps: readonly MigrationStep[] = migrationSteps,
): Promise<{ applied: string[] }> {
  await db.schema
    .createTable('unknot_migrations')
    .ifNotExists()
    .addColumn('step', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();

  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(727001)`.execute(trx);
    const history = await appliedSteps(trx);
    checkHistory(history, steps);
    for (const step of steps.slice(history.length)) {
      await step.up(trx as unknown as Kysely<unknown>, dialect);
      await trx
        .insertInto('unknot_migrations')
        .values({ step: step.step, name: step.name, applied_at: new Date().toISOString() })
        .execute();
      applied.push(step.name);
    }
  });
  return { applied };
}
