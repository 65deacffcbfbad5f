import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

/**
 * Step 7: clinic mode's care records (docs/clinic.md): invites a clinician hands out, the links between a patient
 * and a clinician, assigned programmes, weekly PEG scores, the audit trail, and who owns an episode.
 *
 * Like every step, it runs on both dialects so the history stays one; clinic mode itself runs on PostgreSQL only.
 * Instants are UTC ISO text in the one form store.ts writes, so text order is time order in both databases.
 * Every other table refers to the accounts and clinics of step 6, so a link or a programme cannot name someone
 * who does not exist; the audit trail refers to nothing (below).
 *
 * The audit trail is append-only. On PostgreSQL a trigger refuses UPDATE and DELETE row by row and a statement
 * trigger refuses TRUNCATE, and the three privileges are revoked from PUBLIC: the role the application connects
 * with cannot rewrite history, even through a bug or an injected query. The table's owner or a superuser could
 * still drop the trigger, which is why deployments run the server as a role that owns nothing here (docs/deploy.md).
 * SQLite gets the same refusal through triggers of its own, so a test on either dialect sees the same behaviour.
 *
 * Erasing a patient's data deletes their episodes and everything under them (store.ts); it does not touch the
 * audit trail. Its rows are not the patient's health data but a record of who accessed it, which the clinic must
 * keep, so nothing here cascades from an episode or an account into `audit_events`, and its ids are plain text
 * (a foreign key would tie the trail's life to the rows it mentions).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  // A clinician makes an invite; a patient redeems it once (used_at, used_by), within 14 days (expires_at).
  await db.schema
    .createTable('invites')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text', (c) => c.references('accounts.id'))
    .execute();
  await db.schema
    .createIndex('invites_clinician_time')
    .on('invites')
    .columns(['clinician_id', 'created_at'])
    .execute();

  // A link ends (ended_at) rather than being deleted: the history of who could see the record stays.
  await db.schema
    .createTable('care_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    // 0 or 1: SQLite has no boolean, and one column type for both dialects keeps the store's code single.
    .addColumn('share_notes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // At most one live link per patient and clinician: a second redeem of another invite of theirs is refused
  // by the database itself, even when two race.
  await db.schema
    .createIndex('care_links_live_pair')
    .on('care_links')
    .columns(['patient_id', 'clinician_id'])
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('care_links_clinician')
    .on('care_links')
    .columns(['clinician_id', 'created_at'])
    .execute();

  // The items and note as JSON text in `data`; the latest row of a patient is their programme.
  await db.schema
    .createTable('programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('programmes_patient_time')
    .on('programmes')
    .columns(['patient_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('peg_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('pain', 'integer', (c) => c.notNull())
    .addColumn('enjoyment', 'integer', (c) => c.notNull())
    .addColumn('activity', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('peg_scores_patient_time')
    .on('peg_scores')
    .columns(['patient_id', 'at', 'id'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('clinic_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .execute();
  // The patient's access log and the clinic's trail are each one range scan.
  await db.schema
    .createIndex('audit_events_patient_time')
    .on('audit_events')
    .columns(['patient_id', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_clinic_time')
    .on('audit_events')
    .columns(['clinic_id', 'at', 'id'])
    .execute();
  await appendOnly(db, dialect);

  // Null in personal mode (one person, no accounts; a null references nothing, so its writes pay no check); the
  // patient's account id in clinic mode.
  await db.schema
    .alterTable('episodes')
    .addColumn('owner_id', 'text', (c) => c.references('accounts.id'))
    .execute();
  await db.schema
    .createIndex('episodes_owner')
    .on('episodes')
    .columns(['owner_id', 'created_at', 'id'])
    .execute();
}

const refusal = 'audit_events is append-only: its rows cannot be changed or deleted';

async function appendOnly(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    for (const event of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger audit_events_no_${event} before ${event} on audit_events ` +
            `begin select raise(abort, '${refusal}'); end`,
        )
        .execute(db);
    }
    return;
  }
  // SQLSTATE 42501 (insufficient_privilege): the same class as the refused grant, so callers see one kind of no.
  await sql
    .raw(
      `create function audit_events_append_only() returns trigger language plpgsql as $$
       begin
         raise exception '${refusal} (% refused)', tg_op using errcode = '42501';
       end
       $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger audit_events_no_change before update or delete on audit_events
       for each row execute function audit_events_append_only()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger audit_events_no_truncate before truncate on audit_events
       for each statement execute function audit_events_append_only()`,
    )
    .execute(db);
  await sql.raw('revoke update, delete, truncate on audit_events from public').execute(db);
}
