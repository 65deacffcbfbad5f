/**
 * The schema of GET /episodes/:id/plan: the compact plan (core's `compactPlan`), the escalation that replaces it,
 * or triage_needed. It documents the response in the OpenAPI document; responses are not re-validated on the way
 * out (app.ts), so the route tests parse real responses with it, and the type annotation keeps it in step with
 * core's types at compile time.
 */
import {
  backConditions,
  certainties,
  conditions,
  directions,
  dispositions,
  evidenceCodeIds,
  kinds,
  locations,
  phases,
  planStages,
  seedFileNames,
  triggers,
  type CompactPlan,
  type PlanEscalation,
  type PlanTriageNeeded,
} from '@unknot/core';
import { z } from 'zod';

const text = z.string();
const day = z.int().describe('Days since onset');
const date = z.string().describe("A calendar date, YYYY-MM-DD, in the episode's time zone");
const index = (list: string) => z.int().min(0).describe(`An index into the plan's \`${list}\``);
const stage = z.enum(planStages);
const phase = z.enum(phases);
const healthCondition = z.enum(conditions);
const checkInId = z.enum(['day-7', 'day-14']);
// Named once in the OpenAPI document rather than listed at every use.
const evidenceCode = z.enum(evidenceCodeIds).meta({ id: 'EvidenceCode', description: 'An evidence code' });
const seedFile = z
  .enum(seedFileNames)
  .meta({ id: 'SeedFile', description: 'A seed article of the knowledge base' });

const reason = z.strictObject({
  rule: text,
  disposition: z.enum(dispositions),
  text,
  sources: z.array(text),
});

const safetyNet = z.strictObject({
  groups: z.array(z.strictObject({ heading: text, items: z.array(text) })),
  closing: text,
});

const why = z.strictObject({
  certainty: z.enum(certainties),
  direction: z.enum(directions),
  guideline: text,
  summary: text,
  refs: z.array(evidenceCode).describe("Codes of the plan's `evidence`"),
  sources: z
    .array(z.strictObject({ file: seedFile, section: text }))
    .describe("Seed passages; their articles' titles are in the plan's `seeds`"),
});

const conditionNote = z.strictObject({ condition: healthCondition, text });

const entry = z
  .strictObject({
    title: text,
    kind: z.enum(kinds),
    summary: text,
    steps: z.array(text),
    untilRelief: z.boolean(),
    progression: text.nullable(),
    oursReason: text.nullable(),
    why,
    cautions: z.array(text),
    displayNote: text.nullable(),
    badges: z.array(conditionNote),
    banners: z.array(conditionNote),
    timer: z.boolean(),
  })
  .describe('What an item takes from its knowledge entry: the same on every day the entry appears');

const planNumber = z.strictObject({
  field: text,
  unit: z.enum(['s', 'min', 'h', 'days', 'count', 'per_week', 'per_day']),
  min: z.number(),
  max: z.number(),
  start: z.number().nullable(),
  goal: z.number().nullable(),
  origin: z.enum(['source', 'ours']),
});

const item = z
  .strictObject({
    entryId: text.describe("A key of the plan's `entries`"),
    slot: z.enum(['first_screen', 'core', 'choice', 'always']),
    display: z.enum(['recommend', 'option']),
    note: text.nullable(),
    personalNotes: z.array(text),
    numbers: z.array(planNumber).describe('`how.numbers` of the item'),
    howOften: z.strictObject({ text, basis: z.enum(['source', 'ours', 'label', 'clinician']) }),
    preferred: z.boolean(),
    from: z
      .literal('clinician')
      .exactOptional()
      .describe("Clinic mode: the item is part of the programme the patient's clinician assigned"),
    dose: z
      .strictObject({
        holdSeconds: z.int().exactOptional(),
        reps: z.int().exactOptional(),
        sets: z.int().exactOptional(),
        timesPerWeek: z.int(),
      })
      .exactOptional()
      .describe('The amount the clinician assigned (with `from`)'),
  })
  .describe('One use of an entry: what depends on the stage, the day and the person');

const libraryRef = z.strictObject({
  entryId: text,
  title: text,
  display: z.enum(['inform_only', 'do_not_recommend']),
  displayNote: text,
  timerAfterCaveat: z.boolean(),
});

const stop = z.strictObject({ entryId: text, title: text, text, instead: text.nullable() });

const session = z.strictObject({
  slot: z.enum(['morning', 'midday', 'evening']),
  groups: z.array(z.enum(['thermal', 'walk', 'stretch', 'strength'])),
  itemIds: z.array(text),
  minutes: z.number(),
});

