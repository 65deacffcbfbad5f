import { DomainError } from '@unknot/core';
import type { Account, IdentityStore } from '@unknot/store';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';

/**
 * Passkeys (WebAuthn) with @simplewebauthn/server. The relying party is the public origin: a passkey made
 * here answers only to this host name, which is what makes it unphishable. Challenges live in the database
 * (identity.saveChallenge), so the options may come from one process and the answer go to another.
 */
export interface RelyingParty {
  /** The host name of the public origin (WebAuthn's RP ID). */
  id: string;
  origin: string;
}

export function relyingPartyOf(publicOrigin: string): RelyingParty {
  return { id: new URL(publicOrigin).hostname, origin: publicOrigin };
}

const rpName = 'unknot';

/** A challenge taken back for `purpose` (and, for registration, the same account), or a DomainError. */
async function takeChallenge(
  identity: IdentityStore,
  challengeId: string,
  purpose: 'register' | 'authenticate',
  accountId: string | null,
): Promise<string> {
  const taken = await identity.takeChallenge(challengeId);
  if (!taken || taken.purpose !== purpose || taken.accountId !== accountId) {
    const message = 'The passkey challenge is unknown, used or expired: ask for new options and try again.';
    if (purpose === 'authenticate') throw new DomainError('invalid_credentials', message);
    throw new DomainError('validation_failed', message, [
      { field: 'body.challengeId', problem: 'is unknown, used or expired' },
    ]);
  }
  return taken.challenge;
}

/**
 * Options for making a passkey for `account`. A resident (discoverable) key is required so that signing in
 * needs no e-mail; user verification (PIN, fingerprint) is preferred, not required, so a plain security key
 * still works.
 */
export async function registrationOptions(
  identity: IdentityStore,
  rp: RelyingParty,
  account: Account,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const existing = await identity.passkeysOf(account.id);
  const options = await generateRegistrationOptions({
    rpName,
    rpID: rp.id,
    userName: account.email ?? account.displayName,
    userDisplayName: account.displayName,
    userID: new TextEncoder().encode(account.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const challengeId = await identity.saveChallenge({
    purpose: 'register',
    accountId: account.id,
    challenge: options.challenge,
  });
  return { challengeId, options };
}

/** Checks the authenticator's answer to a registration challenge and stores the new passkey. */
export async function registerPasskey(
  identity: IdentityStore,
  rp: RelyingParty,
  account: Account,
  challengeId: string,
  response: RegistrationResponseJSON,
): Promise<{ id: string; createdAt: string }> {
  const expectedChallenge = await takeChallenge(identity, challengeId, 'register', account.id);
  const refused = (why: string) =>
    new DomainError('validation_failed', `The passkey was not accepted: ${why}`, [
      { field: 'body.response', problem: why },
    ]);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    throw refused(error instanceof Error ? error.message : 'it could not be read');
  }
  if (!verification.verified) throw refused('the authenticator did not prove the challenge');
  const { credential } = verification.registrationInfo;
  const stored = await identity.addPasskey(account.id, {
    id: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? [],
  });
  return { id: stored.id, createdAt: stored.createdAt };
}

/** Options for signing in with any passkey of this site: the browser offers the person's own. */
export async function authenticationOptions(
  identity: IdentityStore,
  rp: RelyingParty,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'preferred' });
  const challengeId = await identity.saveChallenge({
    purpose: 'authenticate',
    accountId: null,
    challenge: options.challenge,
  });
  return { challengeId, options };
}

/**
 * The account whose passkey signed the challenge. Every failure is the same `invalid_credentials`, so the
 * answer does not tell which credential ids exist.
 */
export async function passkeySignIn(
  identity: IdentityStore,
  rp: RelyingParty,
  challengeId: string,
  response: AuthenticationResponseJSON,
): Promise<Account> {
  const expectedChallenge = await takeChallenge(identity, challengeId, 'authenticate', null);
  const refused = new DomainError('invalid_credentials', 'The passkey sign-in was not accepted.');
  const passkey = await identity.getPasskey(response.id);
  if (!passkey) throw refused;
  // A discoverable credential names its account (the user handle): it must be the passkey's own.
  const { userHandle } = response.response;
  if (userHandle && Buffer.from(userHandle, 'base64url').toString('utf8') !== passkey.accountId)
    throw refused;
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.id,
        publicKey: Buffer.from(passkey.publicKey, 'base64url'),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: false,
    });
  } catch {
    throw refused;
  }
  if (!verification.verified) throw refused;
  await identity.touchPasskey(passkey.id, verification.authenticationInfo.newCounter);
  return identity.getAccount(passkey.accountId);
}
