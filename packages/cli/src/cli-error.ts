/** Exit codes: 0 success, 1 a problem with how the command was called or its files, 2 invalid answers. */
export const exitCodes = { ok: 0, failure: 1, invalidAnswers: 2 } as const;

/** An error the user can act on: printed as one line, no stack trace, then the process exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = exitCodes.failure) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
