import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@unknot/core';
import { sql, type InsertResult, type Kysely, type Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AccountsTable, Database, DialectName, PasskeysTable } from '../schema.ts';
import { asStorageError } from '../storage-errors.ts';
import type {
  Account,
  Clinic,
  IdentityStore,
  NewAccount,
  NewSession,
  RateVerdict,
  Role,
  SessionView,
  StoredPasskey,
} from './types.ts';

const secondMs = 1000;
const minuteMs = 60 * secondMs;
const dayMs = 24 * 60 * minuteMs;

/** Enrolment links are handed over out of band (e-mail, chat); a day is enough to open one and short enough to age out. */
export const enrolmentLinkSeconds = 24 * 60 * 60;
export const challengeSeconds = 5 * 60;
/** Five wrong passwords within fifteen minutes lock the account for fifteen minutes (docs/security.md). */
export const maxFailedSignIns = 5;
export const failureWindowMs = 15 * minuteMs;
export const lockMs = 15 * minuteMs;
/** A session idle this long ends: staff see many patients' records, so theirs ends soon; a patient's phone stays signed in. */
export const idleExpiryMs: Readonly<Record<Role, number>> = {
  clinician: 30 * minuteMs,
  clinic_admin: 30 * minuteMs,
  patient: 30 * dayMs,
};
/** A session's last use is written at most this often: every request reads it, few need to write. */
const touchEveryMs = minuteMs;

const roles: readonly Role[] = ['patient', 'clinician', 'clinic_admin'];

/** `account_locked` with how long is left, so the server can answer with Retry-After. */
export class AccountLockedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(
      'account_locked',
      `Too many wrong passwords: this account is locked for ${Math.ceil(retryAfterSeconds / 60)} more minute(s). ` +
        'Try again later, or sign in with a passkey.',
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A secret for a cookie or a link: 32 bytes from the platform's cryptographic source, URL-safe. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a token: a leaked table does not let anyone sign in or enrol. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** One answer for unknown, used and expired links: which of them it was would help someone guessing. */
function linkUnusable(): DomainError {
  return new DomainError(
    'invite_unusable',
    'This enrolment link cannot be used: it is unknown, already used, or older than 24 hours. Ask your clinic for a new one.',
  );
}

/** One answer for unknown e-mail, no password and wrong password: none of them reveals whether the account exists. */
function invalidCredentials(): DomainError {
  return new DomainError('invalid_credentials', 'The e-mail address or password is not right.');
}

const normaliseEmail = (email: string): string => email.trim().toLowerCase();

type AccountRow = Pick<
  Selectable<AccountsTable>,
  'id' | 'role' | 'clinic_id' | 'email' | 'display_name' | 'created_at'
>;

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  role: r.role as Role,
  clinicId: r.clinic_id,
  email: r.email,
  displayName: r.display_name,
  createdAt: r.created_at,
});

