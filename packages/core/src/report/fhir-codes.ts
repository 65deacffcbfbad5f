/**
 * The code systems and codes of the FHIR export, in one place so each choice is made, and checked, once.
 *
 * SNOMED CT concept ids were checked against published code lists (the concept ids with their terms):
 * - 279039007 |Low back pain (finding)|: widely used; the brief's own example.
 * - 279038004 |Thoracic back pain (finding)|: listed with this term in UK primary-care code lists (a child of
 *   161891005 |Backache|). Used for both `upper` (around the shoulder blades) and `middle` (around the lower ribs):
 *   both lie over the thoracic spine, and SNOMED CT has no separate "mid back pain" concept that we could confirm.
 *   `Condition.code.text` keeps the person's own location in words, so nothing is lost.
 *   (297217002, which some examples use for back pain, is |Rib pain|; it is deliberately not used.)
 * LOINC 72514-3 is "Pain severity - 0-10 verbal numeric rating [Score] - Reported", with UCUM `{score}`.
 */
import type { Coding as R4Coding } from '@medplum/fhirtypes';
import type { Location } from '../triage/index.ts';

export const systems = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  /** Bundle.identifier for a UUID. */
  rfc3986: 'urn:ietf:rfc:3986',
} as const;

/** A FHIR Coding as this export writes it: always with its system, code and display (FHIR makes all three optional). */
export type Coding = Required<Pick<R4Coding, 'system' | 'code' | 'display'>>;

/** LOINC 72514-3, the patient-reported 0–10 numeric pain rating. */
export const painSeverity: Coding = {
  system: systems.loinc,
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
};

/** UCUM's unit for a score: an annotation on 1, so `{score}`. */
export const scoreUnit = { unit: 'score', system: systems.ucum, code: '{score}' } as const;

/**
 * `survey`, not `vital-signs`: a patient's own numeric rating is an assessment-instrument answer. `vital-signs` is
 * for the measured body functions of the FHIR vital-signs profile, and claiming it obliges that profile, whose
 * codes do not include pain.
 */
export const surveyCategory: Coding = {
  system: systems.observationCategory,
  code: 'survey',
  display: 'Survey',
};

/** The episode's Condition code by where the pain is. */
export const locationCode: Readonly<Record<Location, Coding>> = {
  lower: { system: systems.snomed, code: '279039007', display: 'Low back pain' },
  middle: { system: systems.snomed, code: '279038004', display: 'Thoracic back pain' },
  upper: { system: systems.snomed, code: '279038004', display: 'Thoracic back pain' },
};

export const clinicalStatus = {
  active: { system: systems.conditionClinical, code: 'active', display: 'Active' },
  inactive: { system: systems.conditionClinical, code: 'inactive', display: 'Inactive' },
} as const satisfies Record<string, Coding>;

/**
 * `unconfirmed`: the person reported it and no clinician has confirmed it. (`provisional`, its child, means a
 * clinician's tentative diagnosis, which this is not.)
 */
export const unconfirmed: Coding = {
  system: systems.conditionVerification,
  code: 'unconfirmed',
  display: 'Unconfirmed',
};

/** A problem the person keeps track of over time, not a diagnosis made at one encounter. */
export const problemListItem: Coding = {
  system: systems.conditionCategory,
  code: 'problem-list-item',
  display: 'Problem List Item',
};
