import { episodeInputSchema, episodePatchSchema, episodeSchema } from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from './route-options.ts';
import { episodeParams, errorResponses } from '../schemas.ts';
import { historyItemSchema } from './history-schema.ts';
import { baseVersionHeaders, sendWritten } from './versions.ts';

export const episodeRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, { store }, done) => {
  app.post(
    '/episodes',
    {
      schema: {
        summary: 'Start an episode (idempotent: the same id and body again returns the stored episode)',
        tags: ['episodes'],
        body: episodeInputSchema,
        response: { 200: episodeSchema, 201: episodeSchema, ...errorResponses },
      },
    },
    async (request, reply) => sendWritten(reply, await store.createEpisode(request.body)),
  );

  app.get(
    '/episodes',
    {
      schema: {
        summary: 'Every episode, newest first',
        tags: ['episodes'],
        response: { 200: z.array(episodeSchema) },
      },
    },
    () => store.listEpisodes(),
  );

  app.get(
    '/episodes/:id',
    {
      schema: {
        summary: 'One episode',
        tags: ['episodes'],
        params: episodeParams,
        response: { 200: episodeSchema, ...errorResponses },
      },
    },
    (request) => store.getEpisode(request.params.id),
  );

  app.patch(
    '/episodes/:id',
    {
      schema: {
        summary:
          'Change an episode (any of its fields, or close it). The change always applies; with ' +
          '`unknot-base-version` older than the stored version, the version it replaces is kept in the ' +
          'history as conflicted',
        tags: ['episodes'],
        params: episodeParams,
        headers: baseVersionHeaders,
        body: episodePatchSchema,
        response: { 200: episodeSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendWritten(
        reply,
        await store.editEpisode(request.params.id, request.body, request.headers['unknot-base-version']),
      ),
  );

  app.get(
    '/episodes/:id/history',
    {
      schema: {
        summary:
          'The versions later writes replaced, of the episode and everything under it, newest first; ' +
          '`conflicted` marks one its replacer had not seen',
        tags: ['episodes'],
        params: episodeParams,
        response: { 200: z.object({ items: z.array(historyItemSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await store.history(request.params.id) }),
  );

  app.delete(
    '/episodes/:id',
    {
      schema: {
        summary: 'Delete an episode and everything recorded under it',
        tags: ['episodes'],
        params: episodeParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await store.deleteEpisode(request.params.id);
      return reply.code(204).send(null);
    },
  );
  done();
};
