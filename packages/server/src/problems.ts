import type { DomainErrorCode } from '@unknot/core';

/**
 * Every problem code the API can answer with, and its HTTP status. This table is the one place that
 * turns an error into a status (routes never pick statuses for errors themselves), and docs/errors.md
 * lists the same codes (a test keeps the two in step).
 */
export const problemTypes = {
  // Domain errors (from @unknot/core and the store).
  validation_failed: { status: 400, title: 'The request is not valid' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with what is stored' },
  unknown_knowledge_entry: { status: 404, title: 'No such knowledge entry' },
  plan_unavailable: { status: 409, title: 'There is no plan to export' },
  limit_reached: { status: 409, title: 'The most this record can hold is reached' },
  storage_full: { status: 507, title: 'The disk is full' },
  storage_unavailable: { status: 503, title: 'The database cannot be written now' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  invalid_credentials: { status: 401, title: 'The sign-in did not match an account' },
  account_locked: { status: 429, title: 'Too many failed sign-ins: the account is locked for a while' },
  forbidden: { status: 403, title: 'Not yours to see or change' },
  invite_unusable: { status: 410, title: 'The invite or enrolment link is used, expired or unknown' },
  programme_refused: { status: 422, title: 'The programme breaks a clinical rule' },
  early_stop_refused: { status: 422, title: 'A check stopped early must show an emergency' },
  // Protocol errors (HTTP itself).
  malformed_json: { status: 400, title: 'The body is not valid JSON' },
  bad_request: { status: 400, title: 'The request is malformed' },
  forbidden_path: { status: 403, title: 'The path is not allowed' },
  cross_site_request: { status: 403, title: 'Changes from another site are refused' },
  csrf_failed: { status: 403, title: "The request lacks the session's CSRF token" },
  route_not_found: { status: 404, title: 'No such route' },
  precondition_failed: { status: 412, title: 'A precondition of the request failed' },
  payload_too_large: { status: 413, title: 'The body is too large' },
  uri_too_long: { status: 414, title: 'The URL is too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  range_not_satisfiable: { status: 416, title: 'The range is outside the file' },
  misdirected_request: { status: 421, title: 'The request is addressed to another host' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof problemTypes;

/** Every domain error code must have an HTTP mapping: this export fails to compile otherwise. */
export const domainCodeStatus: Record<DomainErrorCode, { status: number; title: string }> = problemTypes;

export interface FieldProblem {
  field: string;
  problem: string;
}

/** An RFC 9457 problem document, with our stable `code` and the request id for support. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  requestId: string;
  instance?: string;
  fields?: FieldProblem[];
  [extension: string]: unknown;
}

export const problemContentType = 'application/problem+json; charset=utf-8';

export function problem(
  code: ProblemCode,
  detail: string,
  requestId: string,
  extra: { fields?: FieldProblem[]; instance?: string; [key: string]: unknown } = {},
): Problem {
  const { status, title } = problemTypes[code];
  return { type: `urn:unknot:problem:${code}`, title, status, detail, code, requestId, ...extra };
}