const planDay = z.strictObject({
  date,
  day,
  stage,
  phase,
  redFlagCheckFirst: z.boolean(),
  items: z.array(index('items')),
  library: z.array(index('library')),
  stops: z.array(index('stops')),
  sessions: z.array(index('sessions')),
  checkIn: checkInId.nullable(),
});

const compactPlanSchema = z
  .strictObject({
    kind: z.literal('plan'),
    today: date,
    todayDay: day,
    stage,
    phase,
    onsetDate: date,
    timeZone: text,
    location: z.enum(locations),
    trigger: z.enum(triggers),
    disposition: z.enum(['self_care', 'soon']),
    appointment: z
      .strictObject({
        disposition: z.literal('soon'),
        headline: text,
        advice: text,
        reasons: z.array(reason),
      })
      .nullable(),
    safetyNet,
    earlyRecovery: z.boolean(),
    stages: z.array(
      z.strictObject({
        stage,
        phase,
        startDay: day,
        endDay: day.nullable(),
        startDate: date,
        endDate: date.nullable(),
      }),
    ),
    nextRedFlagCheck: date.nullable(),
    checkIns: z.array(
      z.strictObject({
        id: checkInId,
        day: z.union([z.literal(7), z.literal(14)]),
        date,
        state: z.enum(['past', 'today', 'upcoming']),
        entryId: z.literal('rf-no-improvement-1-2-weeks'),
        question: text,
        ifNotBetter: text,
        ifWorse: text,
        seeAlso: z.array(text),
        diarySummary: z.boolean(),
        why,
      }),
    ),
    heldBack: z.array(
      z.strictObject({
        entryId: text,
        title: text,
        unlockDay: day,
        unlockDate: date,
        unlockStage: stage,
        reason: text,
      }),
    ),
    leftOut: z.array(
      z.strictObject({
        entryId: text,
        title: text,
        reasons: z.array(
          z.strictObject({
            code: z.enum(['avoid_with', 'thermal_preference', 'no_ice_pack']),
            condition: healthCondition.nullable(),
            text,
          }),
        ),
      }),
    ),
    recurrence: z
      .strictObject({ entryId: z.literal('rf-recurring-spasms'), title: text, text, fromDate: date, why })
      .nullable(),
    conditions: z.strictObject({
      recorded: z.array(z.enum(backConditions)),
      matched: z.array(healthCondition),
    }),
    entries: z.record(text, entry).describe("By entry id: each entry's texts, once"),
    evidence: z
      .partialRecord(
        evidenceCode,
        z.strictObject({
          urls: z.array(text),
          url: text.exactOptional().describe('Absent when it is `urls[0]`'),
        }),
      )
      .describe('By evidence code: its addresses'),
    seeds: z.partialRecord(seedFile, text).describe('By seed file: our title for the article'),
    items: z.array(item),
    library: z.array(libraryRef),
    stops: z.array(stop),
    sessions: z.array(session),
    days: z.array(planDay),
    alwaysAvailable: z.array(index('items')),
  })
  .meta({
    id: 'CompactPlan',
    description:
      'The plan with every text once: `days` name their items, library references, stops and sessions by ' +
      'index into the top-level lists, items name their entry by id, and `entries`, `evidence` and `seeds` ' +
      'hold the texts. `expandPlan` in @unknot/core turns it back into the Plan (docs/plan.md).',
  });

const escalationSchema = z
  .strictObject({
    kind: z.literal('escalation'),
    disposition: z.enum(['emergency', 'urgent']),
    headline: text,
    advice: text,
    reasons: z.array(reason),
    safetyNet: safetyNet.nullable(),
  })
  .meta({
    id: 'PlanEscalation',
    description: 'Emergency or urgent triage: no plan, this instead.',
  });

const triageNeededSchema = z
  .strictObject({
    kind: z.literal('triage_needed'),
    reason: z.enum(['no_triage', 'symptoms_changed', 'new_phase']),
    message: text,
    lastDisposition: z.enum(dispositions).nullable(),
  })
  .meta({
    id: 'PlanTriageNeeded',
    description: 'The red-flag questions must be answered (again) before a plan is shown.',
  });

/** A plan (compact), an escalation or triage_needed, told apart by `kind`. */
export const planResponseSchema: z.ZodType<CompactPlan | PlanEscalation | PlanTriageNeeded> =
  z.discriminatedUnion('kind', [compactPlanSchema, escalationSchema, triageNeededSchema]);
