import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet): 19 MiB of memory, two
 * passes, one lane. About 30 ms a hash here: slow enough to make guessing a stolen hash costly, fast enough
 * that a sign-in stays quick and a burst of them cannot exhaust the server (the sign-in rate limit caps that).
 */
// `algorithm: 2` is Argon2id: the package's enum is a const enum, which this build (verbatimModuleSyntax) cannot import.
const argon2idOptions = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const minPasswordLength = 12;
/** Long enough for any passphrase; a cap keeps one request from hashing megabytes. */
export const maxPasswordLength = 1024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2idOptions);
}

/** False for a wrong password and for a hash that cannot be read (never throws on stored data). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification against a hash nobody has. A sign-in for an unknown e-mail (or an
 * account without a password) would otherwise answer faster than a wrong password, telling a stranger
 * which e-mails have accounts.
 */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(await dummyHash, password);
}
