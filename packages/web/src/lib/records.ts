/**
 * The person's records, local first: the episode, their checks (triage), diary entries and session logs live in
 * IndexedDB and in signals the screens read. Every change is stored together with its outbox write in one
 * transaction; the outbox sends it. When online, the lists are refreshed from the server and merged with the
 * writes still waiting, so the screen shows both what the server has and what is on its way.
 */
import { computed, signal } from '@preact/signals';
import type {
  DiaryEntry,
  DiaryEntryInput,
  EpisodeInput,
  PartialAnswers,
  Preferences,
  QuestionId,
  SessionLog,
  SessionLogInput,
  TriageResult,
} from '@unknot/core';
import { addDays } from '@unknot/core';
// Record ids are UUIDv7s made here, on the device, so a write can be retried with the same id until the server has
// it. uuid writes them in lower case, the only case the server accepts.
import { v7 } from 'uuid';
import { deviceTimeZone, localToday } from './dates.ts';
import { kvStore, outboxStore, requestResult, transact } from './idb.ts';
import {
  addOps,
  loadOutbox,
  makeOp,
  onSynced,
  outbox,
  requestSync,
  withoutSync,
  type NewOp,
  type OutboxOp,
} from './outbox.ts';

const api = '/api/v1';

/** The episode as this device knows it. */
export interface LocalEpisode extends EpisodeInput {
  /** Whether the one-time preferences question has been asked. */
  preferencesAsked: boolean;
}

/** One run of the check. `complete` is false when it stopped early at a certain emergency. */
export interface CheckRecord {
  id: string;
  at: string;
  answers: PartialAnswers;
  result: TriageResult;
  /** Questions answered "not sure", submitted as the more cautious value. */
  unsure: QuestionId[];
  complete: boolean;
}

export const ready = signal(false);
export const episode = signal<LocalEpisode | null>(null);
export const checks = signal<CheckRecord[]>([]);
export const diary = signal<DiaryEntry[]>([]);
export const sessions = signal<SessionLog[]>([]);
/** Protocols whose caveat (display note) the person has acknowledged, for `after_caveat` timers. */
export const caveatsAcknowledged = signal<string[]>([]);

/** The most recent check: it decides what the app may show (see gate.ts). */
export const latestCheck = computed<CheckRecord | null>(() => checks.value.at(-1) ?? null);
export const pendingCount = computed(() => outbox.value.filter((o) => o.status === 'pending').length);
export const failedOps = computed(() => outbox.value.filter((o) => o.status === 'failed'));

const keys = {
  episode: 'episode',
  checks: 'checks',
  diary: 'diary',
  sessions: 'sessions',
  caveats: 'caveats',
} as const;

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

const byTime = <T extends { at: string; id: string }>(a: T, b: T): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export async function loadRecords(): Promise<void> {
  const [ep, cs, ds, ss, cv] = await transact([kvStore], 'readonly', (tx) => {
    const store = tx.objectStore(kvStore);
    return Promise.all([
      requestResult(store.get(keys.episode) as IDBRequest<LocalEpisode | undefined>),
      requestResult(store.get(keys.checks) as IDBRequest<CheckRecord[] | undefined>),
      requestResult(store.get(keys.diary) as IDBRequest<DiaryEntry[] | undefined>),
      requestResult(store.get(keys.sessions) as IDBRequest<SessionLog[] | undefined>),
      requestResult(store.get(keys.caveats) as IDBRequest<string[] | undefined>),
    ]);
  });
  episode.value = ep ?? null;
  checks.value = cs ?? [];
  diary.value = ds ?? [];
  sessions.value = ss ?? [];
  caveatsAcknowledged.value = cv ?? [];
  await loadOutbox();
  ready.value = true;
}

/** Stores values in the key-value store and queues their writes, in one transaction; then starts sending. */
async function commit(values: Partial<Record<keyof typeof keys, unknown>>, ops: NewOp[]): Promise<void> {
  await transact([kvStore, 'outbox'], 'readwrite', (tx) => {
    const store = tx.objectStore(kvStore);
    for (const [key, value] of Object.entries(values)) store.put(value, keys[key as keyof typeof keys]);
    addOps(tx, ops.map(makeOp));
  });
  markStarted();
  await loadOutbox();
  void requestSync();
}

