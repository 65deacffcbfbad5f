import { z } from 'zod';
import { getEntry } from '../knowledge/index.ts';

/** The id of an entry in the knowledge base (e.g. tx-heat); unknown ids are rejected. */
export const knowledgeId = z
  .string()
  .max(80)
  .refine((id) => getEntry(id) !== undefined, { message: 'is not an entry of the knowledge base' });
