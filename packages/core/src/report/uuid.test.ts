import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fhirNamespace } from './fhir.ts';
import { isUuid, uuidV5 } from './uuid.ts';

const dnsNamespace = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  // Pinned: these ids are in exports people already hold, so a change of library or encoding must not move them.
  // The first is RFC 9562's own example (Appendix A.4); the rest were made by the hand-written SHA-1 this replaced.
  it.each([
    ['RFC 9562 A.4', 'www.example.com', dnsNamespace, '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    ['our namespace', 'https://unknot.example/fhir', '6ba7b811-9dad-11d1-80b4-00c04fd430c8', fhirNamespace],
    [
      'a Patient',
      '0190e000-0000-7000-8000-000000000001/Patient',
      fhirNamespace,
      '8def9ce1-4d19-5ddb-a93a-009b11da61a9',
    ],
    [
      'a record id that is no UUID',
      'Observation/diary-1',
      fhirNamespace,
      '58e812a2-1bab-5316-b40e-840eb5397574',
    ],
    [
      'non-ASCII text, as UTF-8',
      'Rückenschmerz/日本/😀',
      fhirNamespace,
      '3846d652-bd2c-5610-9ec7-26199671a546',
    ],
    // The one name whose id did change: the old code hashed a lone surrogate as three non-UTF-8 bytes.
    ['a lone surrogate, as U+FFFD', 'a\ud800b', fhirNamespace, uuidV5('a\ufffdb', fhirNamespace)],
  ])('gives %s its known id', (_what, name, namespace, id) => {
    expect(uuidV5(name, namespace)).toBe(id);
  });

  it('pins our namespace', () => {
    expect(fhirNamespace).toBe('565c0065-4916-523a-892c-293e9595db7a');
  });

  it('is a version-5, RFC-variant, lower-case UUID for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const id = uuidV5(name, fhirNamespace);
        expect(isUuid(id)).toBe(true);
        expect(id[14]).toBe('5');
        expect('89ab').toContain(id[19]);
      }),
    );
  });

  it.each(['not-a-uuid', '6BA7B810-9DAD-11D1-80B4-00C04FD430C8', ''])(
    'rejects the namespace %j',
    (namespace) => {
      expect(() => uuidV5('x', namespace)).toThrow(RangeError);
    },
  );
});

describe('isUuid', () => {
  it.each([
    ['0190e000-0000-7000-8000-000000000001', true],
    ['00000000-0000-0000-0000-000000000000', true],
    ['0190E000-0000-7000-8000-000000000001', false],
    ['0190e000000070008000000000000001', false],
    ['diary-1', false],
  ])('%s → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
