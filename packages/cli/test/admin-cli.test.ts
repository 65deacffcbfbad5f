import { openStore, SqlIdentityStore, type Store } from '@unknot/store';
import { freshPostgres, postgresSkipReason, postgresUrl, type TestDatabase } from '@unknot/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

const origin = 'https://clinic.example';
const linkPattern = /https:\/\/clinic\.example\/enrol#([A-Za-z0-9_-]{43})/;

/** The token of the one enrolment link a run printed. */
function tokenIn(stdout: string): string {
  const token = linkPattern.exec(stdout)?.[1];
  if (token === undefined) throw new Error(`no enrolment link in: ${stdout}`);
  return token;
}

describe('unknot admin without its settings', () => {
  it('says which setting is missing, and writes nothing', async () => {
    const run = await runCliInProcess(['admin', 'create-clinic', 'Back Care Leeds'], { env: {} });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL is not set');
    expect(run.stderr).toContain('UNKNOT_PUBLIC_ORIGIN is not set');
    expect(run.stdout).toBe('');
  });

  it('refuses a SQLite or plain-http public setting', async () => {
    const run = await runCliInProcess(['admin', 'add-clinician', 'a@example.org', '--clinic', 'x'], {
      env: { DATABASE_URL: 'sqlite:///tmp/x.db', UNKNOT_PUBLIC_ORIGIN: 'http://clinic.example' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL must be a postgres:// URL');
    expect(run.stderr).toContain('UNKNOT_PUBLIC_ORIGIN must be an https:// origin');
  });

  it('explains its usage errors', async () => {
    const env = { DATABASE_URL: 'postgres://nowhere.invalid/x', UNKNOT_PUBLIC_ORIGIN: origin };
    for (const [args, message] of [
      [['admin'], 'Missing admin command'],
      [['admin', 'close-clinic'], 'Unknown admin command "close-clinic"'],
      [['admin', 'create-clinic'], "Give the clinic's name"],
      [['admin', 'add-clinician', 'a@example.org'], 'Say which clinic with --clinic ID'],
      [['admin', 'add-clinician', '--clinic', 'x'], "Give the person's e-mail address"],
      [['admin', 'add-clinician', 'a@example.org', '--clinic'], "Option '--clinic <value>' argument missing"],
    ] as const) {
      const run = await runCliInProcess([...args], { env });
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toContain(message);
    }
  });

  it('has help', async () => {
    const run = await runCliInProcess(['admin', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('add-clinician EMAIL');
    expect((await runCliInProcess(['--help'])).stdout).toMatch(/admin\s+Clinic mode/);
  });
});

if (!postgresUrl) console.warn(`unknot admin on PostgreSQL: ${postgresSkipReason}`);

describe.skipIf(!postgresUrl)('unknot admin (real PostgreSQL)', () => {
  let database: TestDatabase;
  let store: Store;
  let identity: SqlIdentityStore;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await freshPostgres();
    const { url, schema } = database.config as { url: string; schema: string };
    // The command reads only DATABASE_URL: the test's schema travels in the URL as libpq's `options`.
    const withSchema = new URL(url);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    env = { DATABASE_URL: withSchema.toString(), UNKNOT_PUBLIC_ORIGIN: `${origin}/` };
    store = await openStore(database.config);
    identity = new SqlIdentityStore(store.db, store.dialect);
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  it('creates a clinic with its admin; the printed link enrols once', async () => {
    const run = await runCliInProcess(
      ['admin', 'create-clinic', 'Back', 'Care', 'Leeds', '--admin', 'Boss@Example.org', '--name', 'Jo Boss'],
      { env },
    );
    expect(run.status, run.stderr).toBe(0);
    const clinicId = /Its id: (\S+)/.exec(run.stdout)?.[1] ?? 'not printed';
    expect((await identity.getClinic(clinicId)).name).toBe('Back Care Leeds');
    expect(run.stdout).toContain('expires in 24 hours');
    const token = tokenIn(run.stdout);
    const admin = await identity.redeemEnrolmentLink(token);
    expect(admin).toMatchObject({
      role: 'clinic_admin',
      clinicId,
      email: 'boss@example.org',
      displayName: 'Jo Boss',
    });
    await expect(identity.redeemEnrolmentLink(token)).rejects.toMatchObject({ code: 'invite_unusable' });
  });

  it('adds a clinician and an admin to a clinic, as text or JSON', async () => {
    const clinic = await identity.createClinic('Spine Clinic Bristol');
    const text = await runCliInProcess(['admin', 'add-clinician', 'ada@example.org', '--clinic', clinic.id], {
      env,
    });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('(clinician)');
    expect(await identity.redeemEnrolmentLink(tokenIn(text.stdout))).toMatchObject({
      role: 'clinician',
      clinicId: clinic.id,
      displayName: 'ada@example.org',
    });

    const json = await runCliInProcess(
      ['admin', 'add-clinician', 'lead@example.org', '--clinic', clinic.id, '--admin', '--json'],
      { env },
    );
    expect(json.status, json.stderr).toBe(0);
    const printed = JSON.parse(json.stdout) as {
      account: { id: string; role: string };
      url: string;
      expiresAt: string;
    };
    expect(printed.account.role).toBe('clinic_admin');
    expect(Date.parse(printed.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect((await identity.redeemEnrolmentLink(tokenIn(printed.url))).id).toBe(printed.account.id);
  });

  it('refuses an unknown clinic and an e-mail already in use, leaving nothing behind', async () => {
    const unknown = await runCliInProcess(
      ['admin', 'add-clinician', 'ghost@example.org', '--clinic', '0190f0e0-0000-7000-8000-000000000000'],
      { env },
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No clinic with id 0190f0e0-0000-7000-8000-000000000000');
    expect(unknown.stdout).toBe('');
    expect(await identity.accountByEmail('ghost@example.org')).toBeUndefined();

    const clinic = await identity.createClinic('Physio North');
    const first = await runCliInProcess(
      ['admin', 'add-clinician', 'same@example.org', '--clinic', clinic.id],
      { env },
    );
    expect(first.status, first.stderr).toBe(0);
    const again = await runCliInProcess(
      ['admin', 'create-clinic', 'Physio South', '--admin', 'SAME@example.org'],
      {
        env,
      },
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('same@example.org exists');
    // The refused admin rolled the new clinic back with it.
    const rows = await store.db
      .selectFrom('clinics')
      .select('name')
      .where('name', '=', 'Physio South')
      .execute();
    expect(rows).toEqual([]);
  });
});
