/**
 * @unknot/core — the clinical core of unknot: pure functions over data, no I/O.
 */
export * from './triage/index.ts';
export * from './knowledge/index.ts';
export * from './records/index.ts';
export * from './diary/index.ts';
export * from './session/index.ts';
export * from './plan/index.ts';
export * from './report/index.ts';
export * from './labels.ts';
export * from './errors.ts';
