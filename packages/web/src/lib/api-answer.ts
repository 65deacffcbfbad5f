/**
 * A clinic-API request whose refusal is a value, not an exception: the screens show what the server said
 * (problem+json's `code`, `detail`, `fields`), and "no answer at all" (offline) as status 0.
 */
import { apiBase, apiFetch } from './api.ts';

/** A refusal as the server states it (problem+json); status 0 when no answer came (offline). */
export interface Problem {
  status: number;
  code?: string;
  detail?: string;
  fields?: { field: string; problem: string }[];
}

export type Answer<T> = { ok: true; value: T } | { ok: false; problem: Problem };

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Omit<Problem, 'status'>;
    return { ...body, status: response.status };
  } catch {
    // A proxy's HTML error page, or no body: the status is all there is to say.
    return { status: response.status };
  }
}

/** `path` is under /api/v1. A JSON `body` is sent as such; an empty answer (204) is `null`. */
export async function callApi<T>(
  path: string,
  init: Omit<RequestInit, 'body'> & { body?: unknown } = {},
): Promise<Answer<T>> {
  const { body, ...rest } = init;
  let response: Response;
  try {
    response = await apiFetch(`${apiBase}${path}`, {
      ...rest,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, problem: { status: 0 } };
  }
  if (!response.ok) return { ok: false, problem: await problemOf(response) };
  const text = await response.text();
  return { ok: true, value: (text === '' ? null : JSON.parse(text)) as T };
}
