/**
 * Test-only: the `fhir` package's R4 validator, with the messages sorted by what they mean for us.
 *
 * The validator carries FHIR's own value sets but not SNOMED CT or LOINC, so it reports a SNOMED or LOINC code in
 * an example-bound element as "not found in value set" (a warning). Those, and only those, are expected; any other
 * warning fails the tests, so nothing else can hide among them.
 */
import { Fhir, type ValidatorMessage } from 'fhir';

const fhir = new Fhir();

export interface Validation {
  errors: ValidatorMessage[];
  /** Warnings we did not expect (see above). */
  warnings: ValidatorMessage[];
  /** Warnings about SNOMED CT or LOINC codes the validator cannot look up. */
  externalCodes: ValidatorMessage[];
  all: ValidatorMessage[];
}

const externalCode =
  /^Code "[^"]+" \((http:\/\/snomed\.info\/sct|http:\/\/loinc\.org)\) not found in value set$/;
const externalCodeAt = new Set(['Condition.code', 'Observation.code']);

// The package declares `Severities` as an enum but does not export it at run time, so compare the strings.
const level = (m: ValidatorMessage): string => m.severity ?? '';

/** Validates one resource or bundle; an element FHIR does not define is an error, not just a warning. */
export function validate(resource: object): Validation {
  const { messages } = fhir.validate(resource, { errorOnUnexpected: true });
  const errors = messages.filter((m) => level(m) === 'error' || level(m) === 'fatal');
  const warnings = messages.filter((m) => level(m) === 'warning');
  const isExternal = (m: ValidatorMessage) =>
    externalCode.test(m.message ?? '') && [...externalCodeAt].some((at) => (m.location ?? '').endsWith(at));
  return {
    errors,
    warnings: warnings.filter((m) => !isExternal(m)),
    externalCodes: warnings.filter(isExternal),
    all: messages,
  };
}
