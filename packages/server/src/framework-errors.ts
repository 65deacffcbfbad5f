import type { FastifyServerOptions } from 'fastify';
import { sendProblem, toProblem } from './error-handler.ts';
import type { RequestGuard } from './request-guard.ts';
import { applySecurityHeaders } from './security.ts';

/**
 * Fastify answers a URL it cannot route (bad percent-encoding, a path parameter over `maxParamLength`)
 * itself, before any hook or the error handler: by default a bare JSON body without our headers. This
 * gives those answers the same form as every other error: the request guard first, then the security
 * headers and a problem document.
 */
export function frameworkErrorHandler(
  guard: RequestGuard,
): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (error, request, reply) => {
    applySecurityHeaders(request, reply);
    void sendProblem(reply, guard(request) ?? toProblem(error, request));
  };
}
