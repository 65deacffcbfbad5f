/**
 * What the latest check allows (triage.md §1, knowledge-base.md §1.7 and §5): after an `emergency` or `urgent`
 * result the plan, today's items and every timer are replaced by the result screen; after an `emergency` the
 * rest of the app is too, so nothing slows the person down. Nothing that builds on the check opens before one.
 */
import type { Disposition } from '@unknot/core';

export type Area = 'open' | 'care' | 'records';

/** Which area a path belongs to: `care` needs a safe check (home, plan, sessions), `records` diary and summary. */
export function areaOf(path: string): Area {
  if (path === '/plan' || path.startsWith('/session/') || path === '/preferences') return 'care';
  if (path.startsWith('/diary') || path === '/summary') return 'records';
  return 'open';
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
