import { recordId } from '@unknot/core';
import { z } from 'zod';

/** Path parameters: ids are UUIDv7, so a malformed id is a 400 that says so, not a 404. */
export const episodeParams = z.strictObject({ id: recordId });
export const diaryEntryParams = z.strictObject({ id: recordId, entryId: recordId });
export const sessionLogParams = z.strictObject({ id: recordId, sessionId: recordId });

/** The problem document of every error response, for the OpenAPI document. */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    fields: z.array(z.object({ field: z.string(), problem: z.string() })).optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details, with a stable `code` and the `requestId`.',
  });

/** Error responses documented on every route. */
export const errorResponses = {
  400: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  429: problemSchema,
} as const;
