import { DomainError, knowledgeEntries, getEntry, presentEntry, searchKnowledge } from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../schemas.ts';

const entryView = z.looseObject({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  summary: z.string(),
  display: z.enum(['recommend', 'option', 'inform_only', 'do_not_recommend']),
});

export const knowledgeRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    '/knowledge',
    {
      schema: {
        summary: 'Search the knowledge base (or list it all without q)',
        description:
          'Each entry carries its display policy, evidence grade with references and its sources. ' +
          'Entries that are not recommended come without how-to steps or amounts.',
        tags: ['knowledge'],
        querystring: z.strictObject({ q: z.string().max(200).optional().describe('Words to search for') }),
        response: { 200: z.array(entryView), ...errorResponses },
      },
    },
    (request) => {
      const q = request.query.q?.trim();
      const found = q ? searchKnowledge(q).map((hit) => hit.entry) : knowledgeEntries;
      return found.map(presentEntry);
    },
  );

  app.get(
    '/knowledge/:id',
    {
      schema: {
        summary: 'One knowledge entry',
        tags: ['knowledge'],
        params: z.strictObject({ id: z.string().max(80) }),
        response: { 200: entryView, ...errorResponses },
      },
    },
    (request) => {
      const entry = getEntry(request.params.id);
      if (!entry)
        throw new DomainError('unknown_knowledge_entry', `No knowledge entry "${request.params.id}".`);
      return presentEntry(entry);
    },
  );
  done();
};
