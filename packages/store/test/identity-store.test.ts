import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountLockedError, SqlIdentityStore, type Account, type Role } from '../src/index.ts';
import { openStore } from '../src/open.ts';
import type { Store } from '../src/store.ts';
import { makeAccountInput } from './clinic-factories.ts';
import { clinicStoresEach } from './clinic-stores.ts';
import { dialects, postgresSkipReason, type TestDatabase } from './databases.ts';
import { expectDomainError } from './expect-domain-error.ts';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** Stands in for the server's argon2 check: the "hash" of a password is the password with a prefix. */
const fakeHash = (password: string) => `test-hash:${password}`;
/** The e-mail of a staff account (the factories give every staff account one). */
function emailOf(account: Account): string {
  if (account.email === null) throw new Error(`test account ${account.id} has no e-mail`);
  return account.email;
}
const verifierFor = (password: string) => (hash: string) => Promise.resolve(hash === fakeHash(password));

// One contract, two real databases; the clock is injected so every expiry is tested at its edge.
for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`identity store (${dialect.name})`, () => {
    const t = clinicStoresEach(dialect);

    async function account(role: Role): Promise<Account> {
      const clinicId = role === 'patient' ? null : (await t.identity.createClinic('Back Care Leeds')).id;
      return t.identity.createAccount(makeAccountInput(role, clinicId));
    }

    async function withPassword(password: string): Promise<Account> {
      const a = await account('clinician');
      await t.identity.setPasswordHash(a.id, fakeHash(password));
      return a;
    }

    describe('clinics and accounts', () => {
      it('creates and reads back a clinic and an account, with the e-mail lower-cased', async () => {
        const clinic = await t.identity.createClinic('  Back Care Leeds ');
        expect(await t.identity.getClinic(clinic.id)).toEqual({ ...clinic, name: 'Back Care Leeds' });
        const created = await t.identity.createAccount({
          role: 'clinician',
          clinicId: clinic.id,
          email: ' Dr.Ada@Example.ORG ',
          displayName: 'Ada',
        });
        expect(created).toMatchObject({
          role: 'clinician',
          clinicId: clinic.id,
          email: 'dr.ada@example.org',
        });
        expect(await t.identity.getAccount(created.id)).toEqual(created);
        expect(await t.identity.accountByEmail('DR.ADA@example.org')).toEqual(created);
        expect(await t.identity.accountByEmail('nobody@example.org')).toBeUndefined();
      });

      it('refuses a second account with the same e-mail, whatever its case', async () => {
        const clinic = await t.identity.createClinic('Back Care Leeds');
        await t.identity.createAccount({
          role: 'clinician',
          clinicId: clinic.id,
          email: 'a@example.org',
          displayName: 'A',
        });
        await expectDomainError(
          t.identity.createAccount({
            role: 'clinic_admin',
            clinicId: clinic.id,
            email: 'A@Example.org',
            displayName: 'B',
          }),
          'conflict',
        );
      });

      it('lets many patients have no e-mail', async () => {
        const a = await t.identity.createAccount({ role: 'patient', displayName: 'Sam' });
        const b = await t.identity.createAccount({ role: 'patient', displayName: 'Kim' });
        expect(a.email).toBeNull();
        expect(b.email).toBeNull();
      });

      it('refuses staff without a known clinic, and a patient with one', async () => {
        await expectDomainError(
          t.identity.createAccount({ role: 'clinician', displayName: 'A' }),
          'validation_failed',
        );
        await expectDomainError(
          t.identity.createAccount({ role: 'clinician', clinicId: 'no-such-clinic', displayName: 'A' }),
          'not_found',
        );
        const clinic = await t.identity.createClinic('Back Care Leeds');
        await expectDomainError(
          t.identity.createAccount({ role: 'patient', clinicId: clinic.id, displayName: 'A' }),
          'validation_failed',
        );
      });

      it('answers not_found for unknown ids', async () => {
        await expectDomainError(t.identity.getClinic('nope'), 'not_found');
        await expectDomainError(t.identity.getAccount('nope'), 'not_found');
        await expectDomainError(t.identity.setPasswordHash('nope', fakeHash('x')), 'not_found');
      });
    });

    describe('enrolment links', () => {
      it('stores only the SHA-256 of the token', async () => {
        const a = await account('clinician');
        const { token } = await t.identity.createEnrolmentLink(a.id);
        expect(Buffer.from(token, 'base64url')).toHaveLength(32);
        const rows = await t.store.db.selectFrom('enrolment_links').selectAll().execute();
        expect(rows.map((r) => r.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
        expect(JSON.stringify(rows)).not.toContain(token);
      });

      it('redeems once', async () => {
        const a = await account('clinician');
        const { token } = await t.identity.createEnrolmentLink(a.id);
        expect(await t.identity.redeemEnrolmentLink(token)).toEqual(a);
        await expectDomainError(t.identity.redeemEnrolmentLink(token), 'invite_unusable');
        await expectDomainError(t.identity.redeemEnrolmentLink('not-a-token'), 'invite_unusable');
      });

      it('expires after 24 hours', async () => {
        const a = await account('clinician');
        const b = await account('clinician');
        const first = await t.identity.createEnrolmentLink(a.id);
        const second = await t.identity.createEnrolmentLink(b.id);
        expect(first.expiresAt).toBe(new Date(t.now().getTime() + day).toISOString());
        t.advance(day - 1);
        expect((await t.identity.redeemEnrolmentLink(first.token)).id).toBe(a.id);
        t.advance(1);
        await expectDomainError(t.identity.redeemEnrolmentLink(second.token), 'invite_unusable');
      });

      it('a new link for an account replaces its earlier one', async () => {
        const a = await account('clinician');
        const astray = await t.identity.createEnrolmentLink(a.id);
        const again = await t.identity.createEnrolmentLink(a.id);
        await expectDomainError(t.identity.redeemEnrolmentLink(astray.token), 'invite_unusable');
        expect((await t.identity.redeemEnrolmentLink(again.token)).id).toBe(a.id);
        expect(await t.store.db.selectFrom('enrolment_links').select('account_id').execute()).toHaveLength(1);
      });
    });

    describe('password sign-in and lockout', () => {
      it('signs in with the right password, whatever the e-mail case', async () => {
        const a = await withPassword('correct horse battery');
        expect(
          await t.identity.passwordSignIn(emailOf(a).toUpperCase(), verifierFor('correct horse battery')),
        ).toEqual(a);
      });

      it('gives one answer for an unknown e-mail, no password and a wrong password', async () => {
        const withOne = await withPassword('correct horse battery');
        const without = await account('clinician');
        const messages = new Set<string>();
        for (const [email, password] of [
          ['nobody@example.org', 'correct horse battery'],
          [emailOf(without), 'correct horse battery'],
          [emailOf(withOne), 'wrong'],
        ] as const) {
          const error = await expectDomainError(
            t.identity.passwordSignIn(email, verifierFor(password)),
            'invalid_credentials',
          );
          messages.add(error.message);
        }
        expect(messages.size).toBe(1);
      });

      it('locks after five failures within 15 minutes, with the time left, even for the right password', async () => {
        const a = await withPassword('right one');
        for (let i = 0; i < 5; i += 1) {
          await expectDomainError(
            t.identity.passwordSignIn(emailOf(a), verifierFor('wrong')),
            'invalid_credentials',
          );
          t.advance(2 * minute);
        }
        // The fifth failure was 2 minutes ago: 13 minutes are left.
        let checked = false;
        const error = await expectDomainError(
          t.identity.passwordSignIn(emailOf(a), (hash) => {
            checked = true;
            return verifierFor('right one')(hash);
          }),
          'account_locked',
        );
        expect(checked).toBe(false);
        expect(error).toBeInstanceOf(AccountLockedError);
        expect(error).toMatchObject({ retryAfterSeconds: 13 * 60 });
        t.advance(13 * minute - 1);
        await expectDomainError(
          t.identity.passwordSignIn(emailOf(a), verifierFor('right one')),
          'account_locked',
        );
        t.advance(1);
        expect((await t.identity.passwordSignIn(emailOf(a), verifierFor('right one'))).id).toBe(a.id);
      });

      it('does not lock for five failures spread over more than 15 minutes', async () => {
        const a = await withPassword('right one');
        for (let i = 0; i < 4; i += 1) {
          await expectDomainError(
            t.identity.passwordSignIn(emailOf(a), verifierFor('wrong')),
            'invalid_credentials',
          );
        }
        t.advance(15 * minute);
        await expectDomainError(
          t.identity.passwordSignIn(emailOf(a), verifierFor('wrong')),
          'invalid_credentials',
        );
        expect((await t.identity.passwordSignIn(emailOf(a), verifierFor('right one'))).id).toBe(a.id);
      });

      it('a success resets the count', async () => {
        const a = await withPassword('right one');
        for (let i = 0; i < 4; i += 1) {
          await expectDomainError(
            t.identity.passwordSignIn(emailOf(a), verifierFor('wrong')),
            'invalid_credentials',
          );
        }
        await t.identity.passwordSignIn(emailOf(a), verifierFor('right one'));
        for (let i = 0; i < 4; i += 1) {
          await expectDomainError(
            t.identity.passwordSignIn(emailOf(a), verifierFor('wrong')),
            'invalid_credentials',
          );
        }
        expect((await t.identity.passwordSignIn(emailOf(a), verifierFor('right one'))).id).toBe(a.id);
      });

      it('checks at most five of a burst of simultaneous guesses; the rest are refused as locked', async () => {
        const a = await withPassword('right one');
        let checks = 0;
        const slowWrong = async (hash: string) => {
          checks += 1;
          // Every guess is in flight at once, as when many requests arrive together.
          await new Promise((resolve) => setTimeout(resolve, 20));
          return hash === fakeHash('wrong');
        };
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, () => t.identity.passwordSignIn(emailOf(a), slowWrong)),
        );
        const codes = results.map((r) =>
          r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok',
        );
        expect(checks).toBe(5);
        expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(5);
        expect(codes.filter((c) => c === 'account_locked')).toHaveLength(7);
        await expectDomainError(
          t.identity.passwordSignIn(emailOf(a), verifierFor('right one')),
          'account_locked',
        );
      });

      it('a right fifth attempt signs in instead of locking, and empties the count', async () => {
        const a = await withPassword('right one');
        for (let i = 0; i < 4; i += 1) {
          await expectDomainError(
            t.identity.passwordSignIn(emailOf(a), verifierFor('wrong')),
            'invalid_credentials',
          );
        }
        // The fifth attempt is the right one: it does not lock.
        expect((await t.identity.passwordSignIn(emailOf(a), verifierFor('right one'))).id).toBe(a.id);
        await expectDomainError(
          t.identity.passwordSignIn(emailOf(a), verifierFor('wrong')),
          'invalid_credentials',
        );
        expect((await t.identity.passwordSignIn(emailOf(a), verifierFor('right one'))).id).toBe(a.id);
      });

      it('counts concurrent failures: none is lost', async () => {
        const a = await withPassword('right one');
        const tries = Array.from({ length: 5 }, () =>
          t.identity.passwordSignIn(emailOf(a), verifierFor('wrong')),
        );
        const results = await Promise.allSettled(tries);
        expect(results.every((r) => r.status === 'rejected')).toBe(true);
        await expectDomainError(
          t.identity.passwordSignIn(emailOf(a), verifierFor('right one')),
          'account_locked',
        );
      });
    });

    describe('passkeys', () => {
      it('stores, lists and touches a passkey; a second with the same id is a conflict', async () => {
        const a = await account('patient');
        const stored = await t.identity.addPasskey(a.id, {
          id: 'cred-1',
          publicKey: 'cHVibGlj',
          counter: 4_294_967_295,
          transports: ['internal', 'hybrid'],
        });
        expect(await t.identity.getPasskey('cred-1')).toEqual(stored);
        expect(await t.identity.passkeysOf(a.id)).toEqual([stored]);
        await expectDomainError(
          t.identity.addPasskey(a.id, { id: 'cred-1', publicKey: 'eA', counter: 0, transports: [] }),
          'conflict',
        );
        t.advance(minute);
        await t.identity.touchPasskey('cred-1', 7);
        expect(await t.identity.getPasskey('cred-1')).toEqual({
          ...stored,
          counter: 7,
          lastUsedAt: t.now().toISOString(),
        });
        expect(await t.identity.getPasskey('cred-2')).toBeUndefined();
        await expectDomainError(
          t.identity.addPasskey('no-such-account', {
            id: 'cred-3',
            publicKey: 'eA',
            counter: 0,
            transports: [],
          }),
          'not_found',
        );
      });
    });

    describe('challenges', () => {
      it('are taken once', async () => {
        const a = await account('patient');
        const id = await t.identity.saveChallenge({ purpose: 'register', accountId: a.id, challenge: 'abc' });
        expect(await t.identity.takeChallenge(id)).toEqual({
          purpose: 'register',
          accountId: a.id,
          challenge: 'abc',
        });
        expect(await t.identity.takeChallenge(id)).toBeUndefined();
        expect(await t.identity.takeChallenge('unknown')).toBeUndefined();
      });

      it('expire after 5 minutes by default, or their own time', async () => {
        const early = await t.identity.saveChallenge({
          purpose: 'authenticate',
          accountId: null,
          challenge: 'a',
        });
        const late = await t.identity.saveChallenge({
          purpose: 'authenticate',
          accountId: null,
          challenge: 'b',
        });
        const short = await t.identity.saveChallenge({
          purpose: 'authenticate',
          accountId: null,
          challenge: 'c',
          ttlSeconds: 10,
        });
        t.advance(10 * second);
        expect(await t.identity.takeChallenge(short)).toBeUndefined();
        t.advance(5 * minute - 10 * second - 1);
        expect(await t.identity.takeChallenge(early)).toMatchObject({ challenge: 'a', accountId: null });
        t.advance(1);
        expect(await t.identity.takeChallenge(late)).toBeUndefined();
      });
    });

    describe('sessions', () => {
      it('stores only the hash of the token, and reads the session back by the token', async () => {
        const a = await account('patient');
        const made = await t.identity.createSession(a.id);
        expect(made.sessionId).toBe(createHash('sha256').update(made.token).digest('hex'));
        const rows = await t.store.db.selectFrom('auth_sessions').selectAll().execute();
        expect(JSON.stringify(rows)).not.toContain(made.token);
        expect(await t.identity.session(made.token)).toEqual({
          sessionId: made.sessionId,
          account: a,
          csrfToken: made.csrfToken,
          expiresAt: made.expiresAt,
        });
        expect(await t.identity.session('not-a-token')).toBeUndefined();
      });

      for (const [role, idle] of [
        ['clinician', 30 * minute],
        ['clinic_admin', 30 * minute],
        ['patient', 30 * day],
      ] as const) {
        it(`a ${role}'s session ends after ${idle / minute} idle minutes`, async () => {
          const made = await t.identity.createSession((await account(role)).id);
          expect(made.expiresAt).toBe(new Date(t.now().getTime() + idle).toISOString());
          t.advance(idle - 1);
          expect(await t.identity.session(made.token)).toBeDefined();
          // That use slid the expiry forward by the whole idle time.
          t.advance(idle - 1);
          expect(await t.identity.session(made.token)).toBeDefined();
          t.advance(idle);
          expect(await t.identity.session(made.token)).toBeUndefined();
        });
      }

      it('writes the last use at most once a minute', async () => {
        const made = await t.identity.createSession((await account('clinician')).id);
        t.advance(30 * second);
        expect((await t.identity.session(made.token))?.expiresAt).toBe(made.expiresAt);
        t.advance(30 * second);
        expect((await t.identity.session(made.token))?.expiresAt).toBe(
          new Date(t.now().getTime() + 30 * minute).toISOString(),
        );
      });

      it('revokes one session, or all of an account', async () => {
        const a = await account('patient');
        const other = await account('patient');
        const one = await t.identity.createSession(a.id);
        const two = await t.identity.createSession(a.id);
        const three = await t.identity.createSession(a.id);
        const theirs = await t.identity.createSession(other.id);
        await t.identity.revokeSession(one.token);
        expect(await t.identity.session(one.token)).toBeUndefined();
        expect(await t.identity.session(two.token)).toBeDefined();
        expect(await t.identity.revokeAllSessions(a.id)).toBe(2);
        expect(await t.identity.session(two.token)).toBeUndefined();
        expect(await t.identity.session(three.token)).toBeUndefined();
        expect(await t.identity.session(theirs.token)).toBeDefined();
        expect(await t.identity.revokeAllSessions(a.id)).toBe(0);
      });

      it("clears an account's ended sessions when it starts a new one, and no one else's", async () => {
        const a = await account('clinician');
        const other = await account('clinician');
        const revoked = await t.identity.createSession(a.id);
        await t.identity.revokeSession(revoked.token);
        await t.identity.createSession(a.id);
        const theirs = await t.identity.createSession(other.id);
        t.advance(31 * minute);
        const fresh = await t.identity.createSession(a.id);
        const rows = await t.store.db.selectFrom('auth_sessions').select('id').execute();
        expect(rows.map((r) => r.id).sort()).toEqual([fresh.sessionId, theirs.sessionId].sort());
      });

      it('a revoked session stays revoked after its idle time would have slid', async () => {
        const made = await t.identity.createSession((await account('patient')).id);
        await t.identity.revokeSession(made.token);
        t.advance(2 * minute);
        expect(await t.identity.session(made.token)).toBeUndefined();
      });
    });

    describe('rate counters', () => {
      it('allow up to the limit in a window, then say how long until the next', async () => {
        t.setNow('2026-03-02T09:00:10.000Z');
        for (let i = 0; i < 3; i += 1)
          expect(await t.identity.hit('ip:1', 3, 60)).toEqual({ allowed: true, retryAfterSeconds: 0 });
        expect(await t.identity.hit('ip:1', 3, 60)).toEqual({ allowed: false, retryAfterSeconds: 50 });
        expect(await t.identity.hit('ip:2', 3, 60)).toEqual({ allowed: true, retryAfterSeconds: 0 });
        t.advance(50 * second);
        expect(await t.identity.hit('ip:1', 3, 60)).toEqual({ allowed: true, retryAfterSeconds: 0 });
      });

      it('clear counters whose window has ended, whatever its length', async () => {
        await t.identity.hit('short', 1, 60);
        await t.identity.hit('long', 1, 86_400);
        t.advance(2 * minute);
        await t.identity.hit('other', 1, 60);
        const keys = await t.store.db.selectFrom('rate_counters').select('key').orderBy('key').execute();
        expect(keys.map((k) => k.key)).toEqual(['long', 'other']);
        expect((await t.identity.hit('long', 1, 86_400)).allowed).toBe(false);
      });
    });
  });
}

