import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const instanceSchema = z.object({
  mode: z
    .enum(['personal', 'clinic'])
    .describe('personal: one person, no accounts; clinic: patients and clinicians sign in'),
});

/** What kind of server this is, so the web app knows whether to offer sign-in before anything else. */
export const instanceRoutes: FastifyPluginCallbackZod<{ clinic: boolean }> = (app, { clinic }, done) => {
  app.get(
    '/instance',
    {
      schema: {
        summary: 'Whether this server runs in personal or clinic mode (public)',
        tags: ['meta'],
        response: { 200: instanceSchema },
      },
    },
    () => ({ mode: clinic ? 'clinic' : 'personal' }) as const,
  );
  done();
};
