/**
 * The summary as a FHIR R4 Bundle: an anonymous Patient, the episode as a Condition, the triage Questionnaire and
 * a QuestionnaireResponse per assessment, each pain rating as an Observation (LOINC 72514-3), and the plan as a
 * CarePlan.
 *
 * Bundle type `collection`, not `document`: a document is an attested composition with an author and a Composition
 * narrative that the receiving system must present as one unit. This is patient-reported data for a clinician's
 * system to import resource by resource, with nobody to attest it; the human-readable document is the HTML or
 * PDF page.
 *
 * Ids are deterministic: a resource made from a stored record takes the record's UUIDv7; the others take a
 * version-5 UUID named after the episode. Every fullUrl is `urn:uuid:<id>` and every reference points to one.
 */
import type {
  CarePlanActivityDetail,
  QuestionnaireItem,
  QuestionnaireResponseItemAnswer,
  Reference,
} from '@medplum/fhirtypes';
import { questions, rulesVersion, type Question } from '../triage/index.ts';
import {
  clinicalStatus,
  locationCode,
  painSeverity,
  problemListItem,
  scoreUnit,
  surveyCategory,
  unconfirmed,
  type Coding,
} from './fhir-codes.ts';
import type {
  Bundle,
  BundleEntry,
  CarePlan,
  Condition,
  Observation,
  Patient,
  Questionnaire,
  QuestionnaireResponse,
} from './fhir-types.ts';
import { compareText } from './diary-facts.ts';
import { isUuid, uuidV5 } from './uuid.ts';
import type { DoctorSummary, SummaryAnswer, SummaryAssessment, SummaryPlan } from './types.ts';

export interface SummaryFhirOptions {
  /**
   * Base of the canonical URLs this export defines (the Questionnaire, and the code systems of its answer
   * options). A deployment with its own address passes it; the default is a reserved example domain.
   */
  canonicalBase?: string;
}

export const defaultCanonicalBase = 'https://unknot.example/fhir';

/** RFC 9562's namespace for URLs; our namespace is the v5 UUID of our default base within it. */
const urlNamespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
/** The namespace of every name-based id in the export. It does not change with `canonicalBase`. */
export const fhirNamespace = uuidV5(defaultCanonicalBase, urlNamespace);

const urn = (id: string): string => `urn:uuid:${id}`;

/** A record's own UUID, or a name-based one when it is not a UUID (a record from outside the app). */
function recordUuid(id: string, kind: string): string {
  return isUuid(id) ? id : uuidV5(`${kind}/${id}`, fhirNamespace);
}

/** A UTC instant with seconds, as FHIR's `dateTime` and `instant` require. */
function instant(at: string): string {
  return new Date(Date.parse(at)).toISOString();
}

function kebab(id: string): string {
  return id.replaceAll('_', '-');
}

/** The canonical URL of the triage Questionnaire. */
export function questionnaireUrl(canonicalBase: string = defaultCanonicalBase): string {
  return `${canonicalBase}/Questionnaire/unknot-triage`;
}

/** The code system of one choice question's options. */
function optionSystem(base: string, question: Question): string {
  return `${base}/CodeSystem/triage-${kebab(question.id)}`;
}

function optionCoding(base: string, question: Question, code: string): Coding {
  const type = question.type;
  const label =
    type.kind === 'enum' || type.kind === 'multi'
      ? type.options.find((o) => o.value === code)?.label
      : undefined;
  return { system: optionSystem(base, question), code, display: label ?? code };
}

/** The 25 triage questions as a Questionnaire: linkId is the question id, the prefix its number. */
export function triageQuestionnaire(base: string = defaultCanonicalBase): Questionnaire {
  const item = questions.map((q): QuestionnaireItem => {
    const common = { linkId: q.id, prefix: String(q.number), text: q.text, required: true };
    switch (q.type.kind) {
      case 'boolean':
        return { ...common, type: 'boolean' };
      case 'integer':
        return {
          ...common,
          type: 'integer',
          extension: [
            { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: q.type.min },
            { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: q.type.max },
          ],
        };
      case 'enum':
      case 'multi':
        return {
          ...common,
          type: 'choice',
          ...(q.type.kind === 'multi' ? { repeats: true } : {}),
          answerOption: q.type.options.map((o) => ({ valueCoding: optionCoding(base, q, o.value) })),
        };
    }
  });
  return {
    resourceType: 'Questionnaire',
    id: uuidV5(`Questionnaire/unknot-triage|${rulesVersion}`, fhirNamespace),
    url: questionnaireUrl(base),
    version: rulesVersion,
    name: 'UnknotTriage',
    title: 'unknot back-pain warning-sign questionnaire',
    // triage.md is draft clinical content awaiting a clinician's sign-off; the status says so.
    status: 'draft',
    subjectType: ['Patient'],
    publisher: 'unknot',
    description:
      'Questions about warning signs in an episode of back pain, answered by the person. The app turns the answers ' +
      'into safety advice (how soon to get care); it does not diagnose.',
    item,
  };
}

function answersOf(base: string, answer: SummaryAnswer): QuestionnaireResponseItemAnswer[] {
  const question = questions.find((q) => q.id === answer.questionId);
  if (question === undefined) return [];
  const v = answer.value;
  switch (question.type.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? [{ valueBoolean: v }] : [];
    case 'integer':
      if (typeof v !== 'number') return [];
      return [Number.isInteger(v) ? { valueInteger: v } : { valueDecimal: v }];
    case 'enum':
      return typeof v === 'string' ? [{ valueCoding: optionCoding(base, question, v) }] : [];
    case 'multi':
      return Array.isArray(v) ? v.map((code) => ({ valueCoding: optionCoding(base, question, code) })) : [];
  }
}

