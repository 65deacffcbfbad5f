import { isDomainError } from '@unknot/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, problemSchema } from '../../schemas.ts';
import {
  currentSession,
  endAllSessions,
  endSession,
  requireAccount,
  startSession,
  type ClinicOptions,
} from '../auth.ts';
import {
  authenticationOptions,
  passkeySignIn,
  registerPasskey,
  registrationOptions,
  relyingPartyOf,
} from '../passkeys.ts';
import {
  hashPassword,
  maxPasswordLength,
  minPasswordLength,
  spendVerifyTime,
  verifyPassword,
} from '../passwords.ts';
import {
  authenticationResponseSchema,
  challengeId,
  passkeyOptionsSchema,
  registrationResponseSchema,
  sessionSchema,
} from '../schemas.ts';

const authResponses = {
  ...errorResponses,
  401: problemSchema,
  403: problemSchema,
  410: problemSchema,
} as const;
const tags = ['auth'];
/** Routes that check a secret: a far smaller rate limit per client address (clinic/rate-limit.ts). */
const signInConfig = { signIn: true } as const;

/** The seconds a locked account waits, when the store's error says so. */
function retryAfterOf(error: unknown): number | undefined {
  if (!isDomainError(error) || error.code !== 'account_locked') return undefined;
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** Sign-in, enrolment, passwords, passkeys and sign-out (docs/clinic.md). */
export const authRoutes: FastifyPluginCallbackZod<ClinicOptions> = (app, options, done) => {
  const { identity } = options;
  const rp = relyingPartyOf(options.publicOrigin);

  app.post(
    '/auth/enrol',
    {
      config: signInConfig,
      schema: {
        summary: 'Redeem a one-time enrolment link and sign in (then add a passkey or a password)',
        tags,
        body: z.strictObject({ token: z.string().min(1).max(200) }),
        response: { 200: sessionSchema, ...authResponses },
      },
    },
    async (request, reply) => {
      const account = await identity.redeemEnrolmentLink(request.body.token);
      return startSession(request, reply, account);
    },
  );

  app.post(
    '/auth/sign-in',
    {
      config: signInConfig,
      schema: {
        summary: 'Sign in with e-mail and password (locked for 15 minutes after 5 failures)',
        tags,
        body: z.strictObject({
          email: z.string().trim().min(1).max(320),
          password: z.string().min(1).max(maxPasswordLength),
        }),
        response: { 200: sessionSchema, ...authResponses },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      // An object, not a variable: the store calls `verify` back, which flow analysis cannot see.
      const attempt = { verified: false };
      try {
        const account = await identity.passwordSignIn(email, (hash) => {
          attempt.verified = true;
          return verifyPassword(hash, password);
        });
        return await startSession(request, reply, account);
      } catch (error) {
        if (!attempt.verified) await spendVerifyTime(password);
        const retryAfter = retryAfterOf(error);
        if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
        throw error;
      }
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        summary: 'Set or change the password of the signed-in account',
        tags,
        body: z.strictObject({
          password: z
            .string()
            .min(minPasswordLength, `must be at least ${minPasswordLength} characters`)
            .max(maxPasswordLength, `must be at most ${maxPasswordLength} characters`),
        }),
        response: { 204: z.null(), ...authResponses },
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      await identity.setPasswordHash(account.id, await hashPassword(request.body.password));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/passkeys/options',
    {
      schema: {
        summary: 'Options for navigator.credentials.create(): add a passkey to the signed-in account',
        tags,
        response: { 200: passkeyOptionsSchema, ...authResponses },
      },
    },
    (request) => registrationOptions(identity, rp, requireAccount(request)),
  );

  app.post(
    '/auth/passkeys',
    {
      schema: {
        summary: 'Store the passkey the browser made from the options',
        tags,
        body: z.strictObject({ challengeId, response: registrationResponseSchema }),
        response: { 201: z.object({ id: z.string(), createdAt: z.string() }), ...authResponses },
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      const { body } = request;
      const passkey = await registerPasskey(identity, rp, account, body.challengeId, body.response);
      return reply.code(201).send(passkey);
    },
  );

  app.post(
    '/auth/passkey-sign-in/options',
    {
      config: signInConfig,
      schema: {
        summary: 'Options for navigator.credentials.get(): sign in with a passkey, no e-mail needed',
        tags,
        response: { 200: passkeyOptionsSchema, ...authResponses },
      },
    },
    () => authenticationOptions(identity, rp),
  );

  app.post(
    '/auth/passkey-sign-in',
    {
      config: signInConfig,
      schema: {
        summary: 'Sign in with the passkey the browser chose',
        tags,
        body: z.strictObject({ challengeId, response: authenticationResponseSchema }),
        response: { 200: sessionSchema, ...authResponses },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const account = await passkeySignIn(identity, rp, body.challengeId, body.response);
      return startSession(request, reply, account);
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        summary: 'The signed-in account and its CSRF token, or 401',
        tags,
        response: { 200: sessionSchema, 401: problemSchema },
      },
    },
    (request) => currentSession(request),
  );

  app.post(
    '/auth/sign-out',
    {
      schema: { summary: 'Sign out on this device', tags, response: { 204: z.null(), ...authResponses } },
    },
    async (request, reply) => {
      await endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    {
      schema: {
        summary: 'Sign out on every device (every session of the account ends)',
        tags,
        response: { 204: z.null(), ...authResponses },
      },
    },
    async (request, reply) => {
      await endAllSessions(request, reply);
      return reply.code(204).send(null);
    },
  );
  done();
};
