/**
 * zod schemas for the knowledge base: the shape of §1.1 with the field rules of §1.2 and §1.4 and the checks
 * of §6 that can be made on one entry (and, in `knowledgeBaseSchema`, on the whole collection).
 *
 * Objects are strict, so a misspelt or unknown field is an error rather than silently ignored.
 */
import { z } from 'zod';
import { evidenceCodeIds } from './evidence-codes.ts';
import { getSeedFile, seedFileNames } from './seeds.ts';
import {
  certainties,
  conditions,
  conflicts,
  directions,
  displays,
  escalations,
  kinds,
  origins,
  phases,
  type Display,
  type Kind,
} from './types.ts';

/** §1.2: every id starts with the prefix of its kind. */
export const idPrefixByKind: Readonly<Record<Kind, string>> = {
  red_flag: 'rf-',
  cause: 'cause-',
  symptom: 'sym-',
  treatment: 'tx-',
  position: 'pos-',
  exercise: 'ex-',
  medication: 'med-',
  remedy: 'rem-',
  professional_care: 'pro-',
  prevention: 'prev-',
};

/** §1.4: displays that are library-only and must always carry their `display_note`. */
export const displaysNeedingNote: readonly Display[] = ['inform_only', 'do_not_recommend'];

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z.string().trim().min(1);
const kindSchema = z.enum(kinds);
const phaseSchema = z.enum(phases);
const displaySchema = z.enum(displays);
const conditionSchema = z.enum(conditions);
const seedFileSchema = z.enum(seedFileNames);

