import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDirFromEnv } from '@unknot/store';
import { z } from 'zod';
import { CliError } from './cli-error.ts';

/**
 * A patient's sign-in to a clinic server (`unknot login URL`), kept in the data folder as clinic-session.json.
 * While it exists, the commands that keep the record (`log`, `episode`) send it to that server, and the others
 * refuse rather than quietly write to this computer's file. The cookie is as good as the password for 30 days,
 * so the file is readable by its owner only (0600, in a 0700 folder).
 */
const sessionSchema = z.strictObject({
  origin: z.url(),
  /** The session cookie as the server set it, `name=value`, sent back as is. */
  cookie: z.string().regex(/^[!#$%&'*+.^`|~\w-]+=[^;\s]*$/),
  csrfToken: z.string().min(1),
  account: z.object({
    id: z.string(),
    role: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
  }),
  signedInAt: z.string(),
  /** The episode `log` writes to, on this server (this computer's active episode is the local record's). */
  activeEpisodeId: z.string().optional(),
});

export type ClinicSession = z.infer<typeof sessionSchema>;

export function clinicSessionFile(env: NodeJS.ProcessEnv): string {
  return join(dataDirFromEnv(env), 'clinic-session.json');
}

/** The signed-in clinic session, or undefined in personal mode (no file). A damaged file is an error, never ignored. */
export function readClinicSession(env: NodeJS.ProcessEnv): ClinicSession | undefined {
  const file = clinicSessionFile(env);
  if (!existsSync(file)) return undefined;
  let parsed;
  try {
    parsed = sessionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    parsed = undefined;
  }
  // Falling back to the local record here would write where the person does not expect: stop instead.
  if (!parsed?.success)
    throw new CliError(`${file} is damaged. Run unknot logout, then unknot login URL again.`);
  return parsed.data;
}

export function writeClinicSession(env: NodeJS.ProcessEnv, session: ClinicSession): void {
  const file = clinicSessionFile(env);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created: an older file made by hand keeps its mode otherwise.
  chmodSync(file, 0o600);
}

export function removeClinicSession(env: NodeJS.ProcessEnv): void {
  rmSync(clinicSessionFile(env), { force: true });
}

/** How output says where a record went. */
export const clinicTag = (session: ClinicSession): string => `(clinic: ${session.origin})`;

/**
 * Refuses a command that would read or write this computer's record while signed in to a clinic: it has no clinic
 * version yet, and using the local file instead would split the person's record without telling them.
 */
export function refuseLocalRecordWhileSignedIn(env: NodeJS.ProcessEnv, command: string): void {
  const session = readClinicSession(env);
  if (!session) return;
  throw new CliError(
    `"unknot ${command}" does not work with a clinic server yet, and you are signed in to ${session.origin}. ` +
      'Nothing was read or written. Run unknot logout to use the record on this computer instead.',
  );
}
