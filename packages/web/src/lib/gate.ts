/**
 * What the latest check allows (triage.md §1, knowledge-base.md §1.7 and §5): after an `emergency` or `urgent`
 * result the plan, today's items and every timer are replaced by the result screen; after an `emergency` the
 * rest of the app is too, so nothing slows the person down. Nothing that builds on the check opens before one.
 */
import type { Disposition } from '@unknot/core';
import type { Role } from './account.ts';

export type Area = 'open' | 'care' | 'records';

/** Which area a path belongs to: `care` needs a safe check (home, plan, sessions), `records` diary and summary. */
export function areaOf(path: string): Area {
  if (path === '/plan' || path.startsWith('/session/') || path === '/preferences') return 'care';
  if (path.startsWith('/diary') || path === '/summary') return 'records';
  return 'open';
}

/**
 * The screens of clinic mode: the ways in (sign-in, join, an enrolment link), the clinician's workspace (which
 * checks its own session) and the patient's clinic screens. None builds on the check: they are `open`.
 */
const waysIn = ['/sign-in', '/join', '/enrol'];
const isWorkspace = (path: string): boolean => path === '/clinic' || path.startsWith('/clinic/');
const isReading = (path: string): boolean => path === '/learn' || path.startsWith('/learn/');

/**
 * Clinic mode's gate, before the check's (`redirectFor`). `who` is the signed-in role, or null when signed out.
 * - Signed out: the safety check, its result and the library stay open — safety first, no account needed to learn
 *   that back pain needs a doctor now — and so do the ways in and the workspace (which asks its own sign-in);
 *   anything else goes to `/`, where the app offers the choice: sign in, join with a code, or do the check.
 * - A clinician or clinic admin has no episode and no plan: everything but the workspace, the library and the
 *   ways in goes to the workspace.
 * - A patient has the whole app, but not the workspace.
 */
export function clinicRedirectFor(path: string, who: Role | null): string | null {
  if (who === null) {
    const open =
      path === '/' || path === '/check' || path === '/result' || waysIn.includes(path) || isWorkspace(path);
    return open || isReading(path) ? null : '/';
  }
  if (who === 'patient') return isWorkspace(path) ? '/' : null;
  const staffOpen = isWorkspace(path) || isReading(path) || path === '/sign-in' || path === '/enrol';
  return staffOpen ? null : '/clinic';
}

/**
 * Where to send someone instead of `path`, or null to let them through. `/` is decided by the start screen
 * itself (welcome, result or today).
 */
export function redirectFor(path: string, latest: Disposition | null, hasEpisode: boolean): string | null {
  const area = areaOf(path);
  if (area === 'open') return null;
  if (latest === null) return '/check';
  if (latest === 'emergency') return '/result';
  if (latest === 'urgent' && area === 'care') return '/result';
  if (!hasEpisode) return '/check';
  return null;
}

/** Whether the main navigation is shown: not before a first check, not over an emergency result. */
export function showNavigation(latest: Disposition | null): boolean {
  return latest !== null && latest !== 'emergency';
}
