/**
 * The person's records, local first (docs/sync.md). Every record kind — episodes with their preferences,
 * checks (assessments, early-stopped emergencies included), diary entries, check-ins, session logs (in progress
 * too), and in clinic mode the assigned programme and the weekly PEG — lives in IndexedDB and in the signals the
 * screens read. A write is stored together with its outbox entry in one transaction; the outbox sends it; after
 * every round of sending, the change feed is pulled from the cursor kept here and applied (changes.ts, sync.ts),
 * so what another browser or the CLI recorded appears here too.
 *
 * The screens see the current episode (the newest one) and what belongs to it.
 */
import { computed, signal } from '@preact/signals';
import type {
  CheckInRecord,
  DiaryEntry,
  DiaryEntryInput,
  Episode,
  EpisodeInput,
  PartialAnswers,
  PegInput,
  Preferences,
  QuestionId,
  SessionLog,
  SessionLogInput,
  TriageResult,
} from '@unknot/core';
import { addDays } from '@unknot/core';
// Record ids are UUIDv7s made here, on the device, so a write can be retried with the same id until the server has
// it, and two devices never make the same one. uuid writes them in lower case, the only case the server accepts.
import { v7 } from 'uuid';
import { apiBase, apiFetch } from './api.ts';
import {
  currentEpisode,
  emptyState,
  sortChecks,
  sortDiary,
  sortSessions,
  upsert,
  versionKey,
  type AssignedProgramme,
  type CheckRecord,
  type LocalEpisode,
  type LocalState,
  type PegRecord,
} from './changes.ts';
import { deviceTimeZone, localToday } from './dates.ts';
import { kvStore, outboxStore, requestResult, transact } from './idb.ts';
import {
  addOps,
  loadOutbox,
  makeOp,
  onSynced,
  outbox,
  requestSync,
  versionHooks,
  withoutSync,
  type NewOp,
  type OutboxOp,
} from './outbox.ts';
import { pullChanges } from './sync.ts';

export type { AssignedProgramme, CheckRecord, LocalEpisode, PegRecord } from './changes.ts';
export { requestSync } from './outbox.ts';

const api = apiBase;

export const ready = signal(false);
/** Every episode on this device, deleted ones excepted. */
export const episodes = signal<LocalEpisode[]>([]);
/** The current episode: the newest one, wherever it was made. */
export const episode = signal<LocalEpisode | null>(null);
/** The checks of the current episode, and early emergencies not yet under any episode; oldest first. */
export const checks = signal<CheckRecord[]>([]);
export const diary = signal<DiaryEntry[]>([]);
/** Session logs of the current episode, those still in progress (on any device) included. */
export const sessions = signal<SessionLog[]>([]);
export const checkIns = signal<CheckInRecord[]>([]);
/** The programme a clinician assigned (clinic mode), or null. */
export const programme = signal<AssignedProgramme | null>(null);
/** Weekly PEG scores (clinic mode), oldest first. */
export const pegScores = signal<PegRecord[]>([]);
/** Protocols whose caveat (display note) the person has acknowledged, for `after_caveat` timers. Device only. */
export const caveatsAcknowledged = signal<string[]>([]);

/** A copy of a record that a later write replaced, as `GET /api/v1/episodes/:id/history` lists it. */
export interface HistoryItem {
  kind: string;
  id: string;
  version: number;
  record: unknown;
  replacedAt: string;
  conflicted: boolean;
}

/**
 * The copies that lost a conflict (written on two devices, the later write won) and whose record has not been
 * edited since: one per record, for the current episode. The diary edit screen offers to restore them.
 */
export const conflicts = signal<HistoryItem[]>([]);

/** The most recent check: it decides what the app may show (see gate.ts). */
export const latestCheck = computed<CheckRecord | null>(() => checks.value.at(-1) ?? null);
export const pendingCount = computed(() => outbox.value.filter((o) => o.status === 'pending').length);
export const failedOps = computed(() => outbox.value.filter((o) => o.status === 'failed'));

/** The local copy; the signals above are views of it (see `publish`). */
let local: LocalState = emptyState();
let cursor: string | null = null;
/** Records written here whose outbox entries are being stored, before `outbox` lists them. */
const inFlight = new Set<string>();

