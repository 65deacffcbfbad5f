import { episodeInputSchema, episodePatchSchema, episodeSchema } from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from './route-options.ts';
import { episodeParams, errorResponses } from '../schemas.ts';

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
    async (request, reply) => {
      const { record, created } = await store.createEpisode(request.body);
      return reply.code(created ? 201 : 200).send(record);
    },
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
        summary: 'Change an episode (any of its fields, or close it)',
        tags: ['episodes'],
        params: episodeParams,
        body: episodePatchSchema,
        response: { 200: episodeSchema, ...errorResponses },
      },
    },
    (request) => store.updateEpisode(request.params.id, request.body),
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