function episodeFromAnswers(answers: PartialAnswers, today: string): LocalEpisode | null {
  const { days_since_onset: days, location, trigger, known_conditions: conditions } = answers;
  if (days === undefined || location === undefined || trigger === undefined || conditions === undefined) {
    return null;
  }
  return {
    id: v7(),
    onsetDate: addDays(today, -days),
    timeZone: deviceTimeZone(),
    location,
    trigger,
    knownConditions: conditions.filter((c) => c !== 'none'),
    preferences: {},
    preferencesAsked: false,
  };
}

const episodeBody = (ep: LocalEpisode): EpisodeInput => {
  const { preferencesAsked: _asked, ...body } = ep;
  return body;
};

/**
 * Records a finished check. A complete one makes the episode (the first time) and is sent as an assessment;
 * the server recomputes the result with the same engine. One that stopped early at a certain emergency cannot be
 * sent (the API takes complete answers only) and stays on this device.
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
  const values: Partial<Record<keyof typeof keys, unknown>> = { checks: [...checks.value, check] };
  const ops: NewOp[] = [];
  let ep = episode.value;
  if (complete) {
    if (!ep) {
      ep = episodeFromAnswers(answers, localToday());
      if (ep) {
        values.episode = ep;
        ops.push({
          method: 'POST',
          path: `${api}/episodes`,
          body: episodeBody(ep),
          kind: 'episode',
          recordId: ep.id,
        });
      }
    }
    if (ep) {
      ops.push({
        method: 'POST',
        path: `${api}/episodes/${ep.id}/assessments`,
        body: { id: check.id, at: check.at, answers },
        kind: 'assessment',
        recordId: check.id,
      });
    }
  }
  await commit(values, ops);
  episode.value = ep;
  checks.value = values.checks as CheckRecord[];
  return check;
}

export async function savePreferences(preferences: Preferences): Promise<void> {
  const ep = episode.value;
  if (!ep) return;
  const next: LocalEpisode = { ...ep, preferences, preferencesAsked: true };
  await commit({ episode: next }, [
    {
      method: 'PATCH',
      path: `${api}/episodes/${ep.id}`,
      body: { preferences },
      kind: 'episode',
      recordId: ep.id,
    },
  ]);
  episode.value = next;
}

/** A diary entry as the form produces it (no id yet for a new one). */
export type DiaryDraft = Omit<DiaryEntryInput, 'id'>;

export async function addDiaryEntry(draft: DiaryDraft): Promise<DiaryEntry | null> {
  const ep = episode.value;
  if (!ep) return null;
  const entry: DiaryEntry = { ...draft, id: v7(), episodeId: ep.id };
  const next = [...diary.value, entry].sort(byTime);
  const body: DiaryEntryInput = { ...draft, id: entry.id };
  await commit({ diary: next }, [
    { method: 'POST', path: `${api}/episodes/${ep.id}/diary`, body, kind: 'diary', recordId: entry.id },
  ]);
  diary.value = next;
  return entry;
}

export async function updateDiaryEntry(id: string, draft: DiaryDraft): Promise<void> {
  const ep = episode.value;
  if (!ep) return;
  const entry: DiaryEntry = { ...draft, id, episodeId: ep.id };
  const next = [...diary.value.filter((e) => e.id !== id), entry].sort(byTime);
  await commit({ diary: next }, [
    { method: 'PUT', path: `${api}/episodes/${ep.id}/diary/${id}`, body: draft, kind: 'diary', recordId: id },
  ]);
  diary.value = next;
}

export async function deleteDiaryEntry(id: string): Promise<void> {
  const ep = episode.value;
  if (!ep) return;
  const next = diary.value.filter((e) => e.id !== id);
  await commit({ diary: next }, [
    { method: 'DELETE', path: `${api}/episodes/${ep.id}/diary/${id}`, kind: 'diary', recordId: id },
  ]);
  diary.value = next;
}