const stateKeys = [
  'episodes',
  'checks',
  'diary',
  'sessions',
  'checkIns',
  'programme',
  'peg',
  'versions',
  'conflicted',
] as const satisfies readonly (keyof LocalState)[];
const cursorKey = 'cursor';
const caveatsKey = 'caveats';
/** Before sync, the app kept one episode under this key. */
const legacyEpisodeKey = 'episode';

const firstVisitKey = 'unknot.started';

/** Synchronous hint for the very first paint: has this browser used the app before? */
export function startedBefore(): boolean {
  try {
    return localStorage.getItem(firstVisitKey) !== null;
  } catch {
    return false;
  }
}

function markStarted(): void {
  try {
    localStorage.setItem(firstVisitKey, '1');
  } catch {
    // Private mode without storage: the welcome shows again next time, which is harmless.
  }
}

/** Sets the signals from the local copy: the current episode and what belongs to it. */
function publish(): void {
  const ep = currentEpisode(local.episodes);
  const mine = <T extends { episodeId?: string | undefined }>(list: T[]): T[] =>
    ep === null ? [] : list.filter((r) => r.episodeId === ep.id);
  episodes.value = local.episodes;
  episode.value = ep;
  checks.value = local.checks.filter((c) => c.episodeId === undefined || c.episodeId === ep?.id);
  diary.value = mine(local.diary);
  sessions.value = mine(local.sessions);
  checkIns.value = mine(local.checkIns);
  programme.value = local.programme;
  pegScores.value = local.peg;
}

export async function loadRecords(): Promise<void> {
  const stored = await transact([kvStore], 'readonly', (tx) => {
    const store = tx.objectStore(kvStore);
    const get = (key: string) => requestResult(store.get(key) as IDBRequest<unknown>);
    return Promise.all([...stateKeys, cursorKey, caveatsKey, legacyEpisodeKey].map(get));
  });
  const next = emptyState() as unknown as Record<string, unknown>;
  stateKeys.forEach((key, i) => {
    if (stored[i] !== undefined) next[key] = stored[i];
  });
  local = next as unknown as LocalState;
  const legacy = stored[stateKeys.length + 2] as LocalEpisode | undefined;
  if (legacy && local.episodes.length === 0) {
    // Records kept before sync: one episode, and checks without an episode id (the complete ones were sent).
    local.episodes = [legacy];
    local.checks = local.checks.map((c) => (c.complete && !c.episodeId ? { ...c, episodeId: legacy.id } : c));
  }
  cursor = (stored[stateKeys.length] as string | undefined) ?? null;
  caveatsAcknowledged.value = (stored[stateKeys.length + 1] as string[] | undefined) ?? [];
  publish();
  await loadOutbox();
  ready.value = true;
}

/** Puts the parts of `next` that differ from `prev` (all of it without `prev`) in the key-value store. */
function storeState(tx: IDBTransaction, prev: LocalState | null, next: LocalState): void {
  const store = tx.objectStore(kvStore);
  for (const key of stateKeys) if (prev?.[key] !== next[key]) store.put(next[key], key);
}

/**
 * Makes `next` the local copy and stores it with its writes in one transaction, then starts sending. A PUT
 * replaces a PUT of the same record still waiting (a session's progress, the same entry edited twice offline):
 * only the newest copy needs to reach the server.
 */
async function commit(next: LocalState, ops: NewOp[]): Promise<void> {
  const prev = local;
  local = next;
  publish();
  for (const op of ops) inFlight.add(op.recordId);
  const superseded = outbox.value.filter(
    (o) =>
      o.status === 'pending' &&
      o.method === 'PUT' &&
      o.seq !== undefined &&
      ops.some((op) => op.method === 'PUT' && op.recordId === o.recordId),
  );
  try {
    await transact([kvStore, outboxStore], 'readwrite', (tx) => {
      storeState(tx, prev, next);
      for (const o of superseded) tx.objectStore(outboxStore).delete(o.seq as number);
      addOps(tx, ops.map(makeOp));
    });
    markStarted();
    await loadOutbox();
  } finally {
    for (const op of ops) inFlight.delete(op.recordId);
  }
  void requestSync();
}

function episodeFromAnswers(answers: PartialAnswers, today: string): LocalEpisode | null {
  const { days_since_onset: days, location, trigger, known_conditions: conditions } = answers;
  if (days === undefined || location === undefined || trigger === undefined) return null;
  return {
    id: v7(),
    onsetDate: addDays(today, -days),
    timeZone: deviceTimeZone(),
    location,
    trigger,
    // An early stop may come before the last question: no conditions named yet is an empty list, as "none" is.
    knownConditions: (conditions ?? []).filter((c) => c !== 'none'),
    preferences: {},
    preferencesAsked: false,
  };
}

