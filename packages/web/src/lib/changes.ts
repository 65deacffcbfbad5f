/**
 * The local copy of the person's records and how a page of the server's change feed (`GET /api/v1/changes`,
 * docs/sync.md) is applied to it. Pure functions over plain data: no IndexedDB, no signals, so every rule is
 * tested on its own (changes.test.ts).
 *
 * The rules:
 * - A change replaces the local copy of its record (`put`) or removes it (`delete`), and the version it carries
 *   becomes the version this device has seen (sent back as `unknot-base-version` on the next edit).
 * - A record with a write still waiting in the outbox keeps its local copy and its old version: that write is
 *   newer than anything the server had when the page was read, and once it is sent the next pull brings the
 *   server's copy of it. Keeping the old version means that, if someone else's edit did come in between, the
 *   server sees a base it has moved past and keeps their copy in the history as a conflict.
 * - A deleted episode takes its children with it (the server leaves one tombstone for the whole episode).
 * - `erase` (everything was deleted on the server, from any device) empties the local copy.
 */
import type {
  CheckInRecord,
  DiaryEntry,
  Episode,
  EpisodeInput,
  PartialAnswers,
  ProgrammeItemInput,
  QuestionId,
  SessionLog,
  TriageResult,
} from '@unknot/core';

/** The episode as this device knows it. */
export interface LocalEpisode extends EpisodeInput {
  /** Whether the one-time preferences question has been asked (on this device, or answered anywhere). */
  preferencesAsked: boolean;
  status?: Episode['status'];
  /** Set once the server has it; a new episode made here has none until the feed brings it back. */
  createdAt?: string;
}

/**
 * One run of the check (an assessment). `complete` is false when it stopped early at a certain emergency.
 * `episodeId` is absent only for an early emergency found before any episode existed: it stays on this device
 * until the first episode is made here, then it is sent under that episode.
 */
export interface CheckRecord {
  id: string;
  episodeId?: string;
  at: string;
  answers: PartialAnswers;
  result: TriageResult;
  /** Questions answered "not sure", submitted as the more cautious value. */
  unsure: QuestionId[];
  complete: boolean;
}

/** The home programme a clinician assigned (clinic mode), as `GET /api/v1/me/programme` gives it. */
export interface AssignedProgramme {
  id: string;
  patientId: string;
  clinicianId: string;
  createdAt: string;
  items: ProgrammeItemInput[];
  note?: string;
}

/** A weekly PEG (clinic mode), as `/api/v1/me/peg` gives it. */
export interface PegRecord {
  id: string;
  /** Empty until the server has it (it fills it in from the signed-in patient). */
  patientId: string;
  at: string;
  pain: number;
  enjoyment: number;
  activity: number;
}

export type ChangeKind =
  'episode' | 'assessment' | 'diary' | 'check_in' | 'session' | 'programme' | 'peg' | 'erase';

/** One entry of the change feed. */
export interface Change {
  kind: ChangeKind;
  id: string;
  episodeId: string | null;
  op: 'put' | 'delete';
  version: number;
  record: unknown;
  conflicted: boolean;
}

export interface ChangesPage {
  changes: Change[];
  cursor: string;
  more: boolean;
}

export interface LocalState {
  episodes: LocalEpisode[];
  checks: CheckRecord[];
  diary: DiaryEntry[];
  sessions: SessionLog[];
  checkIns: CheckInRecord[];
  programme: AssignedProgramme | null;
  peg: PegRecord[];
  /** The version last seen of each record, by `versionKey`. */
  versions: Record<string, number>;
  /** Records whose current version replaced one its writer had not seen (`conflicted`), by `versionKey`. */
  conflicted: string[];
}

export const emptyState = (): LocalState => ({
  episodes: [],
  checks: [],
  diary: [],
  sessions: [],
  checkIns: [],
  programme: null,
  peg: [],
  versions: {},
  conflicted: [],
});

export const versionKey = (kind: string, id: string): string => `${kind}:${id}`;

const byAt = <T extends { at: string; id: string }>(a: T, b: T): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const byStart = (a: SessionLog, b: SessionLog): number =>
  a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1;

