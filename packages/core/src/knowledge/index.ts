/**
 * The knowledge base of `shared/clinical/knowledge-base.md`: 80 entries as typed data, the seed articles and
 * evidence codes they cite, a zod schema every entry passes, search, and the presentation rules of §1.4.
 */
export { knowledgeEntries } from './entries.ts';
export { getEntry, getEvidenceCode } from './lookup.ts';
export { evidenceCodes, evidenceCodeIds, type EvidenceCode, type EvidenceCodeId } from './evidence-codes.ts';
export {
  seedFiles,
  seedFileNames,
  getSeedFile,
  seedDisplayName,
  sourceDisplayName,
  type SeedFile,
  type SeedFileName,
} from './seeds.ts';
export {
  agreementSchema,
  displaysNeedingNote,
  entrySchema,
  evidenceSchema,
  idPrefixByKind,
  knowledgeBaseSchema,
  protocolSchema,
  rangeSchema,
  sourceRefSchema,
  type ParsedEntry,
} from './schema.ts';
export {
  libraryBadge,
  displayFor,
  howToVisible,
  isAdvice,
  presentEntry,
  visibleProtocol,
  type LibraryBadge,
} from './advice.ts';
export {
  createKnowledgeSearch,
  searchKnowledge,
  type KnowledgeSearch,
  type SearchHit,
  type SearchOptions,
} from './search.ts';
export { synonyms } from './synonyms.ts';
export {
  certainties,
  conditions,
  conflicts,
  directions,
  displays,
  escalations,
  kinds,
  origins,
  phases,
  protocolRangeFields,
  type Agreement,
  type Certainty,
  // triage/ already exports a `Condition` (a rule expression) from @unknot/core, so the §1.6 vocabulary
  // travels under a name of its own.
  type Condition as HealthCondition,
  type Conflict,
  type Direction,
  type Display,
  type Entry,
  type Escalation,
  type Evidence,
  type Kind,
  type Origin,
  type Phase,
  type Protocol,
  type Range,
  type SourceRef,
  type SourceVariant,
} from './types.ts';
