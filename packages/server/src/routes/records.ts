import {
  assessmentInputSchema,
  checkInInputSchema,
  checkInRecordSchema,
  assessmentSchema,
  diaryEntryInputSchema,
  diaryEntrySchema,
  sessionLogBodySchema,
  sessionLogInputSchema,
  sessionLogSchema,
  utcInstant,
} from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from './route-options.ts';
import {
  diaryEntryParams,
  episodeParams,
  errorResponses,
  problemSchema,
  sessionLogParams,
} from '../schemas.ts';
import { baseVersionHeaders, sendWritten } from './versions.ts';

const diaryQuery = z.strictObject({
  from: utcInstant.optional().describe('Only entries at or after this instant'),
  to: utcInstant.optional().describe('Only entries before this instant'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe('Page size (default 100, at most 1000)'),
  cursor: z.string().max(200).optional().describe('The nextCursor of the previous page'),
});

/** What hangs under an episode: assessments, diary entries and session logs. */
export const recordRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, { store }, done) => {
  app.post(
    '/episodes/:id/assessments',
    {
      schema: {
        summary:
          'Record a triage: the answers are checked and the result computed here. A check stopped early ' +
          '(`complete: false`) is taken only when its answers already show an emergency (else 422)',
        tags: ['assessments'],
        params: episodeParams,
        body: assessmentInputSchema,
        response: { 200: assessmentSchema, 201: assessmentSchema, ...errorResponses, 422: problemSchema },
      },
    },
    async (request, reply) =>
      sendWritten(reply, await store.createAssessment(request.params.id, request.body)),
  );

  app.get(
    '/episodes/:id/assessments',
    {
      schema: {
        summary: "An episode's assessments, oldest first",
        tags: ['assessments'],
        params: episodeParams,
        response: { 200: z.array(assessmentSchema), ...errorResponses },
      },
    },
    (request) => store.listAssessments(request.params.id),
  );

  app.post(
    '/episodes/:id/diary',
    {
      schema: {
        summary: 'Add a diary entry (idempotent by id)',
        tags: ['diary'],
        params: episodeParams,
        body: diaryEntryInputSchema,
        response: { 200: diaryEntrySchema, 201: diaryEntrySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendWritten(reply, await store.createDiaryEntry(request.params.id, request.body)),
  );

  app.get(
    '/episodes/:id/diary',
    {
      schema: {
        summary: 'Diary entries, oldest first, a page at a time',
        tags: ['diary'],
        params: episodeParams,
        querystring: diaryQuery,
        response: {
          200: z.object({ items: z.array(diaryEntrySchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    (request) => store.listDiary(request.params.id, request.query),
  );

  app.put(
    '/episodes/:id/diary/:entryId',
    {
      schema: {
        summary:
          'Create or replace a diary entry. A replacement keeps the entry it replaces in the history ' +
          '(conflicted when `unknot-base-version` is older than the stored version)',
        tags: ['diary'],
        params: diaryEntryParams,
        headers: baseVersionHeaders,
        body: diaryEntryInputSchema.omit({ id: true }),
        response: { 200: diaryEntrySchema, 201: diaryEntrySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendWritten(
        reply,
        await store.putDiaryEntry(
          request.params.id,
          { ...request.body, id: request.params.entryId },
          request.headers['unknot-base-version'],
        ),
      ),
  );

  app.delete(
    '/episodes/:id/diary/:entryId',
    {
      schema: {
        summary: 'Delete a diary entry',
        tags: ['diary'],
        params: diaryEntryParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await store.deleteDiaryEntry(request.params.id, request.params.entryId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/episodes/:id/sessions',
    {
      schema: {
        summary: 'Log a guided session (idempotent by id)',
        tags: ['sessions'],
        params: episodeParams,
        body: sessionLogInputSchema,
        response: { 200: sessionLogSchema, 201: sessionLogSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendWritten(reply, await store.createSessionLog(request.params.id, request.body)),
  );

  app.put(
    '/episodes/:id/sessions/:sessionId',
    {
      schema: {
        summary:
          'Create or replace a session log: a session started (`inProgress: true`) and then finished under ' +
          'the same id. A replacement keeps the log it replaces in the history',
        tags: ['sessions'],
        params: sessionLogParams,
        headers: baseVersionHeaders,
        body: sessionLogBodySchema,
        response: { 200: sessionLogSchema, 201: sessionLogSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendWritten(
        reply,
        await store.putSessionLog(
          request.params.id,
          { ...request.body, id: request.params.sessionId },
          request.headers['unknot-base-version'],
        ),
      ),
  );

  app.get(
    '/episodes/:id/sessions',
    {
      schema: {
        summary: "An episode's session logs, in start order",
        tags: ['sessions'],
        params: episodeParams,
        response: { 200: z.array(sessionLogSchema), ...errorResponses },
      },
    },
    (request) => store.listSessionLogs(request.params.id),
  );
  app.post(
    '/episodes/:id/check-ins',
    {
      schema: {
        summary:
          'Record a check-in: have any warning signs appeared? (a yes asks for the triage again at once)',
        tags: ['check-ins'],
        params: episodeParams,
        body: checkInInputSchema,
        response: { 200: checkInRecordSchema, 201: checkInRecordSchema, ...errorResponses },
      },
    },
    async (request, reply) => sendWritten(reply, await store.createCheckIn(request.params.id, request.body)),
  );

  app.get(
    '/episodes/:id/check-ins',
    {
      schema: {
        summary: "An episode's check-ins, oldest first",
        tags: ['check-ins'],
        params: episodeParams,
        response: { 200: z.array(checkInRecordSchema), ...errorResponses },
      },
    },
    (request) => store.listCheckIns(request.params.id),
  );

  done();
};
