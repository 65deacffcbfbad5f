import { z } from 'zod';

/** An account as the API shows it (never a hash or a token). */
export const accountSchema = z
  .object({
    id: z.string(),
    role: z.enum(['patient', 'clinician', 'clinic_admin']),
    clinicId: z.string().nullable(),
    email: z.string().nullable(),
    displayName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Account' });

/**
 * A signed-in session as a client sees it: the account, and the token its state-changing requests must
 * send as `x-csrf-token` (the session itself travels in an HttpOnly cookie the page cannot read).
 */
export const sessionSchema = z
  .object({ account: accountSchema, csrfToken: z.string() })
  .meta({ id: 'Session' });

/** Where a browser's WebAuthn data is binary, the JSON form carries base64url text. */
const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

const credentialFields = {
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).exactOptional(),
};

const transports = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** `PublicKeyCredential.toJSON()` of navigator.credentials.create(); @simplewebauthn checks what is inside. */
export const registrationResponseSchema = z.looseObject({
  ...credentialFields,
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(transports).max(10).exactOptional(),
    authenticatorData: base64url.exactOptional(),
    publicKey: base64url.exactOptional(),
    publicKeyAlgorithm: z.int().exactOptional(),
  }),
});

/** `PublicKeyCredential.toJSON()` of navigator.credentials.get(). */
export const authenticationResponseSchema = z.looseObject({
  ...credentialFields,
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.exactOptional(),
  }),
});

/** Options for navigator.credentials.create() or .get(), in their JSON form, with the challenge's id. */
export const passkeyOptionsSchema = z.object({
  challengeId: z.string(),
  options: z.object({ challenge: z.string() }).meta({
    description:
      'PublicKeyCredentialCreationOptionsJSON (adding a passkey) or PublicKeyCredentialRequestOptionsJSON (signing ' +
      'in), as in the WebAuthn Level 3 spec: decode the base64url fields before calling navigator.credentials.',
  }),
});

export const challengeId = z.string().min(1).max(100);