export const sortDiary = (list: DiaryEntry[]): DiaryEntry[] => list.sort(byAt);
export const sortChecks = (list: CheckRecord[]): CheckRecord[] => list.sort(byAt);
export const sortSessions = (list: SessionLog[]): SessionLog[] => list.sort(byStart);

/** `list` with `item` in place of the one with its id (or added). */
export function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  return [...list.filter((x) => x.id !== item.id), item];
}

/** Milliseconds since the epoch in a UUIDv7 (its first 48 bits), or 0 for any other id. */
export function uuidTime(id: string): number {
  const hex = id.replaceAll('-', '').slice(0, 12);
  return /^[0-9a-f]{12}$/i.test(hex) && id[14] === '7' ? Number.parseInt(hex, 16) : 0;
}

const episodeTime = (ep: LocalEpisode): number =>
  ep.createdAt === undefined ? uuidTime(ep.id) : Date.parse(ep.createdAt);

/**
 * The episode the app shows: the newest one (made here, in another browser or with the CLI). Deleted episodes
 * are not in the list at all.
 */
export function currentEpisode(episodes: readonly LocalEpisode[]): LocalEpisode | null {
  let newest: LocalEpisode | null = null;
  for (const ep of episodes) {
    if (
      newest === null ||
      episodeTime(ep) > episodeTime(newest) ||
      (episodeTime(ep) === episodeTime(newest) && ep.id > newest.id)
    )
      newest = ep;
  }
  return newest;
}

function toLocalEpisode(record: Episode, known: LocalEpisode | undefined): LocalEpisode {
  const { updatedAt: _updated, ...fields } = record;
  return {
    ...fields,
    // Answered preferences (anywhere) or the question already asked here: not asked again.
    preferencesAsked: (known?.preferencesAsked ?? false) || Object.keys(record.preferences).length > 0,
  };
}

interface AssessmentRecord {
  id: string;
  episodeId: string;
  at: string;
  answers: PartialAnswers;
  result: TriageResult;
  complete?: boolean;
  unsure?: string[];
}

function toCheck(record: AssessmentRecord): CheckRecord {
  return {
    id: record.id,
    episodeId: record.episodeId,
    at: record.at,
    answers: record.answers,
    result: record.result,
    unsure: (record.unsure ?? []) as QuestionId[],
    complete: record.complete ?? true,
  };
}

/** The programme record: the feed may carry it bare or wrapped the way `GET /me/programme` answers. */
function toProgramme(record: unknown): AssignedProgramme | null {
  if (record === null || typeof record !== 'object') return null;
  if ('programme' in record) return (record as { programme: AssignedProgramme | null }).programme;
  return record as AssignedProgramme;
}

/** Removes an episode and everything recorded under it, with their versions. */
function dropEpisode(state: LocalState, episodeId: string): LocalState {
  const gone = new Set<string>([versionKey('episode', episodeId)]);
  const keep = <T extends { id: string; episodeId?: string | undefined }>(kind: string, list: T[]): T[] =>
    list.filter((r) => {
      if (r.episodeId !== episodeId) return true;
      gone.add(versionKey(kind, r.id));
      return false;
    });
  const next: LocalState = {
    ...state,
    episodes: state.episodes.filter((e) => e.id !== episodeId),
    checks: keep('assessment', state.checks),
    diary: keep('diary', state.diary),
    sessions: keep('session', state.sessions),
    checkIns: keep('check_in', state.checkIns),
  };
  next.versions = Object.fromEntries(Object.entries(state.versions).filter(([key]) => !gone.has(key)));
  next.conflicted = state.conflicted.filter((key) => !gone.has(key));
  return next;
}

