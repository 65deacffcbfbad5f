import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, problemSchema } from '../../schemas.ts';
import { requireAccount, type ClinicOptions } from '../auth.ts';
import { toCsv } from '../csv.ts';

const header = [
  'at',
  'actor_id',
  'actor_name',
  'actor_role',
  'patient_id',
  'action',
  'resource',
  'resource_id',
  'request_id',
] as const;

/** The clinic's audit trail for its admin: every read and change of a patient's record by the clinic's staff. */
export const auditRoutes: FastifyPluginCallbackZod<ClinicOptions> = (app, { care, identity }, done) => {
  app.get(
    '/clinic/audit.csv',
    {
      config: { rateLimit: 'expensive' },
      schema: {
        summary: "The clinic's audit trail as CSV, oldest first (clinic admins)",
        tags: ['clinic'],
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const admin = requireAccount(request, 'clinic_admin');
      // An admin always has a clinic (the store refuses staff without one); the check keeps the type honest.
      const events = admin.clinicId === null ? [] : await care.clinicTrail(admin.clinicId);
      const actorIds = [...new Set(events.map((e) => e.actorId))];
      const actors = await Promise.all(actorIds.map((id) => identity.getAccount(id)));
      const names = new Map(actors.map((a) => [a.id, a.displayName]));
      const rows = events.map((e) => [
        e.at,
        e.actorId,
        names.get(e.actorId) ?? '',
        e.actorRole,
        e.patientId,
        e.action,
        e.resource,
        e.resourceId,
        e.requestId,
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="unknot-audit.csv"')
        .send(toCsv(header, rows));
    },
  );
  done();
};
