import {
  dispositionAdvice,
  isValidationError,
  questions,
  recommendedOrder,
  rulesVersion,
  safetyNet,
  triage,
  triageResultSchema,
} from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from '../error-handler.ts';
import { problem } from '../problems.ts';
import { errorResponses } from '../schemas.ts';

export const triageRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    '/questionnaire',
    {
      schema: {
        summary: 'The triage questions, their answer types and help, in the recommended order',
        tags: ['triage'],
        response: {
          200: z.object({
            rulesVersion: z.string(),
            questions: z
              .array(z.unknown())
              .describe('The 25 questions: id, number, text, help and answer type'),
            recommendedOrder: z.array(z.string()),
            dispositions: z.record(
              z.string(),
              z.object({ headline: z.string(), advice: z.string(), showSafetyNet: z.boolean() }),
            ),
            safetyNet: z.unknown().describe('What to watch for, shown with every non-emergency result'),
          }),
        },
      },
    },
    () => ({
      rulesVersion,
      questions: [...questions],
      recommendedOrder: [...recommendedOrder],
      dispositions: dispositionAdvice,
      safetyNet,
    }),
  );

  app.post(
    '/triage',
    {
      schema: {
        summary: 'Run the red-flag triage on a complete set of answers (stateless: nothing is stored)',
        description:
          'The body is the 25 answers keyed by question id. A valid body gives the result; anything missing, ' +
          'mistyped or unknown gives 400 with every problem listed in `fields` (the triage contract), never a result.',
        tags: ['triage'],
        body: z
          .record(z.string(), z.unknown())
          .describe('Answers keyed by question id (see GET /questionnaire)'),
        response: { 200: triageResultSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const outcome = triage(request.body);
      if (!isValidationError(outcome)) return reply.send(outcome);
      // The §4 field list, inside a problem document: `error`, `fields` and `rulesVersion` as the contract has them.
      return await sendProblem(
        reply,
        problem(
          'validation_failed',
          'Some answers are missing or invalid; no result was given.',
          request.id,
          {
            error: outcome.error,
            fields: outcome.fields,
            rulesVersion: outcome.rulesVersion,
          },
        ),
      );
    },
  );
  done();
};
