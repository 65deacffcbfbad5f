/**
 * The state of a running session, computed from the timeline, the events a player recorded and the time now.
 *
 * Nothing is counted per tick: the position in the timeline is the sum of the running intervals between events,
 * plus the jumps of skips, so a caller that ticks late (a throttled tab, a busy event loop, a phone waking up)
 * gets exactly the state it would have had on time, and every cue it missed, once.
 */
import type {
  CueTime,
  IgnoreReason,
  IgnoredEvent,
  SessionEvent,
  SessionState,
  SessionStatus,
  Step,
  Timeline,
} from './types.ts';

/**
 * How positions in the timeline were reached, in order. Position only ever grows, so each position is reached at
 * most once; a cue is due when its position is reached.
 */
type Reach =
  /** Position `pos` reached at `wall` (a start, the landing of a skip, a confirmation). */
  | { readonly type: 'point'; readonly wall: number; readonly pos: number }
  /** Positions in (pos0, pos1] reached while running from (wall0, pos0); `pos1` excluded if `openEnd`. */
  | {
      readonly type: 'run';
      readonly wall0: number;
      readonly pos0: number;
      readonly pos1: number;
      readonly openEnd: boolean;
    }
  /** Positions in (from, to) jumped over by a skip; `from` too if it had not been reached yet. */
  | { readonly type: 'jump'; readonly from: number; readonly to: number; readonly fromIncluded: boolean };

const eventTypes: ReadonlySet<string> = new Set([
  'acknowledge_prompts',
  'acknowledge_caveat',
  'start',
  'pause',
  'resume',
  'skip',
  'stop',
]);

function isEvent(value: unknown): value is SessionEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { type, at } = value as { type?: unknown; at?: unknown };
  return typeof type === 'string' && eventTypes.has(type) && typeof at === 'number' && Number.isFinite(at);
}

