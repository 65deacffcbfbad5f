import { CliError } from './cli-error.ts';
import { removeClinicSession, type ClinicSession } from './clinic-session.ts';

/**
 * The CLI's side of the clinic API (docs/clinic.md): plain HTTP with global fetch, since the CLI may not load the
 * server. Every failure becomes one `unknot:` line: the server's problem+json detail, a network error in words, or
 * a dead session (which also removes the session file, so the next command does not try it again).
 */

/** Long enough for a slow link and argon2 on a busy server; short enough that a dead address does not hang. */
const timeoutMs = 20_000;

/** Cookie names the server uses (`__Host-` on https, plain on http://localhost). */
const cookieNames = ['__Host-unknot', 'unknot'];

/** A wait in words: "about 14 minutes", "40 seconds". */
export function inWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `about ${Math.round(seconds / 60)} minutes`;
}

/** Why fetch failed, from the cause Node gives (its own message is just "fetch failed"). */
function networkProblem(origin: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why =
    (error as Error).name === 'TimeoutError'
      ? `no answer within ${timeoutMs / 1000} seconds`
      : cause?.code === 'ECONNREFUSED'
        ? 'connection refused (is the server running?)'
        : cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN'
          ? 'no such host'
          : (cause?.message ?? (error as Error).message);
  return new CliError(`Cannot reach ${origin}: ${why}.`);
}

/** A refusal by the clinic server, with its HTTP status for callers that answer one status in their own words. */
export class ClinicRefusal extends CliError {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'ClinicRefusal';
    this.status = status;
  }
}

interface Problem {
  detail?: string;
  title?: string;
  fields?: { field: string; problem: string }[];
}

/** The problem+json a server answered with, or undefined when the body is not one (a proxy's error page). */
async function problemOf(response: Response): Promise<Problem | undefined> {
  try {
    const problem = JSON.parse(await response.text()) as unknown;
    return typeof problem === 'object' && problem !== null ? problem : undefined;
  } catch {
    return undefined;
  }
}

export interface ClinicRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** `name=value` of a session cookie to send. */
  cookie?: string | undefined;
  csrfToken?: string | undefined;
}

/** One request to `origin`, answered or a CliError for a network failure. The caller reads the status. */
export async function send(origin: string, request: ClinicRequest): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // The server checks Origin on every write (CSRF); a CLI is not a browser, so it says who it is honestly.
  if (request.method !== 'GET') headers.origin = origin;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.cookie) headers.cookie = request.cookie;
  if (request.csrfToken) headers['x-csrf-token'] = request.csrfToken;
  try {
    return await fetch(new URL(request.path, origin), {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw networkProblem(origin, error);
  }
}

/** The session cookie a response set, as `name=value`, or undefined. */
export function sessionCookieOf(response: Response): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0]?.trim() ?? '';
    const name = pair.slice(0, pair.indexOf('='));
    if (cookieNames.includes(name) && pair.length > name.length + 1) return pair;
  }
  return undefined;
}

/** A failed answer as one line: the problem's detail and each refused field, or for a 429 how long to wait. */
export async function failure(response: Response): Promise<ClinicRefusal> {
  const { status } = response;
  const problem = await problemOf(response);
  if (!problem)
    return new ClinicRefusal(`The server answered HTTP ${status} ${response.statusText}`.trim(), status);
  const retryAfter = Number(response.headers.get('retry-after'));
  if (status === 429 && Number.isInteger(retryAfter) && retryAfter > 0) {
    // The title says what happened; the wait comes from Retry-After, in words, rather than the detail's guess.
    const title = problem.title ?? 'Too many requests';
    return new ClinicRefusal(`${title}. Try again in ${inWords(retryAfter)}.`, status);
  }
  const fields = (problem.fields ?? []).map((f) => `${f.field} ${f.problem}`).join('; ');
  const message = problem.detail ?? problem.title ?? `HTTP ${status}`;
  return new ClinicRefusal(fields ? `${message} (${fields})` : message, status);
}

/**
 * A signed-in request to the clinic: cookie, Origin and CSRF token. Returns the parsed JSON body (undefined for
 * 204). A 401 means the server ended the session (expired, signed out everywhere): the file goes too.
 */
export async function clinicApi<T>(
  session: ClinicSession,
  env: NodeJS.ProcessEnv,
  request: Omit<ClinicRequest, 'cookie' | 'csrfToken'>,
): Promise<T> {
  const response = await send(session.origin, {
    ...request,
    path: `/api/v1${request.path}`,
    cookie: session.cookie,
    csrfToken: session.csrfToken,
  });
  if (response.status === 401) {
    removeClinicSession(env);
    throw new CliError(`Signed out by the server: run unknot login ${session.origin} again.`);
  }
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