export async function addSessionLog(log: Omit<SessionLogInput, 'id'>): Promise<void> {
  const ep = episode.value;
  if (!ep) return;
  const record: SessionLog = { ...log, id: v7({ msecs: Date.parse(log.startedAt) }), episodeId: ep.id };
  const body: SessionLogInput = { ...log, id: record.id };
  const next = [...sessions.value, record].sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
  await commit({ sessions: next }, [
    { method: 'POST', path: `${api}/episodes/${ep.id}/sessions`, body, kind: 'session', recordId: record.id },
  ]);
  sessions.value = next;
}

export async function acknowledgeCaveat(protocolId: string): Promise<void> {
  if (caveatsAcknowledged.value.includes(protocolId)) return;
  const next = [...caveatsAcknowledged.value, protocolId];
  await commit({ caveats: next }, []);
  caveatsAcknowledged.value = next;
}

// ---- Reading back from the server ----------------------------------------------------------------------------

async function getJson<T>(path: string): Promise<T | null> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Applies the diary writes still waiting in the outbox on top of the server's list. */
export function mergeDiary(
  server: readonly DiaryEntry[],
  pending: readonly OutboxOp[],
  episodeId: string,
): DiaryEntry[] {
  const byId = new Map(server.map((e) => [e.id, e]));
  for (const op of pending) {
    if (op.kind !== 'diary') continue;
    if (op.method === 'DELETE') byId.delete(op.recordId);
    else byId.set(op.recordId, { ...(op.body as DiaryDraft), id: op.recordId, episodeId });
  }
  return [...byId.values()].sort(byTime);
}

async function refreshFromServer(): Promise<void> {
  const ep = episode.value;
  if (!ep || !navigator.onLine) return;
  const items: DiaryEntry[] = [];
  let cursor: string | null = null;
  do {
    const query: string =
      cursor === null ? '?limit=1000' : `?limit=1000&cursor=${encodeURIComponent(cursor)}`;
    const page: { items: DiaryEntry[]; nextCursor: string | null } | null = await getJson(
      `${api}/episodes/${ep.id}/diary${query}`,
    );
    if (!page) return; // The server does not know this episode (yet): keep the local copy.
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  const serverSessions = (await getJson<SessionLog[]>(`${api}/episodes/${ep.id}/sessions`)) ?? [];
  const waiting = outbox.value;
  const mergedDiary = mergeDiary(items, waiting, ep.id);
  const sessionIds = new Set(serverSessions.map((s) => s.id));
  const mergedSessions = [
    ...serverSessions,
    ...sessions.value.filter((s) => !sessionIds.has(s.id) && waiting.some((o) => o.recordId === s.id)),
  ].sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
  await transact([kvStore], 'readwrite', (tx) => {
    const store = tx.objectStore(kvStore);
    store.put(mergedDiary, keys.diary);
    store.put(mergedSessions, keys.sessions);
  });
  diary.value = mergedDiary;
  sessions.value = mergedSessions;
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

/**
 * Erases the person's records: first on the server (`DELETE /api/v1/data`), then, only once that succeeded,
 * on this device — both IndexedDB stores (the outbox too: writes still waiting would bring records back), the
 * app's Web Storage keys and what the modules hold in memory. Runs while no write is being sent.
 */
export function forgetEverything(): Promise<ForgetOutcome> {
  return withoutSync(async (): Promise<ForgetOutcome> => {
    let response: Response | null = null;
    try {
      response = await fetch(`${api}/data`, { method: 'DELETE' });
    } catch {
      // The server could not be reached.
    }
    if (!response?.ok) return { ok: false, where: 'server', status: response?.status ?? null };
    try {
      await transact([kvStore, outboxStore], 'readwrite', (tx) => {
        tx.objectStore(kvStore).clear();
        tx.objectStore(outboxStore).clear();
      });
    } catch {
      return { ok: false, where: 'device' };
    }
    try {
      clearStorage(localStorage);
      clearStorage(sessionStorage);
    } catch {
      // No Web Storage here: nothing was kept in it.
    }
    episode.value = null;
    checks.value = [];
    diary.value = [];
    sessions.value = [];
    caveatsAcknowledged.value = [];
    outbox.value = [];
    for (const reset of forgetters) reset();
    otherTabs?.postMessage(null);
    return { ok: true };
  });
}

export function startRecords(): void {
  onSynced(refreshFromServer);
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
