import { CliError } from '../cli-error.ts';
import { clinicApi, failure, send, sessionCookieOf } from '../clinic-client.ts';
import {
  clinicSessionFile,
  readClinicSession,
  removeClinicSession,
  writeClinicSession,
  type ClinicSession,
} from '../clinic-session.ts';
import type { CliIo } from '../io.ts';

export interface LoginOptions {
  url: string | undefined;
  email?: string | undefined;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The clinic's origin from what was typed: any address on the server will do (the enrolment link, say). */
export function clinicOrigin(url: string | undefined): string {
  if (url === undefined) throw new CliError("Give the clinic's address: unknot login https://clinic.example");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`"${url}" is not an address. Give the clinic's, e.g. https://clinic.example`);
  }
  if (parsed.protocol === 'https:') return parsed.origin;
  // Plain http would send the password and the session cookie in the clear; only a server on this computer is safe.
  if (parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname)) return parsed.origin;
  throw new CliError(
    `"${url}" is not an https:// address. unknot sends a password only over https (or to this computer).`,
  );
}

/** The first line of standard input: how a script gives the password when no one is at a terminal. */
async function firstLine(io: CliIo): Promise<string> {
  return (await io.readStdin()).split(/\r?\n/, 1)[0] ?? '';
}

/** E-mail and password: from the options and the terminal's prompts, or from standard input without a terminal. */
async function credentials(options: LoginOptions, io: CliIo): Promise<{ email: string; password: string }> {
  if (!io.terminal.stdin) {
    if (!options.email) throw new CliError('Give --email EMAIL: there is no terminal to ask on.');
    const password = await firstLine(io);
    if (!password) throw new CliError('Give the password as the first line of standard input.');
    return { email: options.email, password };
  }
  const { isCancel, password, text } = await import('@clack/prompts');
  const email =
    options.email ??
    (await text({
      message: 'E-mail',
      validate: (v) => (v?.trim() ? undefined : 'Please enter your e-mail.'),
    }));
  if (isCancel(email)) throw new CliError('Not signed in (cancelled).');
  const secret = await password({
    message: 'Password',
    validate: (v) => (v ? undefined : 'Please enter your password.'),
  });
  if (isCancel(secret)) throw new CliError('Not signed in (cancelled).');
  return { email: email.trim(), password: secret };
}

function describeAccount(session: ClinicSession): string {
  const who = session.account.email
    ? `${session.account.displayName} <${session.account.email}>`
    : session.account.displayName;
  return `${who}, ${session.account.role.replaceAll('_', ' ')}, at ${session.origin}`;
}

/** Signs out of the clinic this computer was signed in to before, so that its session does not live on unused. */
async function endElsewhere(previous: ClinicSession, io: CliIo): Promise<void> {
  try {
    await clinicApi(previous, io.env, { method: 'POST', path: '/auth/sign-out' });
    io.out(`Signed out of ${previous.origin}.`);
  } catch (error) {
    // Ended already (401) is fine; otherwise the old session lives until it idles out: say so, and go on.
    if (readClinicSession(io.env) !== undefined)
      io.err(`Could not sign out of ${previous.origin} (${(error as Error).message}); it ends when idle.`);
  }
}

/** `unknot login URL`: signs in with e-mail and password and keeps the session for the record commands. */
export async function loginCommand(options: LoginOptions, io: CliIo): Promise<number> {
  const origin = clinicOrigin(options.url);
  const { email, password } = await credentials(options, io);
  // Signing in again on the same server sends the old cookie along, so the server ends that session (rotation).
  const previous = readClinicSession(io.env);
  const same = previous?.origin === origin ? previous : undefined;
  const response = await send(origin, {
    method: 'POST',
    path: '/api/v1/auth/sign-in',
    body: { email, password },
    cookie: same?.cookie,
    csrfToken: same?.csrfToken,
  });
  if (!response.ok) throw await failure(response);
  const notUnknot = new CliError(`${origin} did not answer as an unknot clinic does.`);
  const answer = (await response.json().catch(() => undefined)) as
    { account?: ClinicSession['account']; csrfToken?: string } | undefined;
  const cookie = sessionCookieOf(response);
  if (!cookie || !answer?.account || !answer.csrfToken) throw notUnknot;
  const session: ClinicSession = {
    origin,
    cookie,
    csrfToken: answer.csrfToken,
    account: {
      id: answer.account.id,
      role: answer.account.role,
      email: answer.account.email,
      displayName: answer.account.displayName,
    },
    signedInAt: new Date().toISOString(),
    // The same person signing in again keeps their active episode.
    ...(same?.account.id === answer.account.id && same.activeEpisodeId !== undefined
      ? { activeEpisodeId: same.activeEpisodeId }
      : {}),
  };
  if (previous && !same) await endElsewhere(previous, io);
  writeClinicSession(io.env, session);
  io.out(`Signed in as ${describeAccount(session)}.`);
  io.out(
    session.account.role === 'patient'
      ? 'unknot log and unknot episode now keep your record at the clinic; unknot logout goes back to this computer.'
      : 'A staff account keeps no record of its own: unknot log and unknot episode will be refused by the clinic.',
  );
  return 0;
}

/** `unknot logout`: ends the session on the server and forgets it here. */
export async function logoutCommand(io: CliIo): Promise<number> {
  let session;
  try {
    session = readClinicSession(io.env);
  } catch {
    // A damaged file cannot be used to sign out; removing it is all that is left to do.
    removeClinicSession(io.env);
    io.out('Removed a damaged clinic session file.');
    return 0;
  }
  if (!session) {
    io.out('Not signed in to a clinic.');
    return 0;
  }
  try {
    await clinicApi(session, io.env, { method: 'POST', path: '/auth/sign-out' });
  } catch (error) {
    // Signed out already (401) is the goal reached; anything else leaves a live session on the server: say so.
    if (readClinicSession(io.env) === undefined) {
      io.out(`Signed out of ${session.origin}.`);
      return 0;
    }
    removeClinicSession(io.env);
    throw new CliError(
      `Forgot the session here, but could not end it on the server (${(error as Error).message}). ` +
        `It ends by itself when idle; sign in on the web and sign out everywhere to end it now.`,
    );
  }
  removeClinicSession(io.env);
  io.out(`Signed out of ${session.origin}.`);
  return 0;
}

/** `unknot whoami`: who this computer is signed in as, checked with the server. */
export async function whoamiCommand(io: CliIo): Promise<number> {
  const session = readClinicSession(io.env);
  if (!session) {
    io.out(`Not signed in to a clinic: the record is on this computer.`);
    return 0;
  }
  const answer = await clinicApi<{ account: ClinicSession['account'] }>(session, io.env, {
    method: 'GET',
    path: '/auth/session',
  });
  const current = { ...session, account: { ...session.account, ...answer.account } };
  io.out(`Signed in as ${describeAccount(current)} (session kept in ${clinicSessionFile(io.env)}).`);
  return 0;
}
