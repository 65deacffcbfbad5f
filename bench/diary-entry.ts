import type { DiaryEntryInput } from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';

/** The diary entry every bench writes (a new id each time: every request a real insert), so their figures compare. */
export const benchEntry = (): DiaryEntryInput => ({
  id: uuidv7(),
  at: new Date().toISOString(),
  pain: 5,
  pattern: 'intermittent',
  worse: { known: ['sitting'] },
  treatments: ['tx-heat'],
  note: 'benchmark entry',
});
