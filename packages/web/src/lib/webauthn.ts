/**
 * Passkeys in the browser. The server speaks WebAuthn's JSON forms (binary fields as base64url text, as
 * `PublicKeyCredential.toJSON()` writes them); `navigator.credentials` takes and gives ArrayBuffers. The
 * conversions live here, once, with no library: the few fields that are binary are listed by the spec.
 */

/** base64url (RFC 4648 §5, no padding) → bytes. Throws on text that is not base64url. */
export function base64urlToBytes(text: string): ArrayBuffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Bytes → base64url without padding. */
export function bytesToBase64url(bytes: ArrayBuffer | ArrayBufferView): string {
  const view =
    bytes instanceof ArrayBuffer
      ? new Uint8Array(bytes)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // One character at a time: spreading a large array into String.fromCharCode can overflow the call stack.
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

interface DescriptorJSON {
  id: string;
  type: 'public-key';
  transports?: AuthenticatorTransport[];
}

/** PublicKeyCredentialCreationOptionsJSON as the server sends it (the fields we convert; the rest pass through). */
export interface CreationOptionsJSON {
  challenge: string;
  rp: PublicKeyCredentialRpEntity;
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: PublicKeyCredentialParameters[];
  excludeCredentials?: DescriptorJSON[];
  [field: string]: unknown;
}

/** PublicKeyCredentialRequestOptionsJSON as the server sends it. */
export interface RequestOptionsJSON {
  challenge: string;
  allowCredentials?: DescriptorJSON[];
  [field: string]: unknown;
}

const descriptor = (d: DescriptorJSON): PublicKeyCredentialDescriptor => ({
  ...d,
  id: base64urlToBytes(d.id),
});

/** Options for navigator.credentials.create() from their JSON form. */
export function creationOptions(json: CreationOptionsJSON): PublicKeyCredentialCreationOptions {
  return {
    ...json,
    challenge: base64urlToBytes(json.challenge),
    user: { ...json.user, id: base64urlToBytes(json.user.id) },
    excludeCredentials: (json.excludeCredentials ?? []).map(descriptor),
  };
}

/** Options for navigator.credentials.get() from their JSON form. */
export function requestOptions(json: RequestOptionsJSON): PublicKeyCredentialRequestOptions {
  const { allowCredentials, ...rest } = json;
  return {
    ...rest,
    challenge: base64urlToBytes(json.challenge),
    ...(allowCredentials ? { allowCredentials: allowCredentials.map(descriptor) } : {}),
  };
}

/** What of a PublicKeyCredential the conversions read (a structural type, so tests can build one). */
interface CredentialLike<R> {
  id: string;
  rawId: ArrayBuffer;
  type: string;
  authenticatorAttachment?: string | null;
  response: R;
  getClientExtensionResults: () => AuthenticationExtensionsClientOutputs;
}

type AttestationLike = Pick<AuthenticatorAttestationResponse, 'clientDataJSON' | 'attestationObject'> & {
  getTransports?: () => string[];
};
type AssertionLike = Pick<
  AuthenticatorAssertionResponse,
  'clientDataJSON' | 'authenticatorData' | 'signature' | 'userHandle'
>;

function common<R>(credential: CredentialLike<R>) {
  const attachment = credential.authenticatorAttachment;
  return {
    id: credential.id,
    rawId: bytesToBase64url(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    ...(attachment === 'platform' || attachment === 'cross-platform'
      ? { authenticatorAttachment: attachment }
      : {}),
  };
}

/** RegistrationResponseJSON of what navigator.credentials.create() made: the body of POST /auth/passkeys. */
export function registrationJSON(credential: CredentialLike<AttestationLike>) {
  const { response } = credential;
  return {
    ...common(credential),
    response: {
      clientDataJSON: bytesToBase64url(response.clientDataJSON),
      attestationObject: bytesToBase64url(response.attestationObject),
      ...(response.getTransports ? { transports: response.getTransports() } : {}),
    },
  };
}

/** AuthenticationResponseJSON of what navigator.credentials.get() gave: the body of POST /auth/passkey-sign-in. */
export function authenticationJSON(credential: CredentialLike<AssertionLike>) {
  const { response } = credential;
  return {
    ...common(credential),
    response: {
      clientDataJSON: bytesToBase64url(response.clientDataJSON),
      authenticatorData: bytesToBase64url(response.authenticatorData),
      signature: bytesToBase64url(response.signature),
      ...(response.userHandle ? { userHandle: bytesToBase64url(response.userHandle) } : {}),
    },
  };
}

/** Whether this browser can make and use passkeys at all (old browsers, some embedded views cannot). */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && 'PublicKeyCredential' in window && 'credentials' in navigator;
}
