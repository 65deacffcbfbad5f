/**
 * Domain errors: stable codes, no HTTP knowledge. The server maps codes to statuses in one function;
 * the CLI maps them to messages. Every code is listed in docs/errors.md (a test keeps the two in step).
 */
export const domainErrorCodes = [
  'validation_failed',
  'not_found',
  'conflict',
  'unknown_knowledge_entry',
  'plan_unavailable',
  // A record kind is at its per-episode ceiling (e.g. 10,000 diary entries): nothing more is taken.
  'limit_reached',
  // The database cannot take the write now (disk full, read-only, I/O error); nothing was acknowledged.
  'storage_full',
  'storage_unavailable',
  // Clinic mode (docs/clinic.md): who is asking, and whether it is theirs to ask.
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'forbidden',
  'invite_unusable',
  'programme_refused',
  // An early-stopped check (complete: false) whose answers do not already show an emergency.
  'early_stop_refused',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export interface FieldIssue {
  /** Where in the input, e.g. `pain` or `medicines.0.name`. */
  field: string;
  /** What is wrong, in words. */
  problem: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fields: readonly FieldIssue[];
  constructor(code: DomainErrorCode, message: string, fields: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fields = fields;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
