import type { Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

/**
 * Step 6: clinic mode's identities (docs/clinic.md): clinics, the accounts of patients, clinicians and clinic
 * admins, how they sign in (password hash, passkeys), their sessions, WebAuthn challenges, one-time enrolment
 * links, and the fixed-window counters every server process shares for rate limits.
 *
 * Like every step it runs on both dialects so the history stays one; clinic mode itself runs on PostgreSQL only.
 * Instants are UTC ISO text in the one form the store writes, so text order is time order in both databases.
 *
 * No secret is stored as it is: a session, an enrolment link and a challenge id are looked up by what the client
 * holds, so sessions and links keep only the SHA-256 of their token, and passwords only an argon2id hash.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('clinics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // One row per person. The lockout columns live here because lockout is per account, whichever process or
  // address the guesses come from; they are changed by one UPDATE each, so concurrent failures all count.
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('clinic_id', 'text', (c) => c.references('clinics.id'))
    // Lower-cased by the store; unique so an e-mail names one account. Patients may have none (NULLs never clash).
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_failure_at', 'text')
    .addColumn('locked_until', 'text')
    .execute();
  await db.schema.createIndex('accounts_clinic').on('accounts').column('clinic_id').execute();

  // The credential id is the key the authenticator presents at sign-in. The signature counter reaches 2^32 - 1,
  // beyond PostgreSQL's integer, hence bigint.
  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('passkeys_account').on('passkeys').column('account_id').execute();

  // id = SHA-256 hex of the cookie's token: a copy of this table does not let anyone sign in.
  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('auth_sessions_account')
    .on('auth_sessions')
    .columns(['account_id', 'expires_at'])
    .execute();

  // A challenge is taken (deleted) by the sign-in or registration that answers it, so each is used once.
  await db.schema
    .createTable('auth_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_challenges_expiry').on('auth_challenges').column('expires_at').execute();

  await db.schema
    .createTable('enrolment_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('enrolment_links_account').on('enrolment_links').column('account_id').execute();

  // One row per limited key (e.g. an address or an e-mail); the window restarts in place. Rows whose window
  // has ended are cleared by window_end, whatever the length of their window.
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_counters_end').on('rate_counters').column('window_end').execute();
}
