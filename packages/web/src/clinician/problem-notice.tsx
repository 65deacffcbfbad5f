/** What the workspace says when the server refused or did not answer, with a way to try again. */
import { c } from './strings.ts';
import type { Problem } from './types.ts';

export function problemText(problem: Problem): string {
  if (problem.status === 0) return c.workspace.offline;
  return problem.detail ?? c.workspace.failed(problem.status);
}

export function ProblemNotice({ problem, retry }: { problem: Problem; retry?: () => unknown }) {
  return (
    <div class="notice" role="alert">
      <p>{problemText(problem)}</p>
      {retry ? (
        <button type="button" class="button" onClick={() => void retry()}>
          {c.workspace.retry}
        </button>
      ) : null}
    </div>
  );
}
