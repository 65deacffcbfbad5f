import { summaryCss, summaryFromRecords, summaryToFhir, summaryToHtml, summaryToPdf } from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { summaryFonts } from '../fonts.ts';
import { episodeParams, errorResponses } from '../schemas.ts';
import type { RouteOptions } from './route-options.ts';

// Registered under the /api/v1 prefix; the page links it by its full path.
const stylesheetRoute = '/summary.css';
const stylesheetHref = `/api/v1${stylesheetRoute}`;

export const summaryRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, { store }, done) => {
  const summaryOf = async (episodeId: string) =>
    summaryFromRecords(await store.episodeSnapshot(episodeId), new Date().toISOString());
  const expensive = { rateLimit: 'expensive' } as const;
  const schema = (summary: string, produces: string) => ({
    summary,
    tags: ['summary'],
    params: episodeParams,
    produces: [produces],
    response: { 200: z.unknown(), ...errorResponses },
  });

  app.get(
    '/episodes/:id/summary',
    { config: expensive, schema: schema('The doctor summary as data', 'application/json') },
    (request) => summaryOf(request.params.id),
  );

  app.get(
    '/episodes/:id/summary.html',
    { config: expensive, schema: schema('The doctor summary as a printable page', 'text/html') },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(summaryToHtml(await summaryOf(request.params.id), { stylesheetHref })),
  );

  app.get(stylesheetRoute, { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').send(summaryCss),
  );

  app.get(
    '/episodes/:id/summary.pdf',
    { config: expensive, schema: schema('The doctor summary as a one-page PDF', 'application/pdf') },
    async (request, reply) => {
      const pdf = await summaryToPdf(await summaryOf(request.params.id), summaryFonts);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="unknot-summary.pdf"')
        .send(Buffer.from(pdf));
    },
  );

  app.get(
    '/episodes/:id/summary.fhir.json',
    { config: expensive, schema: schema('The doctor summary as a FHIR R4 Bundle', 'application/fhir+json') },
    async (request, reply) =>
      reply
        .type('application/fhir+json; charset=utf-8')
        .send(JSON.stringify(summaryToFhir(await summaryOf(request.params.id)))),
  );
  done();
};
