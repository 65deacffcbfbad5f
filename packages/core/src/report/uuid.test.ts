import fc from 'fast-check';
import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { isUuid, sha1, uuidV5 } from './uuid.ts';

const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const urlNamespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('sha1', () => {
  // FIPS 180-2 test vectors, including the two-block message.
  it.each([
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
  ])('hashes %j', (message, digest) => {
    expect(hex(sha1(ascii(message)))).toBe(digest);
  });
});

describe('uuidV5', () => {
  it('agrees with the uuid package (RFC 9562 §5.5) for any name, including non-ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.uuid(), (name, namespace) => {
        expect(uuidV5(name, namespace)).toBe(v5(name, namespace));
      }),
    );
  });

  it('is a version-5, RFC-variant UUID', () => {
    const id = uuidV5('0190e000-0000-7000-8000-000000000001/Patient', urlNamespace);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('5');
    expect('89ab').toContain(id[19]);
  });

  it('rejects a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(RangeError);
  });
});
