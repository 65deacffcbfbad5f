import { DomainError } from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, problemSchema } from '../../schemas.ts';
import { requireAccount, startSession, type ClinicOptions } from '../auth.ts';
import { careLinkSchema, inviteSchema } from '../care-schemas.ts';
import { accountSchema } from '../schemas.ts';

const tags = ['care'];
const careResponses = { ...errorResponses, 401: problemSchema, 403: problemSchema } as const;

const redeemBody = z.strictObject({
  // Typed by a person from a card or a message: spaces and dashes are allowed, the store ignores them.
  code: z.string().trim().min(1).max(40),
  displayName: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('The name the clinician sees: needed when signed out, when the redeem makes the account'),
});

/** Invite codes: a clinician makes one, a patient redeems it to link to them (docs/clinic.md). */
export const inviteRoutes: FastifyPluginCallbackZod<ClinicOptions> = (app, { care }, done) => {
  app.post(
    '/invites',
    {
      schema: {
        summary: 'Make an invite code (8 characters, single use, 14 days) for a patient to link to you',
        tags,
        response: { 201: inviteSchema, ...careResponses },
      },
    },
    async (request, reply) => {
      const clinician = requireAccount(request, 'clinician');
      return reply.code(201).send(await care.createInvite(clinician.id));
    },
  );

  app.get(
    '/invites',
    {
      schema: {
        summary: 'Your invite codes, used and unused',
        tags,
        response: { 200: z.array(inviteSchema), ...careResponses },
      },
    },
    (request) => care.invitesOf(requireAccount(request, 'clinician').id),
  );

  app.post(
    '/invites/redeem',
    {
      // A code is a secret that can be guessed: the tight limit of sign-in routes (clinic/rate-limit.ts).
      config: { signIn: true },
      schema: {
        summary:
          'Redeem an invite: signed out, this makes a patient account and signs it in; signed in as a ' +
          'patient, it links you to one more clinician',
        tags,
        body: redeemBody,
        response: {
          201: z.object({
            account: accountSchema.optional(),
            csrfToken: z.string().optional(),
            link: careLinkSchema,
          }),
          ...careResponses,
          410: problemSchema,
        },
      },
    },
    async (request, reply) => {
      if (request.account) {
        const patient = requireAccount(request, 'patient');
        return reply.code(201).send({ link: await care.redeemInvite(request.body.code, patient.id) });
      }
      const { displayName } = request.body;
      if (displayName === undefined) {
        throw new DomainError('validation_failed', 'A new account needs a name for the clinician to see.', [
          { field: 'body.displayName', problem: 'is needed to make a new account' },
        ]);
      }
      // The account and the link are made together, so an unusable code leaves no account behind.
      const { account, link } = await care.redeemInviteAsNewPatient(request.body.code, displayName);
      const session = await startSession(request, reply, account);
      return reply.code(201).send({ ...session, link });
    },
  );
  done();
};