/** The step holding `pos` (a boundary belongs to the step it starts), or -1 at the end. */
function stepIndexAt(steps: readonly Step[], pos: number): number {
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const step = steps[mid] as Step;
    if (pos < step.startMs) high = mid - 1;
    else if (pos >= step.startMs + step.durationMs) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** The wall time at which a cue at `offset` was reached, `'skipped'`, or `null` if not reached. */
function reachedAt(reaches: readonly Reach[], offset: number): number | 'skipped' | null {
  for (const reach of reaches) {
    switch (reach.type) {
      case 'point':
        if (offset === reach.pos) return reach.wall;
        break;
      case 'run':
        if (offset > reach.pos0 && (offset < reach.pos1 || (offset === reach.pos1 && !reach.openEnd)))
          return reach.wall0 + (offset - reach.pos0);
        break;
      case 'jump':
        if ((offset > reach.from || (offset === reach.from && reach.fromIncluded)) && offset < reach.to)
          return 'skipped';
        break;
    }
  }
  return null;
}

/**
 * The state of `timeline` at `now`, from `events`. Pure: the same arguments always give the same answer, however
 * often or late it is called.
 *
 * Events take effect in list order, and only those with `at <= now` (later ones have not happened yet). Rules:
 * - `start` runs the clock only from `not_started`, and only once the required prompts (`acknowledge_prompts`) and,
 *   for `inform_only` entries, the caveat (`acknowledge_caveat`) have been acknowledged; an earlier start is
 *   ignored (`not_acknowledged`) and a later `start` is needed.
 * - `pause` from running; `resume` from paused (it also confirms a step that waits for confirmation).
 * - `skip` from running or paused: jumps to the end of the current step at its timestamp; cues inside the skipped
 *   stretch never fire, cues at the landing point fire at the skip. Skipping while paused stays paused. Skipping
 *   a step that waits for confirmation counts as the confirmation.
 * - `stop` from not started, running or paused: the session ends there; cues not yet due are cancelled.
 * - The session is done when its position reaches `totalMs`.
 * - Invalid sequences never throw. An event that is malformed (`invalid`), earlier than an event listed before it
 *   (`out_of_order`), impossible in the current status (`not_allowed`: resume without pause, a second start…) or
 *   at or after the end (`after_end`) is ignored and listed in `ignored`.
 *
 * `since` is the `now` of the previous call: `cuesDue` holds the cues that became due in (since, now], so a late
 * call reports every cue it missed and no call reports a cue twice. Without `since`, every cue due so far.
 */
export function sessionState(
  timeline: Timeline,
  events: readonly SessionEvent[],
  now: number,
  since?: number,
): SessionState {
  const { steps, totalMs } = timeline;
  const gates = steps
    .filter((step) => step.waitsForConfirmation === true)
    .map((step) => step.startMs + step.durationMs)
    .filter((end) => end < totalMs);
  /** The next position after `pos` where the clock stops for a confirmation. */
  const nextGate = (pos: number): number => gates.find((gate) => gate > pos) ?? Number.POSITIVE_INFINITY;

  // Widened on purpose: the closures below change these, which TypeScript's narrowing cannot see.
  let status = 'not_started' as SessionStatus;
  let pausedFor = null as 'user' | 'confirmation' | null;
  let pos = 0;
  let wall = 0;
  let runningMs = 0;
  let startedAt: number | null = null;
  let endedAt: number | null = null;
  const acknowledged = { prompts: false, caveat: false };
  const reaches: Reach[] = [];
  const ignored: IgnoredEvent[] = [];

  const missing = (): ('prompts' | 'caveat')[] => [
    ...(timeline.needs.prompts && !acknowledged.prompts ? ['prompts' as const] : []),
    ...(timeline.needs.caveat && !acknowledged.caveat ? ['caveat' as const] : []),
  ];

  /** Lets the clock run to `to`, stopping at a confirmation or at the end. */
  const advance = (to: number): void => {
    if (status !== 'running') return;
    const limit = Math.min(nextGate(pos), totalMs);
    const target = pos + (to - wall);
    if (target >= limit) {
      const atLimit = wall + (limit - pos);
      const atGate = limit < totalMs;
      // Cues at a confirmation point wait for the confirmation: heat is not announced while the skin is checked.
      reaches.push({ type: 'run', wall0: wall, pos0: pos, pos1: limit, openEnd: atGate });
      runningMs += limit - pos;
      pos = limit;
      wall = atLimit;
      if (atGate) {
        status = 'paused';
        pausedFor = 'confirmation';
      } else {
        status = 'done';
        endedAt = atLimit;
      }
      return;
    }
    if (target > pos) reaches.push({ type: 'run', wall0: wall, pos0: pos, pos1: target, openEnd: false });
    runningMs += target - pos;
    pos = target;
    wall = to;
  };

  /** What one event does; an ignore reason when it does nothing. */
  const apply = (event: SessionEvent): IgnoreReason | null => {
    const at = event.at;
    switch (event.type) {
      case 'acknowledge_prompts':
        acknowledged.prompts = true;
        return null;
      case 'acknowledge_caveat':
        acknowledged.caveat = true;
        return null;
      case 'start':
        if (status !== 'not_started') return 'not_allowed';
        if (missing().length > 0) return 'not_acknowledged';
        status = 'running';
        startedAt = at;
        wall = at;
        reaches.push({ type: 'point', wall: at, pos: 0 });
        return null;
      case 'pause':
        if (status !== 'running') return 'not_allowed';
        status = 'paused';
        pausedFor = 'user';
        return null;
      case 'resume':
        if (status !== 'paused') return 'not_allowed';
        if (pausedFor === 'confirmation') reaches.push({ type: 'point', wall: at, pos });
        status = 'running';
        pausedFor = null;
        wall = at;
        return null;
      case 'skip': {
        const step = steps[stepIndexAt(steps, pos)];
        if ((status !== 'running' && status !== 'paused') || step === undefined) return 'not_allowed';
        const to = step.startMs + step.durationMs;
        reaches.push({ type: 'jump', from: pos, to, fromIncluded: pausedFor === 'confirmation' });
        reaches.push({ type: 'point', wall: at, pos: to });
        pos = to;
        wall = at;
        if (pausedFor === 'confirmation') pausedFor = 'user';
        if (pos >= totalMs) {
          status = 'done';
          pausedFor = null;
          endedAt = at;
        }
        return null;
      }
      case 'stop':
        status = 'stopped';
        pausedFor = null;
        endedAt = at;
        return null;
    }
  };

  let latest = Number.NEGATIVE_INFINITY;
  for (const [index, event] of (events as readonly unknown[]).entries()) {
    let reason: IgnoreReason | null;
    if (!isEvent(event)) reason = 'invalid';
    else if (event.at < latest) reason = 'out_of_order';
    else {
      latest = event.at;
      // Not happened yet: it neither acts nor counts as ignored, so the past never depends on the future.
      if (event.at > now) continue;
      advance(event.at);
      reason = status === 'done' || status === 'stopped' ? 'after_end' : apply(event);
    }
    if (reason !== null) ignored.push({ index, reason });
  }
  advance(now);

  const index = status === 'done' ? -1 : stepIndexAt(steps, pos);
  const step = steps[index] ?? null;
  const stepElapsedMs = step === null ? 0 : pos - step.startMs;
  const stepLeftMs = step === null ? 0 : step.startMs + step.durationMs - pos;
  const running = status === 'running';
  const gateAhead = nextGate(pos);

  const cues: CueTime[] = timeline.cues.map((cue) => {
    const reached = reachedAt(reaches, cue.offsetMs);
    if (reached === 'skipped') return { cue, status: 'skipped', at: null };
    if (reached !== null) return { cue, status: 'fired', at: reached };
    if (status === 'stopped') return { cue, status: 'cancelled', at: null };
    const projected = running && cue.offsetMs < gateAhead ? now + (cue.offsetMs - pos) : null;
    return { cue, status: 'pending', at: projected };
  });
  const from = since ?? Number.NEGATIVE_INFINITY;
  const cuesDue = cues
    .filter((cue) => cue.status === 'fired' && cue.at !== null && cue.at > from && cue.at <= now)
    // Stable sort: cues due at the same moment keep timeline order.
    .sort((a, b) => (a.at ?? 0) - (b.at ?? 0));

  return {
    status,
    pausedFor,
    missing: missing(),
    stepIndex: step === null ? null : index,
    step,
    stepElapsedMs,
    stepLeftMs,
    elapsedMs: pos,
    remainingMs: totalMs - pos,
    progress: totalMs > 0 ? pos / totalMs : 1,
    runningMs,
    startedAt,
    endedAt,
    nextChangeAt: running && step !== null ? now + stepLeftMs : null,
    cues,
    cuesDue,
    ignored,
  };
}
