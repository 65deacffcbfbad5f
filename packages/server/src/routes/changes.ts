import { changeKinds } from '@unknot/store';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccount } from '../clinic/auth.ts';
import { errorResponses, problemSchema } from '../schemas.ts';
import type { RouteOptions } from './route-options.ts';

const changesQuery = z.strictObject({
  since: z
    .string()
    .max(200)
    .optional()
    .describe('The `cursor` of the previous answer; absent, the changes from the beginning'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(500)
    .describe('At most this many changes (default 500, at most 1000)'),
});

export const changeSchema = z
  .object({
    kind: z.enum(changeKinds),
    id: z.string().describe('The record’s id; "all" for an erase'),
    episodeId: z
      .string()
      .nullable()
      .describe('The episode the record is filed under (an episode’s own id for an episode); null otherwise'),
    op: z.enum(['put', 'delete']),
    version: z.int().min(1).describe('Starts at 1 and goes up by one with every write of this record'),
    record: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('The record as the list and get routes return it; null for a delete'),
    conflicted: z
      .boolean()
      .describe('This version replaced one its writer had not seen; the replaced one is in the history'),
  })
  .meta({ id: 'Change' });

export const changePageSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string().describe('Send it back as `since` to get the changes after these'),
  more: z.boolean().describe('More changes are waiting: ask again at once'),
});

export interface ChangesRouteOptions extends RouteOptions {
  /** Clinic mode: each patient reads their own changes only; staff read patients through /patients. */
  clinic: boolean;
}

/** The change feed a client syncs from (docs/sync.md). */
export const changesRoutes: FastifyPluginCallbackZod<ChangesRouteOptions> = (
  app,
  { store, clinic },
  done,
) => {
  app.get(
    '/changes',
    {
      schema: {
        summary:
          'What changed since a cursor, across every record kind, oldest first: each record once, at its ' +
          'latest version (a delete as a tombstone). Page with `since` while `more` is true',
        tags: ['sync'],
        querystring: changesQuery,
        response: {
          200: changePageSchema,
          ...errorResponses,
          ...(clinic ? { 401: problemSchema, 403: problemSchema } : {}),
        },
      },
    },
    async (request, reply) => {
      const owner = clinic ? requireAccount(request, 'patient').id : undefined;
      const page = await store.changesSince(request.query.since, request.query.limit, owner);
      // A feed is a snapshot of one moment: no cache may answer for a later one.
      return reply.header('cache-control', 'no-store').send(page);
    },
  );
  done();
};
