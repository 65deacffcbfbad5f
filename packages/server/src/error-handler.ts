import { isDomainError } from '@unknot/core';
import { storageRetryAfterSeconds } from '@unknot/store';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  problem,
  problemContentType,
  type FieldProblem,
  type Problem,
  type ProblemCode,
} from './problems.ts';

/** `body.pain`, `querystring.limit`, `params.id`: the field a client must fix, in its own terms. */
function fieldPath(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return [context, path].filter(Boolean).join('.') || (context ?? 'body');
}

/** Fastify's own error codes for things a client sent, and the problem each one is. */
const fastifyCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
  FST_STATIC_FORBIDDEN_PATH: 'forbidden_path',
};

/** Client errors that come with a status only (@fastify/static passes on @fastify/send's http-errors). */
const clientErrorStatuses: Partial<Record<number, ProblemCode>> = {
  403: 'forbidden_path',
  412: 'precondition_failed',
  416: 'range_not_satisfiable',
};

function hasHeaders(error: unknown): error is { headers: Record<string, string> } {
  return typeof (error as { headers?: unknown } | null)?.headers === 'object';
}

/**
 * Turns any error into a problem document. Everything a client can cause maps to a 4xx that says what to
 * fix; a 500 means a bug of ours, is logged with its stack, and reveals nothing.
 */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const requestId = request.id;
  if (isDomainError(error)) {
    const fields = error.fields.map((f) => ({ field: f.field, problem: f.problem }));
    return problem(error.code, error.message, requestId, fields.length > 0 ? { fields } : {});
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldProblem[] = error.validation.map((issue) => ({
      field: fieldPath(error.validationContext, issue.instancePath),
      problem: issue.message ?? 'is not valid',
    }));
    const names = fields.map((f) => f.field).join(', ');
    return problem('validation_failed', `Invalid ${names}.`, requestId, { fields });
  }
  const fastifyError = error as Partial<FastifyError>;
  if (
    fastifyError.code === 'FST_ERR_VALIDATION' ||
    (fastifyError.validation && fastifyError.statusCode === 400)
  ) {
    return problem('validation_failed', fastifyError.message ?? 'Invalid request.', requestId);
  }
  const mapped = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) return problem(mapped, fastifyError.message ?? mapped, requestId);
  if (fastifyError.statusCode === 429)
    return problem('rate_limited', fastifyError.message ?? 'Slow down.', requestId);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return problem('malformed_json', `The body is not valid JSON: ${error.message}`, requestId);
  }
  const status = fastifyError.statusCode;
  // A plugin's 4xx is still the client's to fix: never let it turn into a 500.
  if (status !== undefined && status >= 400 && status < 500) {
    const code = clientErrorStatuses[status] ?? 'bad_request';
    return problem(code, fastifyError.message ?? code, requestId);
  }
  return problem(
    'internal_error',
    'Something went wrong on our side. The request id helps us find it.',
    requestId,
  );
}

export function sendProblem<R extends FastifyReply>(reply: R, body: Problem): R {
  return reply.code(body.status).type(problemContentType).send(body) as R;
}

/** The 404 for a route that does not exist. */
export function routeNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  return sendProblem(reply, problem('route_not_found', `No route ${request.method} ${path}.`, request.id));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const body = toProblem(error, request);
    if (body.code === 'storage_full' || body.code === 'storage_unavailable') {
      // Not a bug of ours and not the client's: nothing was saved, and the same request may work later.
      reply.header('retry-after', String(storageRetryAfterSeconds));
      request.log.warn({ code: body.code }, 'database cannot be written');
    } else if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    // A 416 says which range the file has (Content-Range), as @fastify/send put it on the error.
    if (body.status < 500 && hasHeaders(error)) reply.headers(error.headers);
    return sendProblem(reply, body);
  });
}
