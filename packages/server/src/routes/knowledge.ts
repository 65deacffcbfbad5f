import { DomainError, knowledgeEntries, getEntry, presentEntry, searchKnowledge } from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cacheControl, notModified, sendTagged, tagJson, type TaggedBody } from '../conditional-get.ts';
import { errorResponses } from '../schemas.ts';

const entryView = z.looseObject({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  summary: z.string(),
  display: z.enum(['recommend', 'option', 'inform_only', 'do_not_recommend']),
});

const caching =
  'The knowledge base is the same for everyone: sent with a strong ETag and `Cache-Control: public, no-cache`; ' +
  'with If-None-Match naming it the answer is 304 Not Modified, with no body.';

export const knowledgeRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  // The catalogue is fixed for the life of the process: the whole list and each entry are serialised and
  // tagged once. Searches vary with `q` and are made per request.
  let wholeList: TaggedBody | undefined;
  const byId = new Map<string, TaggedBody>();
  app.get(
    '/knowledge',
    {
      schema: {
        summary: 'Search the knowledge base (or list it all without q)',
        description:
          'Each entry carries its display policy, evidence grade with references and its sources. ' +
          `Entries that are not recommended come without how-to steps or amounts. ${caching}`,
        tags: ['knowledge'],
        querystring: z.strictObject({ q: z.string().max(200).optional().describe('Words to search for') }),
        response: { 200: z.array(entryView), 304: notModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query.q?.trim();
      const typed = reply.type('application/json; charset=utf-8');
      if (q) {
        const found = tagJson(searchKnowledge(q).map((hit) => presentEntry(hit.entry)));
        return sendTagged(request, typed, found, cacheControl.public);
      }
      wholeList ??= tagJson(knowledgeEntries.map(presentEntry));
      return sendTagged(request, typed, wholeList, cacheControl.public, { memoised: true });
    },
  );

  app.get(
    '/knowledge/:id',
    {
      schema: {
        summary: 'One knowledge entry',
        description: caching,
        tags: ['knowledge'],
        params: z.strictObject({ id: z.string().max(80) }),
        response: { 200: entryView, 304: notModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const entry = getEntry(request.params.id);
      if (!entry)
        throw new DomainError('unknown_knowledge_entry', `No knowledge entry "${request.params.id}".`);
      // Keyed by the catalogue's id, so the map never holds more than the catalogue.
      let tagged = byId.get(entry.id);
      if (tagged === undefined) {
        tagged = tagJson(presentEntry(entry));
        byId.set(entry.id, tagged);
      }
      return sendTagged(request, reply.type('application/json; charset=utf-8'), tagged, cacheControl.public, {
        memoised: true,
      });
    },
  );
  done();
};
