import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

/**
 * Step 4: each episode counts its diary entries, so the ceiling of 10,000 a write checks is one column read,
 * not a count over the episode's entries (which halved the diary write rate: bench/api.ts). Filled from the
 * entries already stored.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('episodes')
    .addColumn('diary_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update episodes set diary_count = (select count(*) from diary_entries where diary_entries.episode_id = episodes.id)`.execute(
    db,
  );
}
