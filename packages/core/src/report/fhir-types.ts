/**
 * The FHIR R4 resources this export writes: @medplum/fhirtypes' R4 interfaces (types only; nothing of it runs),
 * so a misspelt element or a code outside a required value set fails to compile. Narrowed here only where the
 * export promises more than FHIR does: every resource has an id (its fullUrl is `urn:uuid:<id>`), and the Bundle
 * is a `collection` whose entries are exactly these resources.
 */
import type {
  Bundle as R4Bundle,
  BundleEntry as R4BundleEntry,
  CarePlan as R4CarePlan,
  Condition as R4Condition,
  Identifier,
  Observation as R4Observation,
  Patient as R4Patient,
  Questionnaire as R4Questionnaire,
  QuestionnaireResponse as R4QuestionnaireResponse,
} from '@medplum/fhirtypes';

/** A resource as the export writes it: always with its id. */
type WithId<T> = T & { id: string };

export type Patient = WithId<R4Patient>;
export type Questionnaire = WithId<R4Questionnaire>;
export type QuestionnaireResponse = WithId<R4QuestionnaireResponse>;
export type Observation = WithId<R4Observation>;
export type Condition = WithId<R4Condition>;
export type CarePlan = WithId<R4CarePlan>;

/** The resources a summary Bundle holds. */
export type SummaryResource =
  Patient | Questionnaire | QuestionnaireResponse | Observation | Condition | CarePlan;

export interface BundleEntry extends R4BundleEntry<SummaryResource> {
  fullUrl: string;
  resource: SummaryResource;
}

/** A FHIR R4 Bundle of type `collection`, identified by its own `urn:uuid:`. */
export interface Bundle extends R4Bundle<SummaryResource> {
  id: string;
  identifier: Identifier & { system: string; value: string };
  type: 'collection';
  timestamp: string;
  entry: BundleEntry[];
}