const episodeBody = (ep: LocalEpisode): EpisodeInput => ({
  id: ep.id,
  onsetDate: ep.onsetDate,
  timeZone: ep.timeZone,
  location: ep.location,
  trigger: ep.trigger,
  knownConditions: ep.knownConditions,
  preferences: ep.preferences,
});

const assessmentOp = (check: CheckRecord, episodeId: string): NewOp => ({
  method: 'POST',
  path: `${api}/episodes/${episodeId}/assessments`,
  body: {
    id: check.id,
    at: check.at,
    answers: check.answers,
    ...(check.complete ? {} : { complete: false }),
    ...(check.unsure.length > 0 ? { unsure: check.unsure } : {}),
  },
  kind: 'assessment',
  recordId: check.id,
});

/**
 * Records a finished check. The first check makes the episode (a complete one always can; one stopped early at a
 * certain emergency when the onset, the place and the trigger were already answered) and every check is sent as
 * an assessment (an early stop with `complete: false`); the server recomputes the result with the same engine.
 * An early emergency found before there is any episode stays on this device until the next check makes one,
 * and is then sent under it: an episode cannot be made up from answers not given.
 */
export async function saveCheck(
  answers: PartialAnswers,
  result: TriageResult,
  unsure: QuestionId[],
  complete: boolean,
): Promise<CheckRecord> {
  const now = new Date();
  const check: CheckRecord = {
    id: v7({ msecs: now.getTime() }),
    at: now.toISOString(),
    answers,
    result,
    unsure,
    complete,
  };
  const ops: NewOp[] = [];
  let ep = episode.value;
  let eps = local.episodes;
  if (!ep) {
    ep = episodeFromAnswers(answers, localToday());
    if (ep) {
      eps = [...eps, ep];
      ops.push({
        method: 'POST',
        path: `${api}/episodes`,
        body: episodeBody(ep),
        kind: 'episode',
        recordId: ep.id,
      });
    }
  }
  let all = [...local.checks, check];
  if (ep) {
    const episodeId = ep.id;
    all = all.map((c) => {
      if (c.episodeId !== undefined) return c;
      ops.push(assessmentOp(c, episodeId));
      return { ...c, episodeId };
    });
  }
  await commit({ ...local, episodes: eps, checks: sortChecks(all) }, ops);
  return all.find((c) => c.id === check.id) ?? check;
}

const episodeOp = (ep: LocalEpisode, body: unknown): NewOp => ({
  method: 'PATCH',
  path: `${api}/episodes/${ep.id}`,
  body,
  kind: 'episode',
  recordId: ep.id,
});

export async function savePreferences(preferences: Preferences): Promise<void> {
  const ep = episode.value;
  if (!ep) return;
  const next: LocalEpisode = { ...ep, preferences, preferencesAsked: true };
  await commit({ ...local, episodes: upsert(local.episodes, next) }, [episodeOp(ep, { preferences })]);
}

/** A diary entry as the form produces it (no id yet for a new one). */
export type DiaryDraft = Omit<DiaryEntryInput, 'id'>;

export async function addDiaryEntry(draft: DiaryDraft): Promise<DiaryEntry | null> {
  const ep = episode.value;
  if (!ep) return null;
  const entry: DiaryEntry = { ...draft, id: v7(), episodeId: ep.id };
  const body: DiaryEntryInput = { ...draft, id: entry.id };
  await commit({ ...local, diary: sortDiary(upsert(local.diary, entry)) }, [
    { method: 'POST', path: `${api}/episodes/${ep.id}/diary`, body, kind: 'diary', recordId: entry.id },
  ]);
  return entry;
}

export async function updateDiaryEntry(id: string, draft: DiaryDraft): Promise<void> {
  const ep = episode.value;
  if (!ep) return;
  const entry: DiaryEntry = { ...draft, id, episodeId: ep.id };
  await commit({ ...local, diary: sortDiary(upsert(local.diary, entry)) }, [
    { method: 'PUT', path: `${api}/episodes/${ep.id}/diary/${id}`, body: draft, kind: 'diary', recordId: id },
  ]);
}

