import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

/**
 * Step 5: an episode's onset date and time zone as columns beside its JSON body. A diary write checks its date
 * against them, and with them as columns that check needs no read of its own: the statement that takes a place
 * under the 10,000-entry ceiling returns them (store.ts). Filled from the bodies already stored.
 *
 * SQLite cannot add a NOT NULL column without a default; the default is never used, every write sets both.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  for (const column of ['onset_date', 'time_zone']) {
    await db.schema
      .alterTable('episodes')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  // The body is JSON text in both databases; each reads a field of it its own way.
  const field = (name: string) =>
    dialect === 'sqlite' ? sql`json_extract(data, ${`$.${name}`})` : sql`(data::json ->> ${name})`;
  await sql`update episodes set onset_date = ${field('onsetDate')}, time_zone = ${field('timeZone')}`.execute(
    db,
  );
}
