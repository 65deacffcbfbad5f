/**
 * Passkeys end to end: a clinic-mode server on real PostgreSQL, real Chromium with a CDP virtual authenticator
 * (a platform authenticator that keeps resident keys and verifies its user), and the browser's own
 * navigator.credentials. The page enrols through its link, adds a passkey, signs out, and signs back in with the
 * passkey alone (no e-mail: a discoverable credential).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clinicEnabled,
  clinicSkipReason,
  createAccount,
  listenClinicApp,
  type ClinicTestApp,
} from '../packages/server/test/clinic/clinic-app.ts';
import { hasChromium, skipReason } from './support/browser.ts';
import { addVirtualAuthenticator, base64url } from './support/clinic.ts';
import { openSharedApp, slow } from './support/suite.ts';

if (!clinicEnabled) console.warn(`clinic passkey e2e: ${clinicSkipReason}`);
if (!hasChromium) console.warn(`clinic passkey e2e: ${skipReason}`);

/** What the page reports of each step, for the assertions in Node. */
interface Step {
  step: string;
  status: number;
  body: unknown;
}

describe.skipIf(!hasChromium || !clinicEnabled)('passkey sign-in in Chromium', slow, () => {
  let t: (ClinicTestApp & { port: number }) | undefined;
  beforeAll(async () => {
    t = await listenClinicApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('enrols, registers a passkey, signs out, and signs in with the passkey', async () => {
    if (!t) throw new Error('no server');
    const patient = await createAccount(t, 'patient', { email: null });
    const { token } = await t.identity.createEnrolmentLink(patient.id);
    const app = await openSharedApp();
    try {
      const { page } = app;
      // A page of the public origin (WebAuthn binds the passkey to its host name, here localhost).
      await page.goto(`${t.publicOrigin}/api/docs/`);
      const authenticator = await addVirtualAuthenticator(page);

      const steps = await page.evaluate(async (enrolToken: string): Promise<Step[]> => {
        const log: Step[] = [];
        const b64uToBytes = (text: string): ArrayBuffer => {
          const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
          const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
          return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
        };
        const bytesToB64u = (bytes: ArrayBuffer): string =>
          btoa(String.fromCharCode(...new Uint8Array(bytes)))
            .replace(/\+/g, '-')
            .replace(/\//g, '_')
            .replace(/=+$/, '');
        let csrfToken = '';
        const call = async (step: string, method: string, path: string, body?: unknown) => {
          const res = await fetch(`/api/v1${path}`, {
            method,
            headers: {
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
            },
            body: body === undefined ? null : JSON.stringify(body),
          });
          const text = await res.text();
          const parsed: unknown = text ? JSON.parse(text) : null;
          log.push({ step, status: res.status, body: parsed });
          return parsed as Record<string, unknown>;
        };

        const enrolled = await call('enrol', 'POST', '/auth/enrol', { token: enrolToken });
        csrfToken = String(enrolled.csrfToken);

        // Adding a passkey: the server's options, with their base64url fields made binary for the browser.
        const creation = (await call('passkey options', 'POST', '/auth/passkeys/options')) as {
          challengeId: string;
          options: Omit<PublicKeyCredentialCreationOptions, 'challenge' | 'user' | 'excludeCredentials'> & {
            challenge: string;
            user: { id: string; name: string; displayName: string };
            excludeCredentials?: { id: string; type: 'public-key' }[];
          };
        };
        const made = (await navigator.credentials.create({
          publicKey: {
            ...creation.options,
            challenge: b64uToBytes(creation.options.challenge),
            user: { ...creation.options.user, id: b64uToBytes(creation.options.user.id) },
            excludeCredentials: (creation.options.excludeCredentials ?? []).map((c) => ({
              ...c,
              id: b64uToBytes(c.id),
            })),
          },
        })) as PublicKeyCredential;
        const attestation = made.response as AuthenticatorAttestationResponse;
        await call('register passkey', 'POST', '/auth/passkeys', {
          challengeId: creation.challengeId,
          response: {
            id: made.id,
            rawId: bytesToB64u(made.rawId),
            type: made.type,
            clientExtensionResults: made.getClientExtensionResults(),
            response: {
              clientDataJSON: bytesToB64u(attestation.clientDataJSON),
              attestationObject: bytesToB64u(attestation.attestationObject),
              transports: attestation.getTransports(),
            },
          },
        });

        await call('sign out', 'POST', '/auth/sign-out');
        csrfToken = '';
        await call('session after sign-out', 'GET', '/auth/session');

        // Signing in: no e-mail, the authenticator offers the resident key it holds for this site.
        const request = (await call('sign-in options', 'POST', '/auth/passkey-sign-in/options')) as {
          challengeId: string;
          options: Omit<PublicKeyCredentialRequestOptions, 'challenge'> & { challenge: string };
        };
        const got = (await navigator.credentials.get({
          publicKey: { ...request.options, challenge: b64uToBytes(request.options.challenge) },
        })) as PublicKeyCredential;
        const assertion = got.response as AuthenticatorAssertionResponse;
        const signedIn = await call('passkey sign-in', 'POST', '/auth/passkey-sign-in', {
          challengeId: request.challengeId,
          response: {
            id: got.id,
            rawId: bytesToB64u(got.rawId),
            type: got.type,
            clientExtensionResults: got.getClientExtensionResults(),
            response: {
              clientDataJSON: bytesToB64u(assertion.clientDataJSON),
              authenticatorData: bytesToB64u(assertion.authenticatorData),
              signature: bytesToB64u(assertion.signature),
              ...(assertion.userHandle ? { userHandle: bytesToB64u(assertion.userHandle) } : {}),
            },
          },
        });
        csrfToken = String(signedIn.csrfToken);
        await call('session after passkey sign-in', 'GET', '/auth/session');
        return log;
      }, token);

      const status = Object.fromEntries(steps.map((s) => [s.step, s.status]));
      expect(status, JSON.stringify(steps, null, 2)).toEqual({
        enrol: 200,
        'passkey options': 200,
        'register passkey': 201,
        'sign out': 204,
        'session after sign-out': 401,
        'sign-in options': 200,
        'passkey sign-in': 200,
        'session after passkey sign-in': 200,
      });
      const session = steps.at(-1)?.body as { account: { id: string } };
      expect(session.account.id).toBe(patient.id);

      // The authenticator holds one resident key for localhost, and the server stored that credential.
      const credentials = await authenticator.credentials();
      expect(credentials).toHaveLength(1);
      expect(credentials[0]?.isResidentCredential).toBe(true);
      expect(credentials[0]?.rpId).toBe('localhost');
      const stored = await t.identity.passkeysOf(patient.id);
      expect(stored.map((p) => p.id)).toEqual([base64url(credentials[0]?.credentialId ?? '')]);
      expect(stored[0]?.lastUsedAt).not.toBeNull();
    } finally {
      await app.close();
    }
  });
});
