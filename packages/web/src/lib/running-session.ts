/**
 * The session being run, kept in localStorage rather than sessionStorage: a second tab, or the app opened again
 * after the phone killed it, finds the same run and resumes it from its absolute start time (core's session state
 * is computed from timestamps, so nothing is lost while no tab was open). Synchronous storage on purpose: the
 * player's first render must already show the resumed step, not a fresh "Start" for a moment. Keys start with
 * `unknot.`, so "Delete everything" clears them with the rest.
 */
import type { SessionEvent } from '@unknot/core';

export interface Run {
  events: SessionEvent[];
  painBefore: number | null;
  painAfter: number | null;
  /** Cue ids already played, so a reload or a late tick never plays one twice. */
  fired: string[];
  saved: boolean;
  /**
   * The id of this run's session log, made when it starts: the in-progress log and the final one are the same
   * record (PUT to the same id), so another device sees the session running and then done.
   */
  logId?: string;
}

export const emptyRun: Run = { events: [], painBefore: null, painAfter: null, fired: [], saved: false };
const runKey = (id: string): string => `unknot.session.${id}`;
/** Which protocol has a started, unsaved run, for Today's "session in progress". */
const currentKey = 'unknot.session-running';

export function loadRun(id: string): Run {
  try {
    const raw = localStorage.getItem(runKey(id));
    if (raw) return { ...emptyRun, ...(JSON.parse(raw) as Partial<Run>) };
  } catch {
    // A fresh session.
  }
  return emptyRun;
}

/** Keeps `run` (null or saved: forgets it). A started run becomes the one Today points back to. */
export function storeRun(id: string, run: Run | null): void {
  try {
    if (run === null || run.saved) {
      localStorage.removeItem(runKey(id));
      if (localStorage.getItem(currentKey) === id) localStorage.removeItem(currentKey);
      return;
    }
    localStorage.setItem(runKey(id), JSON.stringify(run));
    if (run.events.some((e) => e.type === 'start')) localStorage.setItem(currentKey, id);
  } catch {
    // The session still runs; it just does not survive a reload.
  }
}

/** The protocol id of a session started and not yet logged, if any. */
export function runningSessionId(): string | null {
  try {
    const id = localStorage.getItem(currentKey);
    return id !== null && loadRun(id).events.some((e) => e.type === 'start') ? id : null;
  } catch {
    return null;
  }
}
