import type { Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

/**
 * Step 1: episodes and what hangs under them. The SQL is the same for both dialects (Kysely's schema
 * builder writes each one's syntax), so this step has one file.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .execute();

  for (const [table, timeColumn] of [
    ['assessments', 'at'],
    ['diary_entries', 'at'],
    ['session_logs', 'started_at'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('episode_id', 'text', (c) => c.notNull().references('episodes.id').onDelete('cascade'))
      .addColumn(timeColumn, 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex(`${table}_episode_time`)
      .on(table)
      .columns(['episode_id', timeColumn, 'id'])
      .execute();
  }
}
