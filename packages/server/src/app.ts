import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Store } from '@unknot/store';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { registerErrorHandling, routeNotFound } from './error-handler.ts';
import { changesRoutes } from './routes/changes.ts';
import { episodeRoutes } from './routes/episodes.ts';
import { instanceRoutes } from './routes/instance.ts';
import { planRoutes } from './routes/plan.ts';
import { summaryRoutes } from './routes/summary.ts';
import { dataRoutes } from './routes/data.ts';
import { healthOf, healthRoutes } from './routes/health.ts';
import { knowledgeRoutes } from './routes/knowledge.ts';
import { recordRoutes } from './routes/records.ts';
import { triageRoutes } from './routes/triage.ts';
import { registerRequestLog } from './logging.ts';
import { registerRateLimit } from './rate-limit.ts';
import { createRequestGuard, originFormUrl, registerRequestGuard } from './request-guard.ts';
import { frameworkErrorHandler } from './framework-errors.ts';
import { registerClinicAuth, type ClinicOptions } from './clinic/auth.ts';
import { defaultSignInPerMinute, registerClinicRateLimit } from './clinic/rate-limit.ts';
import { programmeOfEpisode, registerClinicScoping } from './clinic/scoping.ts';
import { registerSecurityHeaders } from './security.ts';

export interface AppOptions {
  store: Store;
  /** Fastify logger options; false (the default) for tests. See logging.ts for what may be logged. */
  logger?: FastifyServerOptions['logger'] | undefined;
  /** Requests per minute per client address; the default keeps a runaway loop from flooding the store. */
  rateLimitPerMinute?: number | undefined;
  /** The same for plans, calendars and summaries, which cost far more; default a tenth of the above. */
  expensiveRateLimitPerMinute?: number | undefined;
  /** Host names requests must be addressed to (request-guard.ts); default the loopback names. */
  allowedHosts?: readonly string[] | undefined;
  /** Largest accepted body in bytes. */
  bodyLimit?: number | undefined;
  /** The built web app to serve, if any. */
  webDist?: string | undefined;
  /**
   * Clinic mode (docs/clinic.md): accounts and sessions, the public origin as the only Host, rate limits
   * counted in the database. Absent: personal mode, exactly as before.
   */
  clinic?: ClinicOptions | undefined;
}

export const apiVersion = '0.1.0';
export const defaultBodyLimit = 64 * 1024;
export const defaultRateLimitPerMinute = 6000;

/** Believes X-Forwarded-For for as many hops as there are proxies (what Fastify's numeric form does, typed). */
function trustedHops(proxies: number | undefined): false | ((address: string, hop: number) => boolean) {
  return proxies ? (_address, hop) => hop < proxies : false;
}

/** Builds the HTTP app without listening, so tests can drive it with `inject()`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const guard = createRequestGuard(options.allowedHosts, options.clinic?.publicOrigin);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? defaultBodyLimit,
    genReqId: () => randomUUID(),
    // Behind a clinic's load balancer every request comes from the balancer: its X-Forwarded-For names the
    // client whose requests the rate limits count. Only that many hops are believed, so a client cannot forge it.
    trustProxy: trustedHops(options.clinic?.trustedProxies),
    // Query strings and bodies can hold health data; requests are logged by logging.ts without them.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    // Long path parameters reach validation (a 400 naming the field) instead of the router's bare 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 8192 },
    rewriteUrl: (request) => originFormUrl(request.url ?? '/'),
    frameworkErrors: frameworkErrorHandler(guard),
  });
  // The API speaks JSON only: any other body is a 415, not a string that fails validation.
  app.removeContentTypeParser(['text/plain']);
  app.setValidatorCompiler(validatorCompiler);
  // Requests are validated by zod. Responses are built from records the store validated on the way in,
  // so re-encoding them through zod on the way out only costs time (about a tenth of a diary write,
  // bench/api.ts); the response schemas still type the handlers and document the API, and the route
  // tests check responses against them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  // Before anything reads or writes, the rate limit included: a refused request costs nothing.
  registerRequestGuard(app, guard);
  // The request log line is written at info; skip the hook entirely when that level is off.
  if (options.logger && ['trace', 'debug', 'info'].includes(app.log.level)) registerRequestLog(app);

  const limits = {
    perMinute: options.rateLimitPerMinute ?? defaultRateLimitPerMinute,
    expensivePerMinute: options.expensiveRateLimitPerMinute,
  };
  if (options.clinic) {
    const { clinic } = options;
    registerClinicRateLimit(app, clinic.identity, {
      ...limits,
      signInPerMinute: clinic.signInRateLimitPerMinute ?? defaultSignInPerMinute,
    });
    registerClinicAuth(app, clinic);
    // The personal routes, held to the signed-in patient's own episodes.
    registerClinicScoping(app, { store: options.store, care: clinic.care });
  } else {
    registerRateLimit(app, limits);
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'unknot API',
        version: apiVersion,
        description:
          'Back-spasm companion: red-flag triage, episodes, diary and guided-session logs. Errors are ' +
          'application/problem+json (RFC 9457) with a stable `code`; see docs/errors.md.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { store: options.store });
      await api.register(triageRoutes);
      await api.register(knowledgeRoutes);
      await api.register(episodeRoutes, { store: options.store });
      await api.register(recordRoutes, { store: options.store });
      await api.register(planRoutes, {
        store: options.store,
        programmeOf: options.clinic && programmeOfEpisode(options.clinic.care),
      });
      await api.register(summaryRoutes, { store: options.store });
      await api.register(dataRoutes, { store: options.store });
      await api.register(changesRoutes, { store: options.store, clinic: options.clinic !== undefined });
      await api.register(instanceRoutes, { clinic: options.clinic !== undefined });
      if (options.clinic) {
        // Loaded in clinic mode only: passkeys and argon2 are no part of personal mode's start.
        const { clinicRoutes } = await import('./clinic/routes/index.ts');
        await api.register(clinicRoutes, { ...options.clinic, store: options.store });
      }
    },
    { prefix: '/api/v1' },
  );
  app.get(
    '/healthz',
    { schema: { hide: true }, config: { rateLimit: 'exempt' } },
    async (_request, reply) => {
      const { statusCode, body } = await healthOf(options.store);
      return reply.code(statusCode).send(body);
    },
  );

  if (options.webDist && existsSync(options.webDist)) {
    // The web build writes .br/.gz copies of its files; sending those halves the first paint on a phone.
    await app.register(fastifyStatic, { root: options.webDist, wildcard: false, preCompressed: true });
    // The web app routes in the browser: unknown non-API GETs get its index.html.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return routeNotFound(request, reply);
    });
  } else {
    app.setNotFoundHandler(routeNotFound);
  }
  return app;
}