export async function deleteDiaryEntry(id: string): Promise<void> {
  const ep = episode.value;
  if (!ep) return;
  await commit({ ...local, diary: local.diary.filter((e) => e.id !== id) }, [
    { method: 'DELETE', path: `${api}/episodes/${ep.id}/diary/${id}`, kind: 'diary', recordId: id },
  ]);
}

/** Stores a session log (a new one, its progress, or its end) and sends it with PUT: the same id every time. */
async function putSession(log: SessionLogInput): Promise<void> {
  const ep = episode.value;
  if (!ep) return;
  const record: SessionLog = { ...log, episodeId: ep.id };
  const { id: _id, ...body } = log; // the id is in the path
  await commit({ ...local, sessions: sortSessions(upsert(local.sessions, record)) }, [
    {
      method: 'PUT',
      path: `${api}/episodes/${ep.id}/sessions/${log.id}`,
      body,
      kind: 'session',
      recordId: log.id,
    },
  ]);
}

/** A session log's id, made from when it started (so logs sort by start even by id). */
export const sessionLogId = (startedAt: number): string => v7({ msecs: startedAt });

/**
 * A session has started (or moved to its next step): an in-progress log, so another device shows it running.
 * `endedAt` is when this was reported; `stepsCompleted` the steps done so far.
 */
export function startSession(log: Omit<SessionLogInput, 'inProgress'>): Promise<void> {
  return putSession({ ...log, inProgress: true });
}

/** The session has ended (finished or stopped): the final log, under the id its start was sent with. */
export function finishSession(log: Omit<SessionLogInput, 'inProgress'>): Promise<void> {
  return putSession(log);
}

/** A session logged in one go (no progress reported while it ran). */
export async function addSessionLog(log: Omit<SessionLogInput, 'id'>): Promise<void> {
  await finishSession({ ...log, id: sessionLogId(Date.parse(log.startedAt)) });
}

/**
 * The answer to "any warning signs since the last check?". A "yes" is also what makes core's escalations ask
 * for the check again at once (`triage_again_now`); the caller takes the person there.
 */
export async function addCheckIn(redFlagReported: boolean, note?: string): Promise<CheckInRecord | null> {
  const ep = episode.value;
  if (!ep) return null;
  const record: CheckInRecord = {
    id: v7(),
    episodeId: ep.id,
    at: new Date().toISOString(),
    redFlagReported,
    ...(note ? { note } : {}),
  };
  const { episodeId: _episode, ...body } = record;
  await commit({ ...local, checkIns: upsert(local.checkIns, record) }, [
    {
      method: 'POST',
      path: `${api}/episodes/${ep.id}/check-ins`,
      body,
      kind: 'check_in',
      recordId: record.id,
    },
  ]);
  return record;
}

/** This week's PEG (clinic mode): kept here and sent to the signed-in patient's record. */
export async function addPegScore(peg: PegInput): Promise<PegRecord> {
  const record: PegRecord = { ...peg, id: v7(), patientId: '', at: new Date().toISOString() };
  const { patientId: _patient, ...body } = record;
  await commit({ ...local, peg: upsert(local.peg, record) }, [
    { method: 'POST', path: `${api}/me/peg`, body, kind: 'peg', recordId: record.id },
  ]);
  return record;
}

export async function acknowledgeCaveat(protocolId: string): Promise<void> {
  if (caveatsAcknowledged.value.includes(protocolId)) return;
  const next = [...caveatsAcknowledged.value, protocolId];
  caveatsAcknowledged.value = next;
  await transact([kvStore], 'readwrite', (tx) => {
    tx.objectStore(kvStore).put(next, caveatsKey);
  });
  markStarted();
}

// ---- Versions and conflicts ------------------------------------------------------------------------------------

/** The version this device last saw of the record `op` edits. */
function baseVersion(op: OutboxOp): number | undefined {
  return local.versions[versionKey(op.kind, op.recordId)];
}

/**
 * An acknowledged write made the version named in `unknot-version`: the next edit of the same record is based on
 * it (the local copy already is that write).
 */
async function acknowledged(op: OutboxOp, response: Response): Promise<void> {
  const version = Number(response.headers.get('unknot-version'));
  if (!Number.isInteger(version) || version < 1 || op.method === 'DELETE') return;
  const key = versionKey(op.kind, op.recordId);
  const prev = local;
  local = { ...local, versions: { ...local.versions, [key]: version } };
  await transact([kvStore], 'readwrite', (tx) => {
    storeState(tx, prev, local);
  });
}