// Two stores on one PostgreSQL schema stand for two server processes.
describe.skipIf(!dialects[1].enabled)('identity store across processes (postgres)', () => {
  let database: TestDatabase;
  let stores: Store[];
  let identities: SqlIdentityStore[];
  // One clock for both: the two processes agree on the time, as NTP-synchronised servers do.
  const now = new Date('2026-03-02T09:00:00.000Z');

  beforeEach(async () => {
    database = await dialects[1].fresh();
    stores = [await openStore(database.config), await openStore(database.config)];
    identities = stores.map((s) => new SqlIdentityStore(s.db, s.dialect, () => now));
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    await database.dispose();
  });

  it('of two concurrent redeems of one enrolment link, exactly one wins', async () => {
    const [one, two] = identities as [SqlIdentityStore, SqlIdentityStore];
    const patient = await one.createAccount({ role: 'patient', displayName: 'Sam' });
    for (let round = 0; round < 5; round += 1) {
      const { token } = await one.createEnrolmentLink(patient.id);
      const results = await Promise.allSettled([
        one.redeemEnrolmentLink(token),
        two.redeemEnrolmentLink(token),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect((lost?.reason as { code?: string }).code).toBe('invite_unusable');
    }
  });

  it('of two concurrent takes of one challenge, exactly one gets it', async () => {
    const [one, two] = identities as [SqlIdentityStore, SqlIdentityStore];
    const id = await one.saveChallenge({ purpose: 'authenticate', accountId: null, challenge: 'xyz' });
    const taken = await Promise.all([one.takeChallenge(id), two.takeChallenge(id)]);
    expect(taken.filter((t) => t !== undefined)).toHaveLength(1);
  });

  it('counts hits from both processes in one window', async () => {
    const [one, two] = identities as [SqlIdentityStore, SqlIdentityStore];
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).hit('sign-in:ip', 10, 3600)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
    expect(await one.hit('sign-in:ip', 10, 3600)).toEqual({ allowed: false, retryAfterSeconds: 3600 });
  });
});

if (!dialects[1].enabled) console.warn(`identity store across processes: ${postgresSkipReason}`);
