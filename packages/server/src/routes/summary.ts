import { summaryCss, summaryFromRecords, summaryToFhir, summaryToHtml } from '@unknot/core';
import { summaryToPdf } from '@unknot/core/pdf';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cacheControl, notModified, sendTagged, tagBody, tagJson } from '../conditional-get.ts';
import { summaryFonts } from '../fonts.ts';
import { episodeParams, errorResponses } from '../schemas.ts';
import type { RouteOptions } from './route-options.ts';

// Registered under the /api/v1 prefix; the page links it by its full path.
const stylesheetRoute = '/summary.css';
const stylesheetHref = `/api/v1${stylesheetRoute}`;

/**
 * The summary as of the current minute. It states when it was made (`generatedAt`), and the page and the PDF show
 * that time to the minute; to the millisecond, every request would be a new body with a new ETag and a client
 * could never be told "not modified". Within a minute, the same records give the same bytes.
 */
function thisMinute(): string {
  const now = new Date();
  now.setUTCSeconds(0, 0);
  return now.toISOString();
}

export const summaryRoutes: FastifyPluginCallbackZod<RouteOptions> = (app, { store }, done) => {
  const summaryOf = async (episodeId: string) =>
    summaryFromRecords(await store.episodeSnapshot(episodeId), thisMinute());
  const expensive = { rateLimit: 'expensive' } as const;
  const schema = (summary: string, produces: string) => ({
    summary,
    description:
      'Sent with a strong ETag (health data: `Cache-Control: no-store`); with If-None-Match naming it the ' +
      'answer is 304 Not Modified, with no body. The summary is made as of the current minute.',
    tags: ['summary'],
    params: episodeParams,
    produces: [produces],
    response: { 200: z.unknown(), 304: notModified, ...errorResponses },
  });

  app.get(
    '/episodes/:id/summary',
    { config: expensive, schema: schema('The doctor summary as data', 'application/json') },
    async (request, reply) =>
      sendTagged(
        request,
        reply.type('application/json; charset=utf-8'),
        tagJson(await summaryOf(request.params.id)),
        cacheControl.healthData,
      ),
  );

  app.get(
    '/episodes/:id/summary.html',
    { config: expensive, schema: schema('The doctor summary as a printable page', 'text/html') },
    async (request, reply) =>
      sendTagged(
        request,
        reply.type('text/html; charset=utf-8'),
        tagBody(summaryToHtml(await summaryOf(request.params.id), { stylesheetHref })),
        cacheControl.healthData,
      ),
  );

  app.get(stylesheetRoute, { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').send(summaryCss),
  );

  app.get(
    '/episodes/:id/summary.pdf',
    { config: expensive, schema: schema('The doctor summary as a one-page PDF', 'application/pdf') },
    async (request, reply) => {
      // Made in full before the tag is known (tens of milliseconds); a 304 still saves sending it.
      const pdf = await summaryToPdf(await summaryOf(request.params.id), summaryFonts);
      return sendTagged(
        request,
        reply
          .type('application/pdf')
          .header('content-disposition', 'attachment; filename="unknot-summary.pdf"'),
        tagBody(Buffer.from(pdf)),
        cacheControl.healthData,
      );
    },
  );

  app.get(
    '/episodes/:id/summary.fhir.json',
    { config: expensive, schema: schema('The doctor summary as a FHIR R4 Bundle', 'application/fhir+json') },
    async (request, reply) =>
      sendTagged(
        request,
        reply.type('application/fhir+json; charset=utf-8'),
        tagJson(summaryToFhir(await summaryOf(request.params.id))),
        cacheControl.healthData,
      ),
  );
  done();
};
