import { SqlIdentityStore, type Account, type Clinic } from '@unknot/store';
import { CliError, exitCodes } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { withStore } from '../store-access.ts';

/**
 * `unknot admin …`: what a clinic's operator does before anyone can sign in — create a clinic and hand its staff
 * one-time enrolment links (docs/clinic.md). There is no sign-up page for staff: whoever can run this command
 * against the clinic's database is trusted to say who works there. Each link is printed once and stored only as
 * a hash, so it must reach its person by a private channel.
 */

interface ClinicEnv {
  publicOrigin: string;
}

/**
 * The two settings the links depend on, checked before anything is written. The server checks
 * UNKNOT_PUBLIC_ORIGIN the same way when it starts (packages/server/src/clinic/config.ts); a link with another
 * origin would open a page whose passkeys and cookies are bound elsewhere.
 */
function clinicEnv(env: NodeJS.ProcessEnv): ClinicEnv {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim();
  if (!databaseUrl)
    problems.push("DATABASE_URL is not set: give the clinic's PostgreSQL database (postgres://…).");
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must be a postgres:// URL: clinic mode runs on PostgreSQL only.');
  const origin = publicOriginOf(env.UNKNOT_PUBLIC_ORIGIN);
  if ('problem' in origin) problems.push(origin.problem);
  if (problems.length > 0 || 'problem' in origin) throw new CliError(problems.join(' '));
  return { publicOrigin: origin.origin };
}

function publicOriginOf(text: string | undefined): { origin: string } | { problem: string } {
  const value = text?.trim();
  if (!value) {
    return {
      problem: 'UNKNOT_PUBLIC_ORIGIN is not set: give the address people open the clinic at (https://…).',
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `UNKNOT_PUBLIC_ORIGIN is not a URL (got "${value}").` };
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (
    !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) ||
    url.pathname !== '/' ||
    url.search
  ) {
    return {
      problem: `UNKNOT_PUBLIC_ORIGIN must be an https:// origin with no path (http:// only for localhost; got "${value}").`,
    };
  }
  return { origin: url.origin };
}

interface Enrolment {
  account: Account;
  url: string;
  expiresAt: string;
}

/** The clinic's identity store, in one transaction: a refused account leaves no half-made clinic behind. */
function inTransaction<T>(io: CliIo, work: (identity: SqlIdentityStore) => Promise<T>): Promise<T> {
  return withStore(io.env, (store) =>
    store.db.transaction().execute((trx) => work(new SqlIdentityStore(trx, store.dialect))),
  );
}

async function enrol(
  identity: SqlIdentityStore,
  publicOrigin: string,
  input: { role: 'clinician' | 'clinic_admin'; clinicId: string; email: string; name: string | undefined },
): Promise<Enrolment> {
  const account = await identity.createAccount({
    role: input.role,
    clinicId: input.clinicId,
    email: input.email,
    // Until the person says otherwise in the app, their e-mail names them to colleagues.
    displayName: input.name ?? input.email,
  });
  const link = await identity.createEnrolmentLink(account.id);
  // The token goes after #: browsers never send a fragment to a server, so it stays out of access logs.
  return { account, url: `${publicOrigin}/enrol#${link.token}`, expiresAt: link.expiresAt };
}

const roleWords = { clinician: 'clinician', clinic_admin: 'clinic admin' } as const;

function printEnrolment(io: CliIo, e: Enrolment): void {
  io.out(
    `Enrolment link for ${e.account.email ?? e.account.displayName} (${roleWords[e.account.role as keyof typeof roleWords]}):\n` +
      `  ${e.url}\n` +
      `It works once and expires in 24 hours (${e.expiresAt}). Send it privately: whoever opens it first ` +
      'becomes this account.',
  );
}

function requireEmail(email: string | undefined, usage: string): string {
  if (!email?.trim()) throw new CliError(`Give the person's e-mail address. Usage: ${usage}`);
  return email.trim();
}

export interface CreateClinicOptions {
  name: string | undefined;
  adminEmail: string | undefined;
  adminName: string | undefined;
  json: boolean;
}

export const createClinicUsage = 'unknot admin create-clinic NAME [--admin EMAIL [--name NAME]] [--json]';
export const addClinicianUsage =
  'unknot admin add-clinician EMAIL --clinic ID [--admin] [--name NAME] [--json]';

/** `unknot admin create-clinic NAME [--admin EMAIL]`: the clinic's id, and its first admin's enrolment link. */
export async function createClinicCommand(options: CreateClinicOptions, io: CliIo): Promise<number> {
  if (!options.name?.trim()) throw new CliError(`Give the clinic's name. Usage: ${createClinicUsage}`);
  if (options.adminName !== undefined && options.adminEmail === undefined) {
    throw new CliError(`--name names the admin: give --admin EMAIL too. Usage: ${createClinicUsage}`);
  }
  const { publicOrigin } = clinicEnv(io.env);
  const adminEmail =
    options.adminEmail === undefined ? undefined : requireEmail(options.adminEmail, createClinicUsage);
  const made = await inTransaction(io, async (identity) => {
    const clinic: Clinic = await identity.createClinic(options.name ?? '');
    const admin =
      adminEmail === undefined
        ? undefined
        : await enrol(identity, publicOrigin, {
            role: 'clinic_admin',
            clinicId: clinic.id,
            email: adminEmail,
            name: options.adminName,
          });
    return { clinic, admin };
  });
  if (options.json) {
    io.out(JSON.stringify(made, null, 2));
    return exitCodes.ok;
  }
  io.out(`Clinic "${made.clinic.name}" created. Its id: ${made.clinic.id}`);
  if (made.admin) printEnrolment(io, made.admin);
  else io.out(`Add staff with: unknot admin add-clinician EMAIL --clinic ${made.clinic.id} [--admin]`);
  return exitCodes.ok;
}

export interface AddClinicianOptions {
  email: string | undefined;
  clinicId: string | undefined;
  admin: boolean;
  name: string | undefined;
  json: boolean;
}

/** `unknot admin add-clinician EMAIL --clinic ID [--admin]`: a new staff account and its enrolment link. */
export async function addClinicianCommand(options: AddClinicianOptions, io: CliIo): Promise<number> {
  const email = requireEmail(options.email, addClinicianUsage);
  if (!options.clinicId?.trim())
    throw new CliError(`Say which clinic with --clinic ID. Usage: ${addClinicianUsage}`);
  const clinicId = options.clinicId.trim();
  const { publicOrigin } = clinicEnv(io.env);
  const enrolment = await inTransaction(io, (identity) =>
    enrol(identity, publicOrigin, {
      role: options.admin ? 'clinic_admin' : 'clinician',
      clinicId,
      email,
      name: options.name,
    }),
  );
  if (options.json) {
    io.out(JSON.stringify(enrolment, null, 2));
    return exitCodes.ok;
  }
  printEnrolment(io, enrolment);
  return exitCodes.ok;
}
