import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * Logger settings for a running server. Requests are logged as method, path (without the query string),
 * status, time and request id — never headers, query strings or bodies, which can carry health data
 * (answers, notes, pain scores).
 */
export function serverLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** One line per request, written when the response is sent. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
}
