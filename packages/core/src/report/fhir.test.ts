import { describe, expect, it } from 'vitest';
import { questions, rulesVersion } from '../triage/index.ts';
import { defaultCanonicalBase, questionnaireUrl, summaryToFhir, triageQuestionnaire } from './fhir.ts';
import { locationCode, painSeverity } from './fhir-codes.ts';
import type { Bundle, Condition, Observation, SummaryResource } from './fhir-types.ts';
import { buildSummary } from './summary.ts';
import { validate } from './test-fhir.ts';
import { makeInput } from './test-factories.ts';

const input = makeInput();
const summary = buildSummary(input);
const bundle = summaryToFhir(summary);

function resources<T extends SummaryResource['resourceType']>(
  b: Bundle,
  type: T,
): Extract<SummaryResource, { resourceType: T }>[] {
  return b.entry
    .map((e) => e.resource)
    .filter((r): r is Extract<SummaryResource, { resourceType: T }> => r.resourceType === type);
}

/** Every `reference` string anywhere in a value. */
function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k === 'reference' && typeof v === 'string' ? [v] : references(v),
    );
  }
  return [];
}

describe('summaryToFhir: validation with the fhir package (R4)', () => {
  it('validates the bundle with 0 errors and no unexpected warnings', () => {
    const result = validate(bundle);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it.each(bundle.entry.map((e) => [e.resource.resourceType, e.resource.id, e.resource] as const))(
    'validates %s %s on its own with 0 errors',
    (_type, _id, resource) => {
      const result = validate(resource);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
    },
  );

  // The validator cannot look up SNOMED CT or LOINC; it says so as a warning, which proves it saw the codes.
  it('reaches the SNOMED CT and LOINC codes (and reports them only as not checkable)', () => {
    const { externalCodes } = validate(bundle);
    expect(externalCodes.filter((m) => m.message?.includes('72514-3'))).toHaveLength(
      summary.pain.readings.length,
    );
    expect(externalCodes.filter((m) => m.message?.includes('279039007'))).toHaveLength(1);
  });

  // Proof that the validator bites: each broken copy must be reported as an error.
  it.each<[string, (b: Bundle) => void, RegExp]>([
    [
      'a clinical status code that does not exist',
      (b) =>
        ((resources(b, 'Condition')[0] as Condition).clinicalStatus = {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
              code: 'ongoing',
              display: 'x',
            },
          ],
        }),
      /not found in value set/,
    ],
    [
      'an Observation without its status',
      (b) => delete (resources(b, 'Observation')[0] as Partial<Observation>).status,
      /Missing property/,
    ],
    [
      'an Observation status not in the value set',
      (b) => ((resources(b, 'Observation')[0] as unknown as { status: string }).status = 'done'),
      /not found in value set/,
    ],
    [
      'a reference to the wrong type',
      (b) => {
        const subject = resources(b, 'Observation')[0]?.subject;
        if (subject) subject.type = 'Practitioner';
      },
      /Invalid type for reference/,
    ],
    [
      'a QuestionnaireResponse status that does not exist',
      (b) => ((resources(b, 'QuestionnaireResponse')[0] as unknown as { status: string }).status = 'done'),
      /not found in value set/,
    ],
    [
      'a bundle type that does not exist',
      (b) => ((b as unknown as { type: string }).type = 'bag'),
      /not found in value set/,
    ],
    [
      'an unknown element',
      (b) => ((resources(b, 'Patient')[0] as unknown as { nickname: string }).nickname = 'x'),
      /Unexpected property/,
    ],
  ])('reports %s', (_name, breakIt, message) => {
    const broken = structuredClone(bundle);
    breakIt(broken);
    const { errors } = validate(broken);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).join('\n')).toMatch(message);
  });
});