const toPasskey = (r: Selectable<PasskeysTable>): StoredPasskey => ({
  id: r.id,
  accountId: r.account_id,
  publicKey: r.public_key,
  counter: Number(r.counter),
  transports: JSON.parse(r.transports) as string[],
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

const accountColumns = [
  'accounts.id',
  'accounts.role',
  'accounts.clinic_id',
  'accounts.email',
  'accounts.display_name',
  'accounts.created_at',
] as const;

/**
 * Clinic mode's identities over the store's database (migration 6). Every single-use or counted step (an
 * enrolment link, a challenge, a failed password, a rate-limit hit) is one conditional statement, so two
 * server processes racing on the same row cannot both win or lose a count. Secrets are kept only as hashes.
 */
export class SqlIdentityStore implements IdentityStore {
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, _dialect: DialectName, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  /** The instant `ms` from now, in the stored form. */
  #at(ms = 0): string {
    return new Date(this.#now().getTime() + ms).toISOString();
  }

  /**
   * Statements that apply together. The store may itself have been made on a transaction (the admin CLI makes a
   * clinic and its admin in one); then that transaction already holds them together.
   */
  #atomically<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.#db.isTransaction ? work(this.#db) : this.#db.transaction().execute(work);
  }

  /**
   * Runs an INSERT … ON CONFLICT DO NOTHING of a row that must be new: a refused one is a `conflict` with
   * `message`. DO NOTHING rather than catching the violation: a refused insert leaves a surrounding transaction
   * usable.
   */
  async #insertNew(insert: Promise<InsertResult>, message: string): Promise<void> {
    const inserted = await this.#run(insert);
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new DomainError('conflict', message);
  }

  /** Storage failures become the store's DomainErrors; everything else passes through. */
  async #run<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw asStorageError(error);
    }
  }

  // Clinics and accounts

  async createClinic(name: string): Promise<Clinic> {
    const clinic: Clinic = { id: uuidv7(), name: name.trim(), createdAt: this.#at() };
    if (!clinic.name) throw fieldError('name', 'must not be empty');
    await this.#run(
      this.#db
        .insertInto('clinics')
        .values({ id: clinic.id, name: clinic.name, created_at: clinic.createdAt })
        .execute(),
    );
    return clinic;
  }

  async getClinic(id: string): Promise<Clinic> {
    const row = await this.#run(
      this.#db.selectFrom('clinics').selectAll().where('id', '=', id).executeTakeFirst(),
    );
    if (!row) throw new DomainError('not_found', `No clinic with id ${id}.`);
    return { id: row.id, name: row.name, createdAt: row.created_at };
  }

  async createAccount(input: NewAccount): Promise<Account> {
    if (!roles.includes(input.role)) throw fieldError('role', `must be one of ${roles.join(', ')}`);
    const clinicId = input.clinicId ?? null;
    // Staff belong to a clinic; a patient belongs to none (their care links say which clinicians see them).
    if (input.role === 'patient' && clinicId !== null)
      throw fieldError('clinicId', 'a patient has no clinic');
    if (input.role !== 'patient') {
      if (clinicId === null) throw fieldError('clinicId', `a ${input.role} needs a clinic`);
      await this.getClinic(clinicId);
    }
    const displayName = input.displayName.trim();
    if (!displayName) throw fieldError('displayName', 'must not be empty');
    const email = input.email == null ? null : normaliseEmail(input.email);
    if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email))
      throw fieldError('email', 'is not an e-mail address');
    const row = {
      id: uuidv7(),
      role: input.role,
      clinic_id: clinicId,
      email,
      display_name: displayName,
      created_at: this.#at(),
      password_hash: null,
      first_failure_at: null,
      locked_until: null,
    };
    await this.#insertNew(
      this.#db
        .insertInto('accounts')
        .values(row)
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst(),
      `An account with the e-mail ${email ?? ''} exists.`,
    );
    return toAccount(row);
  }

  async getAccount(id: string): Promise<Account> {
    const row = await this.#run(
      this.#db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),
    );
    if (!row) throw new DomainError('not_found', `No account with id ${id}.`);
    return toAccount(row);
  }

  async accountByEmail(email: string): Promise<Account | undefined> {
    const row = await this.#run(
      this.#db
        .selectFrom('accounts')
        .selectAll()
        .where('email', '=', normaliseEmail(email))
        .executeTakeFirst(),
    );
    return row && toAccount(row);
  }

  // Enrolment links

  async createEnrolmentLink(
    accountId: string,
    ttlSeconds = enrolmentLinkSeconds,
  ): Promise<{ token: string; expiresAt: string }> {
    await this.getAccount(accountId);
    const token = newToken();
    const expiresAt = this.#at(ttlSeconds * secondMs);
    // A new link replaces the account's earlier ones: a link sent again because the first went astray leaves
    // the first unusable, and used or expired links are not kept.
    await this.#run(
      this.#atomically(async (trx) => {
        await trx.deleteFrom('enrolment_links').where('account_id', '=', accountId).execute();
        await trx
          .insertInto('enrolment_links')
          .values({
            token_hash: tokenHash(token),
            account_id: accountId,
            created_at: this.#at(),
            expires_at: expiresAt,
            used_at: null,
          })
          .execute();
      }),
    );
    return { token, expiresAt };
  }

  async redeemEnrolmentLink(token: string): Promise<Account> {
    const now = this.#at();
    // One conditional UPDATE: of two redeems at the same moment, the second finds used_at set and changes nothing.
    const used = await this.#run(
      this.#db
        .updateTable('enrolment_links')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('account_id')
        .executeTakeFirst(),
    );
    if (!used) throw linkUnusable();
    return this.getAccount(used.account_id);
  }

  // Passwords

  async setPasswordHash(accountId: string, hash: string): Promise<void> {
    const result = await this.#run(
      this.#db
        .updateTable('accounts')
        .set({ password_hash: hash, failed_sign_ins: 0, first_failure_at: null, locked_until: null })
        .where('id', '=', accountId)
        .executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError('not_found', `No account with id ${accountId}.`);
  }

  async passwordSignIn(email: string, verify: (hash: string) => Promise<boolean>): Promise<Account> {
    const row = await this.#run(
      this.#db
        .selectFrom('accounts')
        .selectAll()
        .where('email', '=', normaliseEmail(email))
        .executeTakeFirst(),
    );
    if (!row) throw invalidCredentials();
    const attempt = await this.#claimAttempt(row.id);
    if (attempt === undefined) throw await this.#lockedError(row.id);
    if (attempt.password_hash !== null && (await verify(attempt.password_hash))) {
      await this.#run(
        this.#db
          .updateTable('accounts')
          .set({ failed_sign_ins: 0, first_failure_at: null, locked_until: null })
          .where('id', '=', row.id)
          .execute(),
      );
      return toAccount(row);
    }
    if (attempt.failed_sign_ins >= maxFailedSignIns) await this.#lock(row.id);
    throw invalidCredentials();
  }

  /**
   * Counts an attempt as a failure before its password is checked, in one UPDATE; a success takes it back. So
   * a burst of simultaneous guesses, from any number of processes, has its hashes checked at most five times
   * per window: the sixth finds the count full and is refused like a locked account, without a check. An
   * attempt whose window (15 minutes from the first failure) has passed starts a new window. Undefined when
   * the account is locked or its window is full.
   */
  async #claimAttempt(
    accountId: string,
  ): Promise<{ failed_sign_ins: number; password_hash: string | null } | undefined> {
    const now = this.#at();
    const fresh = sql<boolean>`(first_failure_at is null or first_failure_at <= ${this.#at(-failureWindowMs)})`;
    return this.#run(
      this.#db
        .updateTable('accounts')
        .set({
          failed_sign_ins: sql`case when ${fresh} then 1 else failed_sign_ins + 1 end`,
          first_failure_at: sql`case when ${fresh} then ${now} else first_failure_at end`,
        })
        .where('id', '=', accountId)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .where(sql<boolean>`(${fresh} or failed_sign_ins < ${maxFailedSignIns})`)
        .returning(['failed_sign_ins', 'password_hash'])
        .executeTakeFirst(),
    );
  }

  /**
   * The attempt that filled the window failed: lock for 15 minutes and empty the count, so the person has five
   * tries again afterwards. Unless a success emptied the count meanwhile: then there is nothing to lock.
   */
  async #lock(accountId: string): Promise<void> {
    await this.#run(
      this.#db
        .updateTable('accounts')
        .set({ locked_until: this.#at(lockMs), failed_sign_ins: 0, first_failure_at: null })
        .where('id', '=', accountId)
        .where('failed_sign_ins', '>=', maxFailedSignIns)
        .execute(),
    );
  }

  /** How long a refused attempt waits: to the end of the lock, or of the window other attempts have filled. */
  async #lockedError(accountId: string): Promise<AccountLockedError> {
    const row = await this.#run(
      this.#db
        .selectFrom('accounts')
        .select(['locked_until', 'first_failure_at'])
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow(),
    );
    const now = this.#now().getTime();
    const until =
      row.locked_until !== null && Date.parse(row.locked_until) > now
        ? Date.parse(row.locked_until)
        : Date.parse(row.first_failure_at ?? new Date(now).toISOString()) + failureWindowMs;
    return new AccountLockedError(Math.max(1, Math.ceil((until - now) / secondMs)));
  }

  // Passkeys

  async addPasskey(
    accountId: string,
    passkey: { id: string; publicKey: string; counter: number; transports: string[] },
  ): Promise<StoredPasskey> {
    const row = {
      id: passkey.id,
      account_id: accountId,
      public_key: passkey.publicKey,
      counter: passkey.counter,
      transports: JSON.stringify(passkey.transports),
      created_at: this.#at(),
      last_used_at: null,
    };
    await this.getAccount(accountId);
    await this.#insertNew(
      this.#db
        .insertInto('passkeys')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst(),
      'This passkey is already registered.',
    );
    return toPasskey(row);
  }

  async getPasskey(id: string): Promise<StoredPasskey | undefined> {
    const row = await this.#run(
      this.#db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst(),
    );
    return row && toPasskey(row);
  }

  async passkeysOf(accountId: string): Promise<StoredPasskey[]> {
    const rows = await this.#run(
      this.#db
        .selectFrom('passkeys')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    );
    return rows.map(toPasskey);
  }

  async touchPasskey(id: string, counter: number): Promise<void> {
    await this.#run(
      this.#db
        .updateTable('passkeys')
        .set({ counter, last_used_at: this.#at() })
        .where('id', '=', id)
        .execute(),
    );
  }

  // WebAuthn challenges

  async saveChallenge(input: {
    purpose: 'register' | 'authenticate';
    accountId: string | null;
    challenge: string;
    ttlSeconds?: number;
  }): Promise<string> {
    const id = uuidv7();
    const now = this.#at();
    await this.#run(
      this.#atomically(async (trx) => {
        // Expired challenges are never taken; clearing them here keeps the table small without a timer.
        await trx.deleteFrom('auth_challenges').where('expires_at', '<=', now).execute();
        await trx
          .insertInto('auth_challenges')
          .values({
            id,
            purpose: input.purpose,
            account_id: input.accountId,
            challenge: input.challenge,
            created_at: now,
            expires_at: this.#at((input.ttlSeconds ?? challengeSeconds) * secondMs),
          })
          .execute();
      }),
    );
    return id;
  }

  async takeChallenge(
    id: string,
  ): Promise<
    { purpose: 'register' | 'authenticate'; accountId: string | null; challenge: string } | undefined
  > {
    // DELETE … RETURNING: of two takes, only one gets the row back.
    const row = await this.#run(
      this.#db.deleteFrom('auth_challenges').where('id', '=', id).returningAll().executeTakeFirst(),
    );
    if (!row || row.expires_at <= this.#at()) return undefined;
    return {
      purpose: row.purpose as 'register' | 'authenticate',
      accountId: row.account_id,
      challenge: row.challenge,
    };
  }

  // Sessions

  async createSession(accountId: string): Promise<NewSession> {
    const account = await this.getAccount(accountId);
    const token = newToken();
    const now = this.#at();
    const expiresAt = this.#at(idleExpiryMs[account.role]);
    const sessionId = tokenHash(token);
    const csrfToken = newToken();
    // The account's ended sessions (expired or revoked) are of no further use: cleared as a new one starts.
    await this.#run(
      this.#db
        .deleteFrom('auth_sessions')
        .where('account_id', '=', accountId)
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('revoked_at', 'is not', null)]))
        .execute(),
    );
    await this.#run(
      this.#db
        .insertInto('auth_sessions')
        .values({
          id: sessionId,
          account_id: accountId,
          csrf_token: csrfToken,
          created_at: now,
          last_seen_at: now,
          expires_at: expiresAt,
          revoked_at: null,
        })
        .execute(),
    );
    return { token, sessionId, account, csrfToken, expiresAt };
  }

  async session(token: string): Promise<SessionView | undefined> {
    const now = this.#at();
    const row = await this.#run(
      this.#db
        .selectFrom('auth_sessions')
        .innerJoin('accounts', 'accounts.id', 'auth_sessions.account_id')
        .select([
          ...accountColumns,
          'auth_sessions.id as session_id',
          'auth_sessions.csrf_token',
          'auth_sessions.last_seen_at',
          'auth_sessions.expires_at',
        ])
        .where('auth_sessions.id', '=', tokenHash(token))
        .where('auth_sessions.revoked_at', 'is', null)
        .where('auth_sessions.expires_at', '>', now)
        .executeTakeFirst(),
    );
    if (!row) return undefined;
    const account = toAccount(row);
    let expiresAt = row.expires_at;
    if (this.#now().getTime() - Date.parse(row.last_seen_at) >= touchEveryMs) {
      expiresAt = this.#at(idleExpiryMs[account.role]);
      // Only a live session slides: one revoked between the read and this write stays revoked.
      await this.#run(
        this.#db
          .updateTable('auth_sessions')
          .set({ last_seen_at: now, expires_at: expiresAt })
          .where('id', '=', row.session_id)
          .where('revoked_at', 'is', null)
          .execute(),
      );
    }
    return { sessionId: row.session_id, account, csrfToken: row.csrf_token, expiresAt };
  }

  async revokeSession(token: string): Promise<void> {
    await this.#run(
      this.#db
        .updateTable('auth_sessions')
        .set({ revoked_at: this.#at() })
        .where('id', '=', tokenHash(token))
        .where('revoked_at', 'is', null)
        .execute(),
    );
  }

  async revokeAllSessions(accountId: string): Promise<number> {
    const now = this.#at();
    const result = await this.#run(
      this.#db
        .updateTable('auth_sessions')
        .set({ revoked_at: now })
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows);
  }

  // Rate limits

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateVerdict> {
    if (!(Number.isFinite(windowSeconds) && windowSeconds > 0)) {
      throw new RangeError(`A rate window is a positive number of seconds (got ${windowSeconds}).`);
    }
    const windowMs = windowSeconds * secondMs;
    const nowMs = this.#now().getTime();
    // Windows are aligned to the epoch, so every process computes the same start for the same moment.
    const startMs = Math.floor(nowMs / windowMs) * windowMs;
    const windowStart = new Date(startMs).toISOString();
    const later = sql<boolean>`rate_counters.window_start >= excluded.window_start`;
    // One upsert: a hit in the stored window adds one, a hit in a later window starts it again at one.
    const row = await this.#run(
      this.#db
        .insertInto('rate_counters')
        .values({
          key,
          window_start: windowStart,
          window_end: new Date(startMs + windowMs).toISOString(),
          count: 1,
        })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql`case when ${later} then rate_counters.count + 1 else 1 end`,
            window_start: sql`case when ${later} then rate_counters.window_start else excluded.window_start end`,
            window_end: sql`case when ${later} then rate_counters.window_end else excluded.window_end end`,
          }),
        )
        .returning(['count', 'window_end'])
        .executeTakeFirstOrThrow(),
    );
    // A key's first hit of a window is rare next to the rest; it also clears counters whose window has ended,
    // so addresses seen once do not stay in the table.
    if (row.count === 1) {
      await this.#run(this.#db.deleteFrom('rate_counters').where('window_end', '<=', this.#at()).execute());
    }
    if (row.count <= limit) return { allowed: true, retryAfterSeconds: 0 };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(row.window_end) - nowMs) / secondMs)),
    };
  }
}

function fieldError(field: string, problem: string): DomainError {
  return new DomainError('validation_failed', `The account or clinic is not valid: ${field} ${problem}.`, [
    { field, problem },
  ]);
}
