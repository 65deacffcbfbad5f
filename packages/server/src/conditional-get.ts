import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Conditional GET (RFC 9110 §8.8.3, §13.1.2): a strong entity tag over the exact bytes of a body, and 304 Not
 * Modified when the client already holds them, so a client that polls a plan, a summary or the knowledge base
 * pays a round trip instead of the whole body when nothing changed.
 */

/** A response body with its entity tag, computed together so that a memoised body keeps its tag. */
export interface TaggedBody {
  readonly body: string | Buffer;
  /** A strong tag, quoted: `"<base64url SHA-256 of the body>"`. */
  readonly etag: string;
}

/** The body and its strong tag: any change of a byte changes the tag. */
export function tagBody(body: string | Buffer): TaggedBody {
  return { body, etag: `"${hash('sha256', body, 'base64url')}"` };
}

/** `value` as JSON, tagged; as bytes, so that a memoised body is not encoded again on every send. */
export function tagJson(value: unknown): TaggedBody {
  return tagBody(Buffer.from(JSON.stringify(value)));
}

// An entity tag (RFC 9110 §8.8.3): an optional weak prefix, then an opaque string in double quotes.
const entityTag = /(?:W\/)?"([^"]*)"/g;

/**
 * Whether an If-None-Match header names `etag`. The comparison is weak, as §13.1.2 requires (`W/"x"` matches
 * `"x"`); `*` matches any current representation; several headers arrive joined by commas. A malformed value
 * matches nothing, so the client gets the whole body rather than an error.
 */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.slice(etag.indexOf('"'));
  for (const match of header.matchAll(entityTag)) {
    if (`"${match[1] ?? ''}"` === opaque) return true;
  }
  return false;
}

/**
 * Cache-Control for the two kinds of response. Health data is never stored by a browser or a proxy (a shared
 * computer, the back button): a client that keeps its own copy (the app's offline store, a script) revalidates
 * it with If-None-Match. The knowledge base is the same for everyone: any cache may keep it, and asks again
 * each time, so a new version of the server is never hidden behind a stale copy (a 304 costs no body).
 */
export const cacheControl = {
  healthData: 'no-store',
  public: 'public, no-cache',
} as const;

/** The 304 of a route's response schema, for the OpenAPI document. */
export const notModified = z
  .null()
  .describe('Not Modified: the body is the one the If-None-Match header names');

/**
 * Sends `tagged` with its ETag and `cache`, or 304 Not Modified with no body when the request's If-None-Match
 * names it. Set the content type first; a 304 keeps it, with the ETag and Cache-Control a 200 would have.
 */
export function sendTagged<Reply extends FastifyReply>(
  request: FastifyRequest,
  reply: Reply,
  tagged: TaggedBody,
  cache: string,
): Reply {
  reply.header('etag', tagged.etag).header('cache-control', cache);
  if (noneMatch(request.headers['if-none-match'], tagged.etag)) reply.code(304).send();
  else reply.send(tagged.body);
  // The route's own reply type, so a handler can return it (Fastify then knows the reply is sent).
  return reply;
}