describe('summaryToFhir: the bundle', () => {
  it('is a collection with a timestamp and an identifier', () => {
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: summary.generatedAt,
    });
    expect(bundle.identifier).toEqual({ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${bundle.id}` });
  });

  it('holds one Patient, one Condition, the Questionnaire, a response per assessment, an Observation per rating, the CarePlan', () => {
    const count = (type: SummaryResource['resourceType']) =>
      bundle.entry.filter((e) => e.resource.resourceType === type).length;
    expect([
      count('Patient'),
      count('Condition'),
      count('Questionnaire'),
      count('QuestionnaireResponse'),
      count('Observation'),
      count('CarePlan'),
    ]).toEqual([1, 1, 1, 2, 11, 1]);
  });

  it('gives every entry a urn:uuid fullUrl made from its id, and no id twice', () => {
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
    const ids = bundle.entry.map((e) => e.resource.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reuses the record ids for resources made from records', () => {
    expect(resources(bundle, 'Condition')[0]?.id).toBe(input.episode.id);
    expect(
      resources(bundle, 'QuestionnaireResponse')
        .map((r) => r.id)
        .sort(),
    ).toEqual(input.assessments?.map((a) => a.id).sort());
    expect(
      resources(bundle, 'Observation')
        .map((o) => o.id)
        .sort(),
    ).toEqual(input.entries.map((e) => e.id).sort());
  });

  it('resolves every reference within the bundle', () => {
    const fullUrls = new Set(bundle.entry.map((e) => e.fullUrl));
    const refs = references(bundle);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(fullUrls).toContain(ref);
  });

  it('points each response at the Questionnaire in the bundle, by its url and version', () => {
    const q = resources(bundle, 'Questionnaire')[0];
    for (const r of resources(bundle, 'QuestionnaireResponse'))
      expect(r.questionnaire).toBe(`${q?.url}|${q?.version}`);
  });

  it('has no name or other identifying detail for the patient', () => {
    expect(resources(bundle, 'Patient')[0]).toEqual({
      resourceType: 'Patient',
      id: expect.any(String) as string,
    });
  });

  it('is the same JSON every time, and has no random parts', () => {
    expect(JSON.stringify(summaryToFhir(buildSummary(makeInput())))).toBe(JSON.stringify(bundle));
  });

  it('takes its canonical URLs from the options', () => {
    const b = summaryToFhir(summary, { canonicalBase: 'https://clinic.example/fhir/' });
    expect(resources(b, 'Questionnaire')[0]?.url).toBe(
      'https://clinic.example/fhir/Questionnaire/unknot-triage',
    );
    expect(resources(b, 'QuestionnaireResponse')[0]?.questionnaire).toBe(
      `https://clinic.example/fhir/Questionnaire/unknot-triage|${rulesVersion}`,
    );
    // Ids do not change with the address.
    expect(b.entry.map((e) => e.fullUrl)).toEqual(bundle.entry.map((e) => e.fullUrl));
  });
});

