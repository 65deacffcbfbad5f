export * from './common.ts';
export * from './episode.ts';
export * from './assessment.ts';
export * from './diary-entry.ts';
export * from './session-log.ts';
export * from './check-in.ts';
export { knowledgeId } from './knowledge-id.ts';
export * from './export.ts';
export * from './plausible-dates.ts';
