import { hash } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';
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
 * Whether the request's Accept-Encoding takes gzip (RFC 9110 §12.5.3): `gzip` or `*` with a quality above zero.
 * Anything unreadable counts as no, and the client gets the identity body.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return false;
  return text.split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

// Below this a gzip body saves less than its header and the client's inflate cost.
const gzipMinimumBytes = 1024;
// The gzip form of each memoised body, made once: a body and its tag live as long as the cache that holds them.
const gzipped = new WeakMap<TaggedBody, TaggedBody>();

function gzipOf(tagged: TaggedBody): TaggedBody {
  let compressed = gzipped.get(tagged);
  if (compressed === undefined) {
    // Another representation, so another strong tag: computed over the compressed bytes (RFC 9110 §8.8.3).
    compressed = tagBody(gzipSync(tagged.body, { level: constants.Z_BEST_COMPRESSION }));
    gzipped.set(tagged, compressed);
  }
  return compressed;
}

/**
 * Sends `tagged` with its ETag and `cache`, or 304 Not Modified with no body when the request's If-None-Match
 * names it. Set the content type first; a 304 keeps it, with the ETag and Cache-Control a 200 would have.
 *
 * `memoised` says the caller keeps `tagged` for later requests: such a body is also sent gzipped to clients that
 * take gzip, compressed once and kept beside it (a default plan's 54-73 kB of JSON become about a sixth of that).
 * Bodies built per request are sent as they are, so compression never costs a request its CPU.
 */
export function sendTagged<Reply extends FastifyReply>(
  request: FastifyRequest,
  reply: Reply,
  tagged: TaggedBody,
  cache: string,
  options: { memoised?: boolean } = {},
): Reply {
  let representation = tagged;
  if (options.memoised && tagged.body.length >= gzipMinimumBytes) {
    reply.header('vary', 'accept-encoding');
    if (acceptsGzip(request.headers['accept-encoding'])) {
      representation = gzipOf(tagged);
      reply.header('content-encoding', 'gzip');
    }
  }
  reply.header('etag', representation.etag).header('cache-control', cache);
  if (noneMatch(request.headers['if-none-match'], representation.etag)) {
    reply.removeHeader('content-encoding');
    reply.code(304).send();
  } else reply.send(representation.body);
  // The route's own reply type, so a handler can return it (Fastify then knows the reply is sent).
  return reply;
}
