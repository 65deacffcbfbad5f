import { exampleAnswers, type Answers } from '@unknot/core';

/** triage.md §4, example 1: a mechanical spasm with no warning sign (self_care), started yesterday. */
export const selfCare: Answers = { ...exampleAnswers, known_conditions: ['none'], days_since_onset: 1 };
