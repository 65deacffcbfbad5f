import { changeKinds } from '@unknot/store';
import { z } from 'zod';

/** A version a write replaced (GET /episodes/:id/history). */
export const historyItemSchema = z
  .object({
    kind: z.enum(changeKinds),
    id: z.string(),
    version: z.int().min(1),
    record: z.record(z.string(), z.unknown()).describe('The record as it was at that version'),
    replacedAt: z.string().describe('When a later write replaced it'),
    conflicted: z.boolean().describe('It lost: the write that replaced it was made without seeing it'),
  })
  .meta({ id: 'HistoryItem' });
