import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendProblem } from './error-handler.ts';
import { problem, type Problem } from './problems.ts';

/**
 * The names this server answers to in personal mode. A page on another site can make a browser send
 * requests here under its own name (DNS rebinding: evil.example resolves to 127.0.0.1), so only requests
 * addressed to one of these names are served. Clinic mode will set its public name instead.
 */
export const defaultAllowedHosts: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

interface Authority {
  name: string;
  port: number | undefined;
}

// `name`, `name:port`, `[v6]`, `[v6]:port`; an empty port means the scheme's default (RFC 3986 §3.2.3).
const authorityPattern = /^(\[[0-9a-f:.]+\]|[^:[\]@/\s]+)(?::(\d{0,5}))?$/i;
// The request target in absolute-form (RFC 9112 §3.2.2): `http://authority/path?query`.
const absoluteFormPattern = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i;
const defaultPorts: Record<string, number> = { http: 80, https: 443 };
// Only these can change stored data; the others cannot be sent cross-site in a way a page could read.
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// `same-site` is refused too: a page on another localhost port is same-site, and it is not ours.
const ownFetchSites = new Set(['same-origin', 'none']);

function parseAuthority(text: string): Authority | undefined {
  const match = authorityPattern.exec(text);
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), port: match[2] ? Number(match[2]) : undefined };
}

/** Host names as a Host header spells them: lower case, an IPv6 address in brackets. */
function hostNames(allowedHosts: readonly string[]): Set<string> {
  return new Set(
    allowedHosts.map((host) => {
      const name = host.trim().toLowerCase();
      return name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
    }),
  );
}

/**
 * The request target in origin-form. Routing already ignores the scheme and authority of an absolute-form
 * target; rewriting it means everything after routing (security headers, logs, rate limits) sees a path.
 * The guard reads the original from `request.originalUrl`.
 */
export function originFormUrl(url: string): string {
  const match = absoluteFormPattern.exec(url);
  if (!match) return url;
  const rest = match[3] ?? '';
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** Refuses a request that is not addressed to this server, or a write sent by another site's page. */
export type RequestGuard = (request: FastifyRequest) => Problem | undefined;

/**
 * Clinic mode passes its public origin (`https://clinic.example`): the only name and port requests may be
 * addressed to, and the only Origin a browser's write may come from. Its port is the origin's, not the
 * socket's: behind a load balancer the server listens on another port than the one people reach.
 */
export function createRequestGuard(
  allowedHosts: readonly string[] = defaultAllowedHosts,
  publicOrigin?: string,
): RequestGuard {
  const clinic = publicOrigin === undefined ? undefined : new URL(publicOrigin);
  const clinicPort = clinic ? Number(clinic.port) || defaultPorts[clinic.protocol.slice(0, -1)] : undefined;
  const names = hostNames(clinic ? [clinic.hostname] : allowedHosts);
  const shownNames = clinic ? clinic.host : [...names].join(', ');
  // A Host header without a port means the scheme's default: the public origin's scheme in clinic mode.
  const hostDefaultPort = clinic ? clinicPort : defaultPorts.http;

  const isOurs = (authority: Authority | undefined, defaultPort: number | undefined, localPort?: number) =>
    authority !== undefined &&
    names.has(authority.name) &&
    (clinic
      ? (authority.port ?? defaultPort) === clinicPort
      : // inject() has no socket, hence no port to compare: the name alone decides there.
        localPort === undefined || (authority.port ?? defaultPort) === localPort);

  // Every request carries one of a few Host headers, the same one request after request: the last one found
  // ours (with the port it came in on) is kept, so the next request costs a comparison instead of a parse.
  // Only an accepted Host is kept; any other still goes through the whole check.
  let ourHost: string | undefined;
  let ourHostPort: number | undefined;

  /** The authority the client addressed: an absolute-form target's own, else the Host header's. */
  const addressedToUs = (request: FastifyRequest, localPort: number | undefined): boolean => {
    // Almost every target is in origin-form (a path), which cannot match the absolute-form pattern.
    if (!request.originalUrl.startsWith('/')) {
      const absolute = absoluteFormPattern.exec(request.originalUrl);
      if (absolute) {
        const scheme = absolute[1]?.toLowerCase() ?? '';
        return isOurs(parseAuthority(absolute[2] ?? ''), defaultPorts[scheme], localPort);
      }
    }
    const host = request.headers.host;
    if (host === undefined) return false;
    if (host === ourHost && localPort === ourHostPort) return true;
    if (!isOurs(parseAuthority(host), hostDefaultPort, localPort)) return false;
    ourHost = host;
    ourHostPort = localPort;
    return true;
  };

  /** A browser says where a request comes from; curl and the CLI say nothing, and are let through. */
  const sentByOurPage = (request: FastifyRequest, localPort: number | undefined): boolean => {
    const { origin } = request.headers;
    if (origin !== undefined && clinic) {
      if (origin !== clinic.origin) return false;
    } else if (origin !== undefined) {
      // `Origin: null` (sandboxed frames, file: pages) is no page of ours either.
      const authority = origin.startsWith('http://')
        ? parseAuthority(origin.slice('http://'.length))
        : undefined;
      if (!isOurs(authority, defaultPorts.http, localPort)) return false;
    }
    const fetchSite = request.headers['sec-fetch-site'];
    return fetchSite === undefined || (typeof fetchSite === 'string' && ownFetchSites.has(fetchSite));
  };

  return (request) => {
    const localPort = request.raw.socket.localPort;
    if (!addressedToUs(request, localPort)) {
      return problem(
        'misdirected_request',
        `This server answers only requests addressed to ${shownNames} on the port it listens on. Another ` +
          'name pointing here is how a web page reaches a server on your computer (DNS rebinding).',
        request.id,
      );
    }
    if (writeMethods.has(request.method) && !sentByOurPage(request, localPort)) {
      return problem(
        'cross_site_request',
        "Changes are accepted only from this app's own pages or from programs (curl, the CLI); this one " +
          'came from a page on another site.',
        request.id,
      );
    }
    return undefined;
  };
}

/** Runs the guard before anything else reads or writes (register it ahead of the rate limit and routes). */
export function registerRequestGuard(app: FastifyInstance, guard: RequestGuard): void {
  app.addHook('onRequest', (request, reply, done) => {
    const refusal = guard(request);
    if (refusal) {
      void sendProblem(reply, refusal);
      return;
    }
    done();
  });
}