function putRecord(state: LocalState, change: Change): LocalState {
  const record = change.record;
  switch (change.kind) {
    case 'episode': {
      const known = state.episodes.find((e) => e.id === change.id);
      return { ...state, episodes: upsert(state.episodes, toLocalEpisode(record as Episode, known)) };
    }
    case 'assessment':
      return { ...state, checks: sortChecks(upsert(state.checks, toCheck(record as AssessmentRecord))) };
    case 'diary':
      return { ...state, diary: sortDiary(upsert(state.diary, record as DiaryEntry)) };
    case 'session':
      return { ...state, sessions: sortSessions(upsert(state.sessions, record as SessionLog)) };
    case 'check_in':
      return { ...state, checkIns: upsert(state.checkIns, record as CheckInRecord).sort(byAt) };
    case 'peg':
      return { ...state, peg: upsert(state.peg, record as PegRecord).sort(byAt) };
    case 'programme':
      return { ...state, programme: toProgramme(record) };
    case 'erase':
      return state;
  }
}

function deleteRecord(state: LocalState, change: Change): LocalState {
  const without = <T extends { id: string }>(list: T[]): T[] => list.filter((r) => r.id !== change.id);
  switch (change.kind) {
    case 'episode':
      return dropEpisode(state, change.id);
    case 'assessment':
      return { ...state, checks: without(state.checks) };
    case 'diary':
      return { ...state, diary: without(state.diary) };
    case 'session':
      return { ...state, sessions: without(state.sessions) };
    case 'check_in':
      return { ...state, checkIns: without(state.checkIns) };
    case 'peg':
      return { ...state, peg: without(state.peg) };
    case 'programme':
      return state.programme?.id === change.id ? { ...state, programme: null } : state;
    case 'erase':
      return emptyState();
  }
}

const knownKinds: ReadonlySet<string> = new Set<ChangeKind>([
  'episode',
  'assessment',
  'diary',
  'check_in',
  'session',
  'programme',
  'peg',
  'erase',
]);

/**
 * What an `erase` leaves. Pulling on from a cursor, nothing: the person erased everything (here or on another
 * device). Pulling from the start (`fromStart`: this device never pulled, or erased here and so forgot its
 * cursor), the erase only clears what earlier changes of the same pull brought: this device had read nothing
 * from before it, so what it holds was made after it — the writes still waiting, and the early emergencies
 * kept here until an episode exists.
 */
function eraseState(state: LocalState, pending: ReadonlySet<string>, fromStart: boolean): LocalState {
  const empty = emptyState();
  if (!fromStart) return empty;
  const keep = <T extends { id: string }>(list: T[]): T[] => list.filter((r) => pending.has(r.id));
  return {
    ...empty,
    episodes: keep(state.episodes),
    checks: state.checks.filter((c) => c.episodeId === undefined || pending.has(c.id)),
    diary: keep(state.diary),
    sessions: keep(state.sessions),
    checkIns: keep(state.checkIns),
    peg: keep(state.peg),
  };
}

export interface Applied {
  state: LocalState;
  /**
   * True when the page held an `erase` to act on in full (not `fromStart`): the outbox and what the device keeps
   * outside the records must be emptied too.
   */
  erased: boolean;
}

/**
 * Applies `changes` in feed order. `pending` holds the ids of records with a write still waiting here: those
 * are left as they are (see the module comment). A kind this version of the app does not know is skipped, so a
 * newer server does not stop an older app from syncing.
 */
export function applyChanges(
  state: LocalState,
  changes: readonly Change[],
  pending: ReadonlySet<string>,
  fromStart = false,
): Applied {
  if (changes.length === 0) return { state, erased: false };
  // Copied once, then updated in place: a page holds up to a thousand changes.
  let next: LocalState = { ...state, versions: { ...state.versions }, conflicted: [...state.conflicted] };
  let erased = false;
  for (const change of changes) {
    if (!knownKinds.has(change.kind)) continue;
    if (change.kind === 'erase') {
      next = eraseState(next, pending, fromStart);
      erased ||= !fromStart;
      continue;
    }
    if (pending.has(change.id)) continue;
    next = change.op === 'delete' ? deleteRecord(next, change) : putRecord(next, change);
    if (change.op === 'delete' && change.kind === 'episode') continue; // its version went with it
    const key = versionKey(change.kind, change.id);
    next.versions[key] = change.version;
    const flagged = next.conflicted.indexOf(key);
    if (change.conflicted && flagged === -1) next.conflicted.push(key);
    if (!change.conflicted && flagged !== -1) next.conflicted.splice(flagged, 1);
  }
  return { state: next, erased };
}
