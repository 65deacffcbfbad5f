import type { Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

/** Step 2: check-ins ("any warning signs since the last check?"), under an episode like the other records. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episodes.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('check_ins_episode_time')
    .on('check_ins')
    .columns(['episode_id', 'at', 'id'])
    .execute();
}
