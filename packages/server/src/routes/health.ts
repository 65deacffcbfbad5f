import type { Store } from '@unknot/store';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from './route-options.ts';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['sqlite', 'postgres']),
  /** Why the database is degraded, in words. */
  reason: z.string().optional(),
});

type Health = z.infer<typeof healthSchema>;

/**
 * 200 `ok` when the database takes a durable write; 503 `degraded` when it answers but cannot write (disk
 * full, read-only, failing), so a monitor sees the problem before a person loses an entry to it.
 */
export async function healthOf(store: Store): Promise<{ statusCode: 200 | 503; body: Health }> {
  const health = await store.health();
  return { statusCode: health.status === 'ok' ? 200 : 503, body: { ...health, database: store.dialect } };
}

export const healthRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, { store }, done) => {
  app.get(
    '/healthz',
    {
      config: { rateLimit: 'exempt' },
      schema: {
        summary: 'Liveness, and whether the database can take a write',
        tags: ['meta'],
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const { statusCode, body } = await healthOf(store);
      return reply.code(statusCode).send(body);
    },
  );
  done();
};
