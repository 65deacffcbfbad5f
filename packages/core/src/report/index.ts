/**
 * The doctor summary: one episode's record as plain data (`buildSummary`), then as a printable HTML page
 * (`summaryToHtml`, styled by `summaryCss`) and a FHIR R4 Bundle (`summaryToFhir`). The one-page PDF (`summaryToPdf`)
 * is the subpath `@unknot/core/pdf`, so that importing core never loads pdf-lib.
 */
export { buildSummary } from './summary.ts';
export { summaryToHtml, escapeHtml, htmlLimits, type SummaryHtmlOptions } from './html.ts';
export { summaryCss } from './css.ts';
export {
  summaryToFhir,
  triageQuestionnaire,
  questionnaireUrl,
  defaultCanonicalBase,
  fhirNamespace,
  type SummaryFhirOptions,
} from './fhir.ts';
export * as fhirCodes from './fhir-codes.ts';
export type * as FhirR4 from './fhir-types.ts';
export type { Bundle as FhirBundle } from './fhir-types.ts';
export { questionsToAsk, type QuestionContext } from './questions-to-ask.ts';
export { patientReportedNotice } from './words.ts';
export { uuidV5 } from './uuid.ts';
export type * from './types.ts';
export { summaryFromRecords, type SummaryRecords } from './from-records.ts';
