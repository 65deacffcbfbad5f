import { DomainError, pegTrend } from '@unknot/core';
import type { CareLink } from '@unknot/store';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, problemSchema } from '../../schemas.ts';
import { requireAccount } from '../auth.ts';
import { auditEvent, linkedPatient, sharedCheckIn, sharedDiaryEntry } from '../care-access.ts';
import { patientPageSchema, patientParams, patientRecordSchema } from '../care-schemas.ts';
import { caseloadFigures } from '../caseload.ts';
import type { CareRouteOptions } from './care-route-options.ts';

const tags = ['patients'];
const careResponses = { ...errorResponses, 401: problemSchema, 403: problemSchema } as const;

export const defaultPageSize = 50;
export const maxPageSize = 200;

const listQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxPageSize)
    .default(defaultPageSize)
    .describe(`Page size (default ${String(defaultPageSize)}, at most ${String(maxPageSize)})`),
  cursor: z.string().max(200).optional().describe('The nextCursor of the previous page'),
});

/** Links are listed oldest first by (createdAt, id); a cursor is the last one shown. */
function encodeCursor(link: CareLink): string {
  return Buffer.from(`${link.createdAt}|${link.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!createdAt || !id || rest.length > 0) {
    throw new DomainError('validation_failed', 'The cursor is not one this list gave out.', [
      { field: 'querystring.cursor', problem: 'is not one this list gave out' },
    ]);
  }
  return { createdAt, id };
}

function pageOf(links: readonly CareLink[], limit: number, cursor: string | undefined) {
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const rest = after
    ? links.filter(
        (l) => l.createdAt > after.createdAt || (l.createdAt === after.createdAt && l.id > after.id),
      )
    : links;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rest.length > limit && last ? encodeCursor(last) : null };
}

/** A clinician's patients: the list with each one's figures, and one patient's record. */
export const patientRoutes: FastifyPluginCallbackZod<CareRouteOptions> = (
  app,
  { care, identity, store },
  done,
) => {
  app.get(
    '/patients',
    {
      config: { rateLimit: 'expensive' },
      schema: {
        summary:
          'Your linked patients, a page at a time, each with pain trend, PEG change, adherence this week and ' +
          'escalations (each patient shown is an entry in their access log)',
        tags,
        querystring: listQuery,
        response: { 200: patientPageSchema, ...careResponses },
      },
    },
    async (request) => {
      const clinician = requireAccount(request, 'clinician');
      const links = await care.linksOfClinician(clinician.id);
      const { page, nextCursor } = pageOf(links, request.query.limit, request.query.cursor);
      const figures = await caseloadFigures(store, page, new Date());
      // A row shows the patient's figures, so it is a read of their record like any other.
      const events = page.map((link) =>
        auditEvent(
          request,
          clinician,
          link.patientId,
          'read',
          'overview',
          figures.get(link.patientId)?.episode?.id ?? null,
        ),
      );
      if (care.auditMany) await care.auditMany(events);
      else await Promise.all(events.map((event) => care.audit(event)));
      const items = page.map((link) => {
        const row = figures.get(link.patientId);
        return {
          patient: { id: link.patientId, displayName: row?.displayName ?? '' },
          link,
          episode: row?.episode ?? null,
          pain: row?.pain ?? null,
          peg: row?.peg ?? null,
          adherence: row?.adherence ?? null,
          escalations: row?.escalations ?? [],
          lastActivityAt: row?.lastActivityAt ?? null,
        };
      });
      return { items, nextCursor };
    },
  );

  app.get(
    '/patients/:id',
    {
      config: { rateLimit: 'expensive' },
      schema: {
        summary:
          "A linked patient's record: episodes with triages, diary (free-text notes only if shared), check-ins " +
          'and session logs; PEG scores; the current programme (an entry in their access log)',
        tags,
        params: patientParams,
        response: { 200: patientRecordSchema, ...careResponses },
      },
    },
    async (request) => {
      const patientId = request.params.id;
      const { clinician, link } = await linkedPatient(request, care, patientId);
      const [patient, episodeIds, scores, programme] = await Promise.all([
        identity.getAccount(patientId),
        care.episodeIdsOf(patientId),
        care.pegScores(patientId),
        care.currentProgramme(patientId),
      ]);
      const snapshots = await Promise.all(episodeIds.map((id) => store.episodeSnapshot(id)));
      await care.audit(auditEvent(request, clinician, patientId, 'read', 'record', patientId));
      return {
        patient: { id: patient.id, displayName: patient.displayName },
        link,
        episodes: snapshots.map(({ episode, assessments, diary, checkIns, sessions }) => ({
          episode,
          assessments,
          diary: diary.map((entry) => sharedDiaryEntry(entry, link.shareNotes)),
          checkIns: checkIns.map((checkIn) => sharedCheckIn(checkIn, link.shareNotes)),
          sessions,
        })),
        peg: { scores, trend: pegTrend(scores) },
        programme: programme ?? null,
      };
    },
  );
  done();
};