function unique(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

const distinct = { message: 'values must not repeat' };

export const rangeSchema = z
  .strictObject({
    min: z.number().nonnegative(),
    max: z.number().nonnegative(),
    default: z.number().nonnegative().exactOptional(),
  })
  .refine((range) => range.min <= range.max, { message: 'min must not exceed max' })
  .refine(
    (range) => range.default === undefined || (range.default >= range.min && range.default <= range.max),
    {
      message: 'default must lie between min and max',
    },
  );

const protocolFields = {
  steps: z.array(text).min(1).exactOptional(),
  on_s: rangeSchema.exactOptional(),
  off_s: rangeSchema.exactOptional(),
  hot_s: rangeSchema.exactOptional(),
  cold_s: rangeSchema.exactOptional(),
  cycles: z.union([rangeSchema, z.literal('until_relief')]).exactOptional(),
  hold_s: rangeSchema.exactOptional(),
  reps: rangeSchema.exactOptional(),
  reps_per_side: rangeSchema.exactOptional(),
  sets: rangeSchema.exactOptional(),
  sessions_per_week: rangeSchema.exactOptional(),
  session_min: rangeSchema.exactOptional(),
  per_day: rangeSchema.exactOptional(),
  window_h: rangeSchema.exactOptional(),
  prep_s: rangeSchema.exactOptional(),
  sleep_h: rangeSchema.exactOptional(),
  max_days: z.number().int().positive().exactOptional(),
  progression: text.exactOptional(),
  source_variants: z
    .array(z.strictObject({ file: seedFileSchema, note: text }))
    .min(1)
    .exactOptional(),
  spec_default: z.record(z.string(), z.unknown()).exactOptional(),
};

export const protocolSchema = z
  .strictObject(protocolFields)
  .refine((protocol) => Object.keys(protocol).length > 0, {
    message: 'an empty protocol must be null',
  });

export const sourceRefSchema = z
  .strictObject({ file: seedFileSchema, section: text })
  .refine((ref) => getSeedFile(ref.file)?.sections.includes(ref.section) === true, {
    message: 'section must be one of the headings listed for this file in §0.1',
    path: ['section'],
  });

export const agreementSchema = z.strictObject({
  mentioned_by: z.number().int().min(0).max(seedFileNames.length),
  conflict: z.enum(conflicts),
  note: text,
});

export const evidenceSchema = z.strictObject({
  certainty: z.enum(certainties),
  direction: z.enum(directions),
  guideline: text,
  summary: text,
  refs: z.array(z.enum(evidenceCodeIds)).min(1, 'at least one evidence code (§1.2)').refine(unique, distinct),
});

/** One catalogue entry (§1.1), with the single-entry rules of §1.2, §1.4 and §6. */
export const entrySchema = z
  .strictObject({
    id: z.string().regex(KEBAB_CASE, 'ids are kebab-case'),
    kind: kindSchema,
    title: text,
    summary: text,
    phases: z.array(phaseSchema).min(1).refine(unique, distinct),
    protocol: protocolSchema.nullable(),
    cautions: z.array(text),
    contraindications: z.array(text),
    suits: z.array(conditionSchema).refine(unique, distinct),
    caution_with: z.array(conditionSchema).refine(unique, distinct).exactOptional(),
    avoid_with: z.array(conditionSchema).refine(unique, distinct),
    sources: z.array(sourceRefSchema).min(1),
    agreement: agreementSchema,
    evidence: evidenceSchema,
    display: displaySchema,
    display_by_phase: z.partialRecord(phaseSchema, displaySchema).exactOptional(),
    display_note: text.exactOptional(),
    escalation: z.enum(escalations).exactOptional(),
    triage_rules: z
      .array(z.string().regex(/^[a-z0-9_]+$/, 'triage rule ids are snake_case'))
      .min(1)
      .refine(unique, distinct)
      .exactOptional(),
    origin: z.enum(origins).exactOptional(),
    related: z.array(z.string().regex(KEBAB_CASE)).refine(unique, distinct).exactOptional(),
    editorial: z.array(text).min(1).exactOptional(),
  })
  .superRefine((entry, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const prefix = idPrefixByKind[entry.kind];
    if (!entry.id.startsWith(prefix)) issue('id', `a ${entry.kind} id starts with "${prefix}"`);
    if (displaysNeedingNote.includes(entry.display) && entry.display_note === undefined) {
      issue('display_note', `display_note is required when display is ${entry.display}`);
    }
    if (entry.kind === 'red_flag') {
      if (entry.escalation === undefined) issue('escalation', 'a red_flag needs an escalation');
    } else {
      if (entry.escalation !== undefined) issue('escalation', 'only a red_flag has an escalation');
      if (entry.triage_rules !== undefined) issue('triage_rules', 'only a red_flag links triage rules');
    }
    const files = new Set(entry.sources.map((source) => source.file));
    if (entry.agreement.mentioned_by !== files.size) {
      issue(
        'agreement',
        `mentioned_by is ${String(entry.agreement.mentioned_by)} but sources name ${String(files.size)} file(s)`,
      );
    }
    for (const phase of Object.keys(entry.display_by_phase ?? {})) {
      if (!entry.phases.some((p) => p === phase)) {
        issue('display_by_phase', `display_by_phase names ${phase}, which is not in phases`);
      }
    }
    if (entry.related?.includes(entry.id) === true) issue('related', 'an entry is not related to itself');
    const listed = [...entry.suits, ...(entry.caution_with ?? [])];
    const clash = entry.avoid_with.filter((condition) => listed.includes(condition));
    if (clash.length > 0)
      issue('avoid_with', `${clash.join(', ')} cannot be both suited or cautioned and avoided`);
  });

/** The whole catalogue: every entry valid, ids unique, and every `related` id present. */
export const knowledgeBaseSchema = z.array(entrySchema).superRefine((all, ctx) => {
  const ids = new Set<string>();
  all.forEach((entry, index) => {
    if (ids.has(entry.id))
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${entry.id}` });
    ids.add(entry.id);
  });
  all.forEach((entry, index) => {
    for (const id of entry.related ?? []) {
      if (!ids.has(id))
        ctx.addIssue({ code: 'custom', path: [index, 'related'], message: `unknown related id ${id}` });
    }
  });
});

/** What `entrySchema` returns; assignable to `Entry` (checked in schema.test.ts). */
export type ParsedEntry = z.output<typeof entrySchema>;