describe('summaryToFhir: resources', () => {
  it('codes every pain Observation LOINC 72514-3 with the rating as a {score} and its time', () => {
    const byId = new Map(summary.pain.readings.map((r) => [r.id, r]));
    for (const o of resources(bundle, 'Observation')) {
      const reading = byId.get(o.id);
      expect(o.code.coding).toEqual([painSeverity]);
      expect(o.code.coding?.[0]?.code).toBe('72514-3');
      expect(o.valueQuantity).toEqual({
        value: reading?.pain,
        unit: 'score',
        system: 'http://unitsofmeasure.org',
        code: '{score}',
      });
      expect(o.effectiveDateTime).toBe(reading?.at);
      expect(o.status).toBe('final');
      expect(o.category?.[0]?.coding?.[0]).toMatchObject({
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'survey',
      });
    }
  });

  it.each([
    ['lower', '279039007', 'Low back pain'],
    ['middle', '279038004', 'Thoracic back pain'],
    ['upper', '279038004', 'Thoracic back pain'],
  ] as const)('codes a %s-back episode SNOMED CT %s', (location, code, display) => {
    const b = summaryToFhir(buildSummary(makeInput({ episode: { location } })));
    const c = resources(b, 'Condition')[0];
    expect(c?.code?.coding).toEqual([{ system: 'http://snomed.info/sct', code, display }]);
    expect(locationCode[location].code).toBe(code);
    expect(c?.code?.text).toContain(summary.episode.location.text.length > 0 ? 'Back pain: ' : '');
    expect(validate(c as Condition).errors).toEqual([]);
  });

  it('records the episode as an active, unconfirmed problem with its onset', () => {
    const c = resources(bundle, 'Condition')[0];
    expect(c?.clinicalStatus?.coding?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
      code: 'active',
    });
    expect(c?.verificationStatus?.coding?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
      code: 'unconfirmed',
    });
    expect(c?.category?.[0]?.coding?.[0]?.code).toBe('problem-list-item');
    expect(c?.onsetDateTime).toBe('2026-11-03');
    expect(c?.note?.[0]?.text).toContain('Lifting or carrying something');
  });

  it('marks a closed episode inactive', () => {
    const b = summaryToFhir(buildSummary(makeInput({ episode: { status: 'closed' } })));
    expect(resources(b, 'Condition')[0]?.clinicalStatus?.coding?.[0]?.code).toBe('inactive');
    expect(resources(b, 'CarePlan')[0]?.status).toBe('completed');
  });

  it('turns the 25 questions into Questionnaire items with the right types and options', () => {
    const q = triageQuestionnaire();
    expect(q.url).toBe(questionnaireUrl());
    expect(q.url?.startsWith(defaultCanonicalBase)).toBe(true);
    expect(q.item?.map((i) => i.linkId)).toEqual(questions.map((x) => x.id));
    for (const [i, item] of (q.item ?? []).entries()) {
      const question = questions[i];
      const kind = question?.type.kind;
      expect(item.text).toBe(question?.text);
      expect(item.type).toBe(kind === 'enum' || kind === 'multi' ? 'choice' : kind);
      expect(item.repeats === true).toBe(kind === 'multi');
      if (question?.type.kind === 'enum' || question?.type.kind === 'multi') {
        expect(item.answerOption?.map((o) => o.valueCoding?.code)).toEqual(
          question.type.options.map((o) => o.value),
        );
      }
    }
  });

  it('answers each response exactly as the assessment was answered', () => {
    const byId = new Map(input.assessments?.map((a) => [a.id, a]));
    for (const r of resources(bundle, 'QuestionnaireResponse')) {
      const assessment = byId.get(r.id);
      expect(r.status).toBe('completed');
      expect(r.authored).toBe(assessment?.at);
      expect(r.item).toHaveLength(25);
      for (const item of r.item ?? []) {
        const given = assessment?.answers[item.linkId];
        const decoded = (item.answer ?? []).map((a) =>
          'valueBoolean' in a
            ? a.valueBoolean
            : 'valueInteger' in a
              ? a.valueInteger
              : 'valueCoding' in a
                ? a.valueCoding.code
                : a.valueDecimal,
        );
        expect(Array.isArray(given) ? decoded : decoded[0]).toEqual(given);
      }
    }
  });

  it('turns the plan into an active CarePlan that addresses the Condition', () => {
    const plan = resources(bundle, 'CarePlan')[0];
    expect(plan).toMatchObject({ status: 'active', intent: 'plan' });
    expect(plan?.addresses?.[0]?.reference).toBe(`urn:uuid:${input.episode.id}`);
    expect(plan?.activity?.length).toBe(
      (summary.plan?.activities.length ?? 0) + (summary.plan?.checkIns.length ?? 0),
    );
    for (const a of plan?.activity ?? []) expect(a.detail?.description?.length).toBeGreaterThan(0);
    const heat = plan?.activity?.find(
      (a) => a.detail?.code?.text === summary.plan?.activities.find((x) => x.entryId === 'tx-heat')?.title,
    );
    expect(heat?.detail?.status).toBe('in-progress');
    const dayFourteen = plan?.activity?.find((a) => a.detail?.code?.text === 'Day 14 check-in');
    expect(dayFourteen?.detail?.status).toBe('not-started');
  });

  it('leaves the CarePlan out when there is no plan', () => {
    const b = summaryToFhir(buildSummary(makeInput({ withPlan: false })));
    expect(resources(b, 'CarePlan')).toEqual([]);
    expect(validate(b).errors).toEqual([]);
  });
});