function questionnaireResponse(
  base: string,
  a: SummaryAssessment,
  patient: Reference<Patient>,
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id: recordUuid(a.id, 'QuestionnaireResponse'),
    // Versioned, so an answer set is tied to the wording it was given under.
    questionnaire: `${questionnaireUrl(base)}|${a.rulesVersion}`,
    status: 'completed',
    subject: patient,
    authored: instant(a.at),
    author: patient,
    source: patient,
    item: a.answers
      .map((answer) => ({
        linkId: answer.questionId,
        text: answer.question,
        answer: answersOf(base, answer),
      }))
      .filter((item) => item.answer.length > 0),
  };
}

function painObservation(
  r: DoctorSummary['pain']['readings'][number],
  patient: Reference<Patient>,
): Observation {
  return {
    resourceType: 'Observation',
    id: recordUuid(r.id, 'Observation'),
    status: 'final',
    category: [{ coding: [surveyCategory] }],
    code: { coding: [painSeverity], text: 'Pain rating, 0 (none) to 10 (worst imaginable)' },
    subject: patient,
    effectiveDateTime: instant(r.at),
    performer: [patient],
    valueQuantity: { value: r.pain, ...scoreUnit },
  };
}

function condition(s: DoctorSummary, patient: Reference<Patient>): Condition {
  const e = s.episode;
  const code =
    e.location.code in locationCode ? locationCode[e.location.code as keyof typeof locationCode] : undefined;
  const notes = [`Set off by: ${e.trigger.text}.`];
  if (e.knownConditions.length > 0) {
    notes.push(`Back conditions a doctor named before: ${e.knownConditions.map((c) => c.text).join('; ')}.`);
  }
  return {
    resourceType: 'Condition',
    id: recordUuid(e.id, 'Condition'),
    clinicalStatus: { coding: [e.status === 'active' ? clinicalStatus.active : clinicalStatus.inactive] },
    verificationStatus: { coding: [unconfirmed] },
    category: [{ coding: [problemListItem] }],
    code: { ...(code === undefined ? {} : { coding: [code] }), text: `Back pain: ${e.location.text}` },
    subject: patient,
    onsetDateTime: e.onsetDate,
    ...(e.createdAt === null ? {} : { recordedDate: instant(e.createdAt) }),
    asserter: patient,
    note: [{ text: notes.join(' ') }],
  };
}

function activityStatus(first: string, last: string, today: string): CarePlanActivityDetail['status'] {
  if (last < today) return 'completed';
  return first > today ? 'not-started' : 'in-progress';
}

function carePlan(
  s: DoctorSummary,
  plan: SummaryPlan,
  patient: Reference<Patient>,
  problem: Reference<Condition>,
): CarePlan {
  const activities = plan.activities.map((a) => ({
    detail: {
      status: activityStatus(a.firstDate, a.lastDate, plan.today),
      code: { text: a.title },
      description: a.description,
      scheduledPeriod: { start: a.firstDate, end: a.lastDate },
    },
  }));
  const checkIns = plan.checkIns.map((c) => ({
    detail: {
      status: activityStatus(c.date, c.date, plan.today),
      code: { text: `Day ${c.day} check-in` },
      description: c.question,
      scheduledPeriod: { start: c.date, end: c.date },
    },
  }));
  return {
    resourceType: 'CarePlan',
    id: uuidV5(`${s.episode.id}/CarePlan/${plan.today}`, fhirNamespace),
    status: s.episode.status === 'active' ? 'active' : 'completed',
    intent: 'plan',
    title: 'Home-care plan for back pain',
    description: `Self-care plan from the unknot app for day ${plan.day} onwards (stage: ${plan.stage.replaceAll('_', ' ')}), built from evidence-graded advice. Not a prescription.`,
    subject: patient,
    period: { start: plan.firstDate, end: plan.lastDate },
    created: instant(s.generatedAt),
    addresses: [problem],
    activity: [...activities, ...checkIns],
  };
}

/**
 * The summary as a FHIR R4 Bundle (type `collection`). Deterministic: the same summary and options give the same
 * JSON. Pain ratings from the diary become Observations; ratings before and after guided sessions stay in the
 * page summary only, since they describe a session rather than the day.
 */
export function summaryToFhir(summary: DoctorSummary, options: SummaryFhirOptions = {}): Bundle {
  const base = (options.canonicalBase ?? defaultCanonicalBase).replace(/\/+$/, '');
  const s = summary;
  const patientId = uuidV5(`${s.episode.id}/Patient`, fhirNamespace);
  const patientRef: Reference<Patient> = { reference: urn(patientId), type: 'Patient' };
  const patient: Patient = { resourceType: 'Patient', id: patientId };
  const problem = condition(s, patientRef);
  const problemRef: Reference<Condition> = { reference: urn(problem.id), type: 'Condition' };

  const assessments = [...s.assessments].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || compareText(a.id, b.id),
  );
  const resources = [
    patient,
    problem,
    triageQuestionnaire(base),
    ...assessments.map((a) => questionnaireResponse(base, a, patientRef)),
    ...s.pain.readings.map((r) => painObservation(r, patientRef)),
    ...(s.plan === null ? [] : [carePlan(s, s.plan, patientRef, problemRef)]),
  ];
  const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: urn(resource.id), resource }));
  const id = uuidV5(`${s.episode.id}/Bundle/${s.generatedAt}`, fhirNamespace);
  return {
    resourceType: 'Bundle',
    id,
    identifier: { system: 'urn:ietf:rfc:3986', value: urn(id) },
    type: 'collection',
    timestamp: instant(s.generatedAt),
    entry,
  };
}
