import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A strict Content Security Policy: scripts, styles and everything else only from this origin, no inline
 * script, no plugins, no framing. Written by hand rather than through helmet: these few headers are all
 * the app needs, and setting them costs a fraction of helmet's full set per response (bench/api.ts).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Pages (the web app, the API docs): the full policy and the headers that matter for documents. */
const pageHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * API responses are JSON that no browser renders: a short deny-all policy, no sniffing, no cross-origin
 * reads, and no caching (health data must not linger in shared or browser caches). Fewer, shorter headers
 * keep the per-response cost low (bench/api.ts).
 */
const apiHeaders: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Pages made from health data (the summary): a document, and like all API data never cached. */
const healthDataPageHeaders: Record<string, string> = { ...pageHeaders, 'cache-control': 'no-store' };

function headersFor(path: string): Record<string, string> {
  if (!path.startsWith('/api/') || path.startsWith('/api/docs')) return pageHeaders;
  // The summary page is a document a person opens, even though it lives under /api.
  return path.endsWith('.html') ? healthDataPageHeaders : apiHeaders;
}

/** Also called for the errors Fastify answers before any hook runs (see framework-errors.ts). */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(headersFor(request.url.split('?')[0] ?? ''));
  reply.header('x-request-id', request.id);
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request, reply);
    done();
  });
}
