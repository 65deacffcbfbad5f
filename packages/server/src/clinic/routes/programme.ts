import {
  DomainError,
  healthConditions,
  programmeInputSchema,
  programmeProblems,
  type HealthCondition,
} from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { errorResponses, problemSchema } from '../../schemas.ts';
import { auditEvent, linkedPatient } from '../care-access.ts';
import { patientParams, programmeSchema } from '../care-schemas.ts';
import type { CareRouteOptions } from './care-route-options.ts';

/** The §1.6 conditions the patient has told us about, over all their episodes. */
async function conditionsOf(options: CareRouteOptions, patientId: string): Promise<HealthCondition[]> {
  const ids = await options.care.episodeIdsOf(patientId);
  const episodes = await Promise.all(ids.map((id) => options.store.getEpisode(id)));
  return healthConditions(episodes.flatMap((e) => e.knownConditions));
}

/** A clinician assigns a home programme; core checks it against the knowledge base and the patient. */
export const programmeRoutes: FastifyPluginCallbackZod<CareRouteOptions> = (app, options, done) => {
  const { care } = options;
  app.put(
    '/patients/:id/programme',
    {
      schema: {
        summary:
          "Assign a linked patient's home programme (replaces the current one). Refused with 422 naming the " +
          'rule when an item cannot be assigned: not an exercise, treatment or position; not to be recommended; ' +
          "ruled out by the patient's conditions; or a dose outside the protocol's range",
        tags: ['patients'],
        params: patientParams,
        body: programmeInputSchema,
        response: {
          200: programmeSchema,
          ...errorResponses,
          401: problemSchema,
          403: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request) => {
      const patientId = request.params.id;
      const { clinician } = await linkedPatient(request, care, patientId);
      const problems = programmeProblems(request.body, {
        conditions: await conditionsOf(options, patientId),
      });
      if (problems.length > 0) {
        throw new DomainError(
          'programme_refused',
          `This programme cannot be assigned: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}.`,
          problems,
        );
      }
      // The change and its audit row together: a programme no one can see was assigned must not exist.
      return care.inTransaction(async (tx) => {
        const programme = await tx.assignProgramme({
          patientId,
          clinicianId: clinician.id,
          items: request.body.items,
          ...(request.body.note === undefined ? {} : { note: request.body.note }),
        });
        await tx.audit(auditEvent(request, clinician, patientId, 'change', 'programme', programme.id));
        return programme;
      });
    },
  );
  done();
};
