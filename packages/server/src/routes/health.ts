import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from './route-options.ts';

export const healthRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, { store }, done) => {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness and database reachability',
        tags: ['meta'],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      // A trivial query proves the database answers, not only the process.
      await store.ping();
      return { status: 'ok' as const, database: store.dialect };
    },
  );
  done();
};
