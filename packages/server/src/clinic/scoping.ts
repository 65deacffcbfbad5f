import {
  DomainError,
  exportFormat,
  exportSchemaVersion,
  localDate,
  type AssignedProgramme,
  type ExportDocument,
} from '@unknot/core';
import type { CareStore, Store } from '@unknot/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccount } from './auth.ts';

/**
 * Clinic mode's hold on the routes personal mode already has (docs/clinic.md). There, the records are the one
 * person's at the keyboard; here each episode belongs to a patient account (`episodes.owner_id`), and:
 * - every episode, export, import and erase route needs a signed-in patient;
 * - a new episode (or an imported one) becomes the patient's in the same request;
 * - the lists, the export and the erase cover the patient's own episodes only;
 * - any other patient's episode answers exactly as a missing one does (404 `not_found`), so no route tells
 *   whether an id exists.
 * All of it is done here, in hooks keyed on the route, so the handlers stay those of personal mode and
 * personal mode runs without any of it.
 */

const prefix = '/api/v1';
const episodeRoute = /^\/api\/v1\/episodes\/:id(\/|$)/;
const dataRoutes = new Set([`${prefix}/export`, `${prefix}/import`, `${prefix}/data`]);
/** Answered by its handler, for the signed-in patient's own changes (routes/changes.ts). */
const changesRoute = `${prefix}/changes`;

/** The routes that read or change a patient's own records. */
function isPatientRecordRoute(url: string | undefined): boolean {
  return url !== undefined && (url === `${prefix}/episodes` || episodeRoute.test(url) || dataRoutes.has(url));
}

/** The answer for an episode that is not the patient's: the store's own words for a missing one. */
function noSuchEpisode(id: string): DomainError {
  return new DomainError('not_found', `No episode with id ${id}.`);
}

/** Refuses unless the episode is missing or the patient's own; a missing one is for the store to answer. */
async function requireOwnOrNew(care: CareStore, episodeId: string, patientId: string): Promise<void> {
  const owner = await care.episodeOwner(episodeId);
  // An episode without an owner counts as another's: in clinic mode one exists only for the moment between its
  // creation and its claim, and must not be claimed by someone else's retry.
  if (owner !== undefined && owner !== patientId) throw noSuchEpisode(episodeId);
}

/** The patient's own record as one export document, in the same form as personal mode's. */
async function exportOf(store: Store, care: CareStore, patientId: string): Promise<ExportDocument> {
  const ids = (await care.episodeIdsOf(patientId)).reverse(); // oldest first, as exportAll orders
  const episodes = [];
  for (const id of ids) episodes.push(await store.episodeSnapshot(id));
  return {
    format: exportFormat,
    schemaVersion: exportSchemaVersion,
    exportedAt: new Date().toISOString(),
    episodes,
  };
}

/** The episodes a request creates, which become the patient's once the store has written them. */
function createdEpisodeIds(request: FastifyRequest, url: string): string[] {
  if (request.method !== 'POST') return [];
  if (url === `${prefix}/episodes`) return [(request.body as { id: string }).id];
  if (url === `${prefix}/import`) {
    return (request.body as ExportDocument).episodes.map((e) => e.episode.id);
  }
  return [];
}

/** Answers the routes whose personal-mode handler would cover every episode, for the patient's own only. */
async function answerForPatient(
  request: FastifyRequest,
  reply: FastifyReply,
  url: string,
  options: { store: Store; care: CareStore },
  patientId: string,
): Promise<boolean> {
  const { store, care } = options;
  // HEAD too: Fastify answers it with the GET handler, whose Content-Length would tell the size of everyone's data.
  const read = request.method === 'GET' || request.method === 'HEAD';
  if (read && url === `${prefix}/episodes`) {
    const ids = await care.episodeIdsOf(patientId);
    await reply.send(await Promise.all(ids.map((id) => store.getEpisode(id))));
    return true;
  }
  if (read && url === `${prefix}/export`) {
    const document = await exportOf(store, care, patientId);
    const day = localDate(document.exportedAt, 'UTC');
    await reply
      .header('content-disposition', `attachment; filename="unknot-export-${day}.json"`)
      .send(document);
    return true;
  }
  if (request.method === 'DELETE' && url === `${prefix}/data`) {
    await store.eraseAll({ owner: patientId });
    await reply.code(204).send(null);
    return true;
  }
  return false;
}

export function registerClinicScoping(
  app: FastifyInstance,
  options: { store: Store; care: CareStore },
): void {
  const { care } = options;

  // Before validation: who may ask at all (401 before any word about the body).
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      const url = request.routeOptions.url;
      if (isPatientRecordRoute(url) || url === changesRoute) requireAccount(request, 'patient');
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  // After validation: whose episode it is.
  app.addHook('preHandler', async (request, reply) => {
    const url = request.routeOptions.url;
    if (url === undefined || !isPatientRecordRoute(url)) return;
    const patient = requireAccount(request, 'patient');
    if (episodeRoute.test(url)) {
      const { id } = request.params as { id: string };
      if ((await care.episodeOwner(id)) !== patient.id) throw noSuchEpisode(id);
      return;
    }
    for (const id of createdEpisodeIds(request, url)) await requireOwnOrNew(care, id, patient.id);
    if (await answerForPatient(request, reply, url, options, patient.id)) return reply;
  });

  // Once written, a new episode is the patient's; a failure here answers the request with it.
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    if (url === undefined || reply.statusCode >= 300 || !request.account) return payload;
    for (const id of createdEpisodeIds(request, url)) await care.setEpisodeOwner(id, request.account.id);
    return payload;
  });
}

/** The programme the plan of an episode applies: its owner's current one, if any (routes/plan.ts). */
export function programmeOfEpisode(care: CareStore) {
  return async (episodeId: string): Promise<AssignedProgramme | undefined> => {
    const owner = await care.episodeOwner(episodeId);
    return owner ? care.currentProgramme(owner) : undefined;
  };
}
