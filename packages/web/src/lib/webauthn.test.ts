import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authenticationJSON,
  base64urlToBytes,
  bytesToBase64url,
  creationOptions,
  registrationJSON,
  requestOptions,
} from './webauthn.ts';

const bytes = (...values: number[]): ArrayBuffer => new Uint8Array(values).buffer;
const list = (buffer: ArrayBuffer | BufferSource | undefined): number[] =>
  buffer instanceof ArrayBuffer ? [...new Uint8Array(buffer)] : [];

describe('base64url', () => {
  // RFC 4648 §10 test vectors, in the URL-safe alphabet and without padding.
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j and back', (text, encoded) => {
    const raw = new TextEncoder().encode(text);
    expect(bytesToBase64url(raw)).toBe(encoded);
    expect(new TextDecoder().decode(base64urlToBytes(encoded))).toBe(text);
  });

  it('uses - and _ where base64 has + and /', () => {
    expect(bytesToBase64url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(list(base64urlToBytes('-_-_'))).toEqual([0xfb, 0xff, 0xbf]);
  });

  it('refuses text that is not base64url (base64 padding or other characters)', () => {
    expect(() => base64urlToBytes('Zg==')).toThrow(TypeError);
    expect(() => base64urlToBytes('a+b/')).toThrow(TypeError);
  });

  it('reads a view of part of a buffer, not the whole buffer', () => {
    const view = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    expect(list(base64urlToBytes(bytesToBase64url(view)))).toEqual([2, 3]);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const encoded = bytesToBase64url(data);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect([...new Uint8Array(base64urlToBytes(encoded))]).toEqual([...data]);
      }),
    );
  });
});

describe('options from the server', () => {
  it('makes the binary fields of creation options binary and keeps the rest', () => {
    const options = creationOptions({
      challenge: 'AQID',
      rp: { name: 'unknot', id: 'localhost' },
      user: { id: 'BAU', name: 'alex', displayName: 'Alex' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      excludeCredentials: [{ id: 'Bg', type: 'public-key', transports: ['internal'] }],
      authenticatorSelection: { residentKey: 'required' },
    });
    expect(list(options.challenge)).toEqual([1, 2, 3]);
    expect(list(options.user.id)).toEqual([4, 5]);
    expect(options.user.name).toBe('alex');
    expect(options.excludeCredentials?.map((c) => list(c.id))).toEqual([[6]]);
    expect(options.excludeCredentials?.[0]?.transports).toEqual(['internal']);
    expect(options.authenticatorSelection).toEqual({ residentKey: 'required' });
  });

  it('leaves allowCredentials out of request options when the server sends none (a discoverable sign-in)', () => {
    const options = requestOptions({ challenge: 'AQID', rpId: 'localhost', userVerification: 'preferred' });
    expect(list(options.challenge)).toEqual([1, 2, 3]);
    expect('allowCredentials' in options).toBe(false);
    expect(options.rpId).toBe('localhost');
    const named = requestOptions({ challenge: 'AA', allowCredentials: [{ id: 'Bw', type: 'public-key' }] });
    expect(named.allowCredentials?.map((c) => list(c.id))).toEqual([[7]]);
  });
});

describe('credentials to the server', () => {
  const base = {
    id: 'AQ',
    rawId: bytes(1),
    type: 'public-key',
    getClientExtensionResults: () => ({ credProps: { rk: true } }),
  };

  it('writes a new passkey as RegistrationResponseJSON', () => {
    const json = registrationJSON({
      ...base,
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: bytes(2),
        attestationObject: bytes(3, 4),
        getTransports: () => ['internal'],
      },
    });
    expect(json).toEqual({
      id: 'AQ',
      rawId: 'AQ',
      type: 'public-key',
      clientExtensionResults: { credProps: { rk: true } },
      authenticatorAttachment: 'platform',
      response: { clientDataJSON: 'Ag', attestationObject: 'AwQ', transports: ['internal'] },
    });
  });

  it('writes a sign-in as AuthenticationResponseJSON, without a user handle when there is none', () => {
    const response = {
      clientDataJSON: bytes(2),
      authenticatorData: bytes(5),
      signature: bytes(6),
      userHandle: null,
    };
    const json = authenticationJSON({ ...base, authenticatorAttachment: null, response });
    expect(json).toEqual({
      id: 'AQ',
      rawId: 'AQ',
      type: 'public-key',
      clientExtensionResults: { credProps: { rk: true } },
      response: { clientDataJSON: 'Ag', authenticatorData: 'BQ', signature: 'Bg' },
    });
    const withHandle = authenticationJSON({ ...base, response: { ...response, userHandle: bytes(7) } });
    expect(withHandle.response.userHandle).toBe('Bw');
  });
});