const episodeKinds: ReadonlySet<string> = new Set(['episode', 'assessment', 'diary', 'session', 'check_in']);
let conflictsSeen: string | null = null;

/**
 * Reads the current episode's history when a record of it is flagged `conflicted`, and keeps the copies that lost
 * (newest first, one per record). Read again only when the flags change.
 */
async function refreshConflicts(): Promise<void> {
  const ep = episode.value;
  const flagged = local.conflicted.filter((key) => episodeKinds.has(key.split(':')[0] ?? ''));
  const seen = `${ep?.id ?? ''}|${flagged.join(',')}`;
  if (seen === conflictsSeen) return;
  if (!ep || flagged.length === 0) {
    conflicts.value = [];
    conflictsSeen = seen;
    return;
  }
  const response = await apiFetch(`${api}/episodes/${ep.id}/history`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok) return;
  const { items } = (await response.json()) as { items: HistoryItem[] };
  const found = new Map<string, HistoryItem>();
  for (const item of items) {
    const key = versionKey(item.kind, item.id);
    if (item.conflicted && flagged.includes(key) && !found.has(key)) found.set(key, item);
  }
  conflicts.value = [...found.values()];
  conflictsSeen = seen;
}

/** The person keeps the version that won: the notice about the one that lost goes (on this device). */
export async function dismissConflict(item: HistoryItem): Promise<void> {
  const key = versionKey(item.kind, item.id);
  const prev = local;
  local = { ...local, conflicted: local.conflicted.filter((k) => k !== key) };
  conflicts.value = conflicts.value.filter((c) => versionKey(c.kind, c.id) !== key);
  await transact([kvStore], 'readwrite', (tx) => {
    storeState(tx, prev, local);
  });
}

/** Puts the copy that lost back, as a new edit (which every device then pulls, without a conflict). */
export async function restoreConflict(item: HistoryItem): Promise<void> {
  if (item.kind === 'diary') {
    const { id: _id, episodeId: _episode, ...draft } = item.record as DiaryEntry;
    await updateDiaryEntry(item.id, draft);
  } else if (item.kind === 'episode') {
    const ep = local.episodes.find((e) => e.id === item.id);
    const old = item.record as Episode;
    if (!ep) return;
    const fields = {
      onsetDate: old.onsetDate,
      timeZone: old.timeZone,
      location: old.location,
      trigger: old.trigger,
      knownConditions: old.knownConditions,
      preferences: old.preferences,
    };
    await commit({ ...local, episodes: upsert(local.episodes, { ...ep, ...fields }) }, [
      episodeOp(ep, fields),
    ]);
  }
  await dismissConflict(item);
}

// ---- Pulling -------------------------------------------------------------------------------------------------

const holdsNothing = (state: LocalState): boolean =>
  state.episodes.length === 0 &&
  state.checks.length === 0 &&
  state.diary.length === 0 &&
  state.sessions.length === 0 &&
  state.checkIns.length === 0 &&
  state.peg.length === 0 &&
  state.programme === null;

function pendingIds(): Set<string> {
  const ids = new Set(inFlight);
  for (const op of outbox.value) if (op.status === 'pending') ids.add(op.recordId);
  return ids;
}

/** Pulls the change feed and applies it (sync.ts); then the conflicts of the current episode. */
async function pull(): Promise<void> {
  const before = local;
  // A pull runs after the outbox drained: what is in it now either failed or was written during the pull.
  const waitingAtStart = new Set(outbox.value.map((o) => o.seq));
  const result = await pullChanges({
    fetch: (path) => apiFetch(path, { headers: { accept: 'application/json' } }),
    cursor: () => cursor,
    state: () => local,
    pending: pendingIds,
    save: async (next, nextCursor, erased) => {
      const prev = local;
      // An empty page (nothing changed since the cursor, the 30-second poll's usual answer) stores nothing.
      if (next === prev && nextCursor === cursor) return;
      local = next;
      cursor = nextCursor;
      await transact([kvStore, outboxStore], 'readwrite', (tx) => {
        const store = tx.objectStore(kvStore);
        if (erased) {
          store.clear();
          for (const seq of waitingAtStart) if (seq !== undefined) tx.objectStore(outboxStore).delete(seq);
        }
        if (holdsNothing(next)) {
          // Nothing recorded (a new browser on an erased server, or everything erased): leave no trace, not even
          // a cursor; the next pull reads the feed from the start, which is then one `erase` at most.
          for (const key of [...stateKeys, cursorKey]) store.delete(key);
          return;
        }
        storeState(tx, erased ? null : prev, next);
        store.put(nextCursor, cursorKey);
      });
    },
  });
  if (result.erased) {
    // Erased on another device: what this one keeps outside the records goes too, as after "Delete everything".
    clearDeviceStorage();
    caveatsAcknowledged.value = [];
    for (const reset of forgetters) reset();
    await loadOutbox();
  }
  if (local !== before) {
    if (local.episodes.length > 0) markStarted();
    publish();
  }
  await refreshConflicts();
}

