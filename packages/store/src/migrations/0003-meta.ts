import type { Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

/**
 * Step 3: a small key-value table for the store's own use. The health check writes a row here, so
 * `/healthz` proves the database can still take a durable write, not only answer a read.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('unknot_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
