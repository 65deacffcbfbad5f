/** The direction the pain is taking, in four words the app can show and act on. */
import { isClinicallyImportantImprovement, isClinicallyImportantWorsening } from './change.ts';
import type { DiaryTrend, PainChange } from './types.ts';

/**
 * Classifies a change from baseline. Worsening mirrors improvement (a rise of ≥ 2 points or ≥ 30 %) so that the
 * two words mean changes of the same size; anything smaller either way is `not_improving`, because "not clearly
 * better" is what the day-7 and day-14 prompts ask about.
 */
export function classifyTrend(change: PainChange | null): DiaryTrend {
  if (change === null) return 'insufficient_data';
  if (isClinicallyImportantImprovement(change)) return 'improving';
  if (isClinicallyImportantWorsening(change)) return 'worsening';
  return 'not_improving';
}
