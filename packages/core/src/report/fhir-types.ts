/**
 * The parts of FHIR R4 this export writes, typed just enough to catch a misspelt element at compile time. Not a
 * general FHIR model: a consumer that needs one should use a FHIR library on the JSON.
 */
import type { Coding } from './fhir-codes.ts';

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference: string;
  type: string;
  display?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Extension {
  url: string;
  valueInteger?: number;
}

export interface Patient {
  resourceType: 'Patient';
  id: string;
}

export interface QuestionnaireItem {
  linkId: string;
  prefix: string;
  text: string;
  type: 'boolean' | 'integer' | 'choice';
  required: boolean;
  repeats?: boolean;
  extension?: Extension[];
  answerOption?: { valueCoding: Coding }[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  subjectType: string[];
  publisher: string;
  description: string;
  item: QuestionnaireItem[];
}

export type Answer =
  { valueBoolean: boolean } | { valueInteger: number } | { valueDecimal: number } | { valueCoding: Coding };

export interface QuestionnaireResponseItem {
  linkId: string;
  text: string;
  answer: Answer[];
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id: string;
  questionnaire: string;
  status: 'completed';
  subject: Reference;
  authored: string;
  author: Reference;
  source: Reference;
  item: QuestionnaireResponseItem[];
}

export interface Observation {
  resourceType: 'Observation';
  id: string;
  status: 'final';
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  effectiveDateTime: string;
  performer: Reference[];
  valueQuantity: { value: number; unit: string; system: string; code: string };
}

export interface Condition {
  resourceType: 'Condition';
  id: string;
  clinicalStatus: CodeableConcept;
  verificationStatus: CodeableConcept;
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  onsetDateTime: string;
  recordedDate?: string;
  asserter: Reference;
  note: { text: string }[];
}

export type ActivityStatus = 'not-started' | 'in-progress' | 'completed';

export interface CarePlanActivity {
  detail: {
    status: ActivityStatus;
    code: CodeableConcept;
    description: string;
    scheduledPeriod: Period;
  };
}

export interface CarePlan {
  resourceType: 'CarePlan';
  id: string;
  status: 'active' | 'completed';
  intent: 'plan';
  title: string;
  description: string;
  subject: Reference;
  period: Period;
  created: string;
  addresses: Reference[];
  activity: CarePlanActivity[];
}

export type SummaryResource =
  Patient | Questionnaire | QuestionnaireResponse | Observation | Condition | CarePlan;

export interface BundleEntry {
  fullUrl: string;
  resource: SummaryResource;
}

/** A FHIR R4 Bundle of type `collection`. */
export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  identifier: { system: string; value: string };
  type: 'collection';
  timestamp: string;
  entry: BundleEntry[];
}