// ---- Forgetting everything -----------------------------------------------------------------------------------

/**
 * How erasing ended: `server` when the server did not erase (then nothing was touched), `device` when it did
 * but this browser's copy could not be cleared (trying again is safe: erasing twice is the same as once).
 */
export type ForgetOutcome =
  { ok: true } | { ok: false; where: 'server'; status: number | null } | { ok: false; where: 'device' };

// Every key the app writes to Web Storage starts with this (session runs have one per protocol).
const storagePrefix = 'unknot.';
/** Tells the app's other tabs that everything was erased (a channel never hears its own messages). */
let otherTabs: BroadcastChannel | undefined;
const forgetters = new Set<() => void>();

/** Registers how a module resets what it holds in memory once everything has been erased. */
export function onForget(reset: () => void): void {
  forgetters.add(reset);
}

function clearStorage(storage: Storage): void {
  for (const key of Object.keys(storage)) if (key.startsWith(storagePrefix)) storage.removeItem(key);
}

function clearDeviceStorage(): void {
  try {
    clearStorage(localStorage);
    clearStorage(sessionStorage);
  } catch {
    // No Web Storage here: nothing was kept in it.
  }
}

/**
 * Forgets this device's copy: both IndexedDB stores (the outbox too: writes still waiting would bring records
 * back; the cursor too: the next pull starts from the beginning), the app's Web Storage keys, what the modules
 * hold in memory, and what the app's other tabs show (they reload). Throws, having touched nothing else, when
 * IndexedDB cannot be cleared.
 */
async function clearDevice(): Promise<void> {
  await transact([kvStore, outboxStore], 'readwrite', (tx) => {
    tx.objectStore(kvStore).clear();
    tx.objectStore(outboxStore).clear();
  });
  clearDeviceStorage();
  local = emptyState();
  cursor = null;
  conflictsSeen = null;
  conflicts.value = [];
  publish();
  caveatsAcknowledged.value = [];
  outbox.value = [];
  for (const reset of forgetters) reset();
  otherTabs?.postMessage(null);
}

/**
 * Erases the person's records: first on the server (`DELETE /api/v1/data`), then, only once that succeeded,
 * on this device (`clearDevice`). Runs while no write is being sent.
 */
export function forgetEverything(): Promise<ForgetOutcome> {
  return withoutSync(async (): Promise<ForgetOutcome> => {
    let response: Response | null = null;
    try {
      response = await apiFetch(`${api}/data`, { method: 'DELETE' });
    } catch {
      // The server could not be reached.
    }
    if (!response?.ok) return { ok: false, where: 'server', status: response?.status ?? null };
    try {
      await clearDevice();
    } catch {
      return { ok: false, where: 'device' };
    }
    return { ok: true };
  });
}

/**
 * Forgets this device's copy of the records without asking the server for anything (clinic mode, signing out on
 * a shared device: the next person must not see them; the server keeps them). Writes not yet sent are lost with
 * it. Runs while no write is being sent.
 */
export function clearLocalRecords(): Promise<void> {
  return withoutSync(clearDevice);
}

export function startRecords(): void {
  versionHooks.baseVersion = baseVersion;
  versionHooks.acknowledged = acknowledged;
  onSynced(pull);
  // Another tab erased everything: this one must not keep showing, or write back, what it still holds.
  if (typeof BroadcastChannel !== 'undefined') {
    otherTabs = new BroadcastChannel('unknot-forgotten');
    otherTabs.onmessage = () => {
      location.reload();
    };
  }
}

/** Days since onset today, in the episode's own time zone. */
export function episodeDay(
  ep: Pick<EpisodeInput, 'onsetDate' | 'timeZone'>,
  today = localToday(ep.timeZone),
): number {
  return Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${ep.onsetDate}T00:00:00Z`)) / 86_400_000,
  );
}
