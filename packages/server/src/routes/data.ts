import { exportDocumentSchema, localDate } from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../schemas.ts';
import type { RouteOptions } from './route-options.ts';

/** An export of a long recovery (10,000 diary entries and more) is megabytes; the rest of the API stays small. */
export const importBodyLimit = 64 * 1024 * 1024;

/** The person's whole record: take it away, bring it back, or erase it. */
export const dataRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, { store }, done) => {
  app.get(
    '/export',
    {
      // Reads the whole record: priced like a plan or a summary, not like one diary entry.
      config: { rateLimit: 'expensive' },
      schema: {
        summary: 'Everything stored (episodes and all under them, preferences included) as one JSON document',
        tags: ['data'],
        response: { 200: exportDocumentSchema },
      },
    },
    async (_request, reply) => {
      const document = await store.exportAll();
      const day = localDate(document.exportedAt, 'UTC');
      return reply
        .header('content-disposition', `attachment; filename="unknot-export-${day}.json"`)
        .send(document);
    },
  );

  app.post(
    '/import',
    {
      bodyLimit: importBodyLimit,
      config: { rateLimit: 'expensive' },
      schema: {
        summary:
          'Take back an export. Idempotent by ids: records already stored the same are left alone; a record ' +
          'stored with different content is a 409 and nothing is imported',
        tags: ['data'],
        body: exportDocumentSchema,
        response: {
          200: z.object({ created: z.int(), unchanged: z.int() }),
          ...errorResponses,
        },
      },
    },
    (request) => store.importAll(request.body),
  );

  app.delete(
    '/data',
    {
      schema: {
        summary: 'Erase everything stored: every episode and everything recorded under it',
        tags: ['data'],
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (_request, reply) => {
      await store.eraseAll();
      return reply.code(204).send(null);
    },
  );
  done();
};
