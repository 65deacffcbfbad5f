/**
 * Every request the web app makes to its own server goes through `apiFetch`, so the one thing clinic mode adds
 * to a write — the session's CSRF token in `x-csrf-token` (docs/clinic.md) — is added in one place, and a 401
 * (signed out, or the session expired) is noticed in one place too. In personal mode there is no token and no
 * 401: requests go out exactly as before.
 */
import { signal } from '@preact/signals';

export const apiBase = '/api/v1';

let csrfToken: string | null = null;

/** Set by the sign-in code from `GET /api/v1/auth/session` (and cleared on sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** True once the server answered 401: the person has to sign in (again) before anything more is sent. */
export const signInNeeded = signal(false);

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (csrfToken !== null && !safeMethods.has(method)) headers.set('x-csrf-token', csrfToken);
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) signInNeeded.value = true;
  return response;
}
