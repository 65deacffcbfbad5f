/**
 * Name-based UUIDs (RFC 9562 version 5), for FHIR resources that no stored record stands behind (the Patient, the
 * Questionnaire, the CarePlan, the Bundle). The same name always gives the same UUID, so an export is
 * reproducible and contains no randomness. The hashing is the `uuid` package's: its browser build carries its own
 * SHA-1 and its Node build uses node:crypto, both synchronous, so core stays free of Node-only APIs.
 */
import { v5 } from 'uuid';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * True for a lower-case UUID of any version, written 8-4-4-4-12. Not `uuid`'s `validate`: that one also takes
 * upper case (FHIR's `urn:uuid:` wants lower case) and only RFC versions and variants, and a record id it rejected
 * would get a different FHIR id than it has always had.
 */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/**
 * The version-5 UUID of `name` in `namespace` (RFC 9562 §5.5), `name` hashed as UTF-8.
 *
 * A lone surrogate (not text, but a JavaScript string can hold one) counts as U+FFFD, as `TextEncoder` would
 * encode it; `uuid` itself would throw a URIError on it, and a stray character in a record id must not stop an
 * export.
 *
 * @throws RangeError when `namespace` is not a lower-case UUID.
 */
export function uuidV5(name: string, namespace: string): string {
  if (!isUuid(namespace)) throw new RangeError(`not a UUID: ${namespace}`);
  return v5(name.toWellFormed(), namespace);
}
