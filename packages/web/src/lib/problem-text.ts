/**
 * A refusal from the clinic API in words for the screen. The server's problem+json names a stable `code`; the
 * generic cases (no answer, too many tries, a server fault) read the same on every clinic screen. Anything a
 * screen handles itself (a used invite code, a locked account) it checks before calling this.
 */
import type { Problem } from './account.ts';
import { tc } from '../strings-clinic.ts';

export function problemText(problem: Problem): string {
  if (problem.status === 0) return tc.problems.unreachable;
  if (problem.status === 429) return tc.problems.tooMany;
  const fields = problem.fields?.map((f) => f.problem).join(' ');
  return problem.detail ?? (fields || tc.problems.server(problem.status));
}
