/**
 * `npm run bench:timer` (node bench/timer.ts): how closely the session runner's state follows the true step
 * boundaries when the caller ticks late. Asserts nothing; prints figures.
 *
 * The runner (packages/core/src/session) is pure: the state comes from the recorded events and the time passed in,
 * never from counting ticks. Here it is driven by the real clock, compressed by a speed-up factor, with ticks from
 * setInterval (plus a one-shot timer at each change the state predicts) while a busy loop blocks the event loop
 * for 50 ms roughly every 100 ms. For every step change it records
 *
 *   - the boundary the state reports (when it says the new step began: now − time into the step, or the end time
 *     once done) against the true boundary (start + the step durations + any pause), and
 *   - how late the first tick that saw the change ran, after the true boundary: a property of the event loop
 *     (no timer can fire inside a 50 ms block), not of the runner,
 *
 * in real ms and in the equivalent session ms, and, for contrast, how far a naive runner that adds the nominal
 * tick length on every tick has drifted by the end. Goal: reported boundaries within 50 ms of the truth.
 *
 * Scenarios (compressed, default ×200):
 *   1. tx-ice, one 20-minute application: the real tx-ice protocol with `cycles: 1` (20 min → 6 s at ×200).
 *      It has one step, so its only step change is the end; the halfway and last-3-seconds cues are timed too.
 *   2. tx-ice, the default timeline: 20 min on, 30 min off, 20 min on (70 min → 21 s), paused for 1 s of real time
 *      in the middle of the rest, so every later boundary must move by the recorded pause.
 *
 * Real-time mode: BENCH_TIMER_REALTIME=1 runs one protocol unscaled (default ex-gentle-stretching, 37 s; choose
 * with BENCH_TIMER_PROTOCOL, and BENCH_TIMER_DAY for a day's progression) under the same busy loop.
 *
 * Other settings: BENCH_TIMER_SPEED (200), BENCH_TIMER_TICK_MS (16), BENCH_TIMER_BLOCK_MS (50),
 * BENCH_TIMER_BLOCK_EVERY_MS (100, jittered ±50 %), BENCH_TIMER_SEED (1) for the jitter.
 */
import { performance } from 'node:perf_hooks';
import {
  sessionState,
  buildTimeline,
  type SessionEvent,
  type Timeline,
  type TimelineOptions,
} from '../packages/core/src/session/index.ts';
import { buildPlan, planToIcs, type PlanProfile } from '../packages/core/src/plan/index.ts';

const env = process.env;
const realtime = env.BENCH_TIMER_REALTIME === '1';
const speed = realtime ? 1 : Number(env.BENCH_TIMER_SPEED ?? 200);
const tickMs = Number(env.BENCH_TIMER_TICK_MS ?? 16);
const blockMs = Number(env.BENCH_TIMER_BLOCK_MS ?? 50);
const blockEveryMs = Number(env.BENCH_TIMER_BLOCK_EVERY_MS ?? 100);
const goalMs = 50;
const seed = Number(env.BENCH_TIMER_SEED ?? 1);

interface Scenario {
  name: string;
  protocolId: string;
  options: TimelineOptions;
  /** Pause at this session offset (ms) for this much real time, then resume. */
  pause?: { atOffsetMs: number; forRealMs: number };
}

interface Figures {
  name: string;
  sessionMs: number;
  realMs: number;
  ticks: number;
  changes: number;
  cues: number;
  /** Largest |reported boundary − true boundary|, session ms. */
  reportedErrorMs: number;
  /** Largest |cue time reported − true cue time| over every cue, session ms. */
  cueErrorMs: number;
  /** Largest delay between a true boundary and the first tick that saw it, real ms. */
  seenDelayRealMs: number;
  /** |naive elapsed − true elapsed| at the end, session ms. */
  naiveDriftMs: number;
}

function mustTimeline(id: string, options: TimelineOptions): Timeline {
  const result = buildTimeline(id, options);
  if (!result.ok) throw new Error(`${id}: ${result.reason} (${result.detail})`);
  return result.timeline;
}

/** A small seeded generator, so that a run can be repeated (BENCH_TIMER_SEED). */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Keeps the event loop busy for `blockMs` roughly every `blockEveryMs` (between half and one and a half times
 * that, at random), like a heavy render or a parse, so boundaries fall anywhere relative to the blocks.
 */
function startBusyLoop(next: () => number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    timer = setTimeout(
      () => {
        const until = performance.now() + blockMs;
        while (performance.now() < until) {
          // spin
        }
        schedule();
      },
      blockEveryMs * (0.5 + next()),
    );
  };
  schedule();
  return () => {
    clearTimeout(timer);
  };
}

function run(scenario: Scenario): Promise<Figures> {
  const line = mustTimeline(scenario.protocolId, scenario.options);
  // True boundaries from the step durations alone, independent of the runner's own offsets.
  const boundaries = line.steps.reduce<number[]>(
    (acc, step) => [...acc, (acc.at(-1) ?? 0) + step.durationMs],
    [0],
  );
  const events: SessionEvent[] = [{ type: 'acknowledge_prompts', at: 0 }];
  if (line.needs.caveat) events.push({ type: 'acknowledge_caveat', at: 0 });

  const realStart = performance.now();
  const sessionStart = Date.now();
  const sessionNow = (): number => sessionStart + (performance.now() - realStart) * speed;
  const realOf = (sessionAt: number): number => realStart + (sessionAt - sessionStart) / speed;
  events.push({ type: 'start', at: sessionStart });

  let pausedAt: number | null = null;
  let resumedAt: number | null = null;
  /** True session time at which position `offset` is reached: start + offset + the recorded pause before it. */
  const trueAt = (offset: number): number => {
    const pausePos = pausedAt === null ? null : pausedAt - sessionStart;
    const shift =
      pausePos !== null && offset > pausePos ? (resumedAt ?? Number.POSITIVE_INFINITY) - (pausedAt ?? 0) : 0;
    return sessionStart + offset + shift;
  };

  const figures: Figures = {
    name: scenario.name,
    sessionMs: line.totalMs,
    realMs: 0,
    ticks: 0,
    changes: 0,
    cues: 0,
    reportedErrorMs: 0,
    cueErrorMs: 0,
    seenDelayRealMs: 0,
    naiveDriftMs: 0,
  };
  let naiveElapsed = 0;
  let previousIndex: number | null = 0;
  let since: number | undefined;
  let nextTimer: NodeJS.Timeout | undefined;

  return new Promise((resolve) => {
    const stopBusy = startBusyLoop(random(seed));
    const naive = setInterval(() => {
      // What a tick-counting timer would do: trust that each callback came on time.
      if (pausedAt === null || resumedAt !== null) naiveElapsed += tickMs * speed;
    }, tickMs);

    const finish = (): void => {
      clearInterval(ticker);
      clearInterval(naive);
      clearTimeout(nextTimer);
      stopBusy();
      figures.realMs = performance.now() - realStart;
      figures.naiveDriftMs = Math.abs(naiveElapsed - line.totalMs);
      resolve(figures);
    };

    const tick = (): void => {
      const now = sessionNow();
      const state = sessionState(line, events, now, since);
      since = now;
      figures.ticks++;
      for (const due of state.cuesDue) {
        figures.cues++;
        figures.cueErrorMs = Math.max(figures.cueErrorMs, Math.abs((due.at ?? 0) - trueAt(due.cue.offsetMs)));
      }
      if (state.stepIndex !== previousIndex && (state.status === 'running' || state.status === 'done')) {
        const index = state.stepIndex ?? line.steps.length;
        const truth = trueAt(boundaries[index] ?? line.totalMs);
        const reported = state.status === 'done' ? (state.endedAt ?? now) : now - state.stepElapsedMs;
        figures.changes++;
        figures.reportedErrorMs = Math.max(figures.reportedErrorMs, Math.abs(reported - truth));
        figures.seenDelayRealMs = Math.max(figures.seenDelayRealMs, performance.now() - realOf(truth));
        previousIndex = state.stepIndex;
      }
      if (state.status === 'done' || state.status === 'stopped') {
        finish();
        return;
      }
      // Wake up at the predicted change too, so a change is seen as soon as the event loop is free.
      clearTimeout(nextTimer);
      if (state.nextChangeAt !== null)
        nextTimer = setTimeout(tick, Math.max(0, realOf(state.nextChangeAt) - performance.now()));
    };
    const ticker = setInterval(tick, tickMs);

    if (scenario.pause !== undefined) {
      const { atOffsetMs, forRealMs } = scenario.pause;
      setTimeout(() => {
        pausedAt = sessionNow();
        events.push({ type: 'pause', at: pausedAt });
        setTimeout(() => {
          resumedAt = sessionNow();
          events.push({ type: 'resume', at: resumedAt });
        }, forRealMs);
      }, atOffsetMs / speed);
    }
    tick();
  });
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

function print(figures: Figures): void {
  console.log(`\n${figures.name}`);
  console.log(
    `  session ${figures.sessionMs >= 120_000 ? `${fmt(figures.sessionMs / 60_000)} min` : `${fmt(figures.sessionMs / 1000)} s`} in ${fmt(figures.realMs / 1000)} s real, ${figures.ticks} ticks, ` +
      `${figures.changes} step changes, ${figures.cues} cues`,
  );
  console.log(
    `  reported boundary vs true, max: ${fmt(figures.reportedErrorMs / speed)} ms real = ${fmt(figures.reportedErrorMs)} ms session`,
  );
  console.log(
    `  reported cue time vs true, max: ${fmt(figures.cueErrorMs / speed)} ms real = ${fmt(figures.cueErrorMs)} ms session`,
  );
  console.log(
    `  first tick that saw a change, after the true boundary, max: ${fmt(figures.seenDelayRealMs)} ms real = ` +
      `${fmt(figures.seenDelayRealMs * speed)} ms session (event-loop bound: blocks of ${blockMs} ms)`,
  );
  console.log(
    `  for contrast, a tick-counting timer at the end: off by ${fmt(figures.naiveDriftMs / speed)} ms real = ` +
      `${fmt(figures.naiveDriftMs / 1000)} s session`,
  );
}

const scenarios: Scenario[] = realtime
  ? [
      {
        name: `real time: ${env.BENCH_TIMER_PROTOCOL ?? 'ex-gentle-stretching'}${env.BENCH_TIMER_DAY === undefined ? '' : `, day ${env.BENCH_TIMER_DAY}`}`,
        protocolId: env.BENCH_TIMER_PROTOCOL ?? 'ex-gentle-stretching',
        options: env.BENCH_TIMER_DAY === undefined ? {} : { day: Number(env.BENCH_TIMER_DAY) },
      },
    ]
  : [
      {
        name: 'tx-ice, one 20-minute application (cycles: 1)',
        protocolId: 'tx-ice',
        options: { overrides: { cycles: 1 } },
      },
      {
        name: 'tx-ice, default timeline (20 on, 30 off, 20 on), paused 1 s real during the rest',
        protocolId: 'tx-ice',
        options: {},
        pause: { atOffsetMs: 35 * 60_000, forRealMs: 1000 },
      },
    ];

console.log('Timer drift: session state against the true step boundaries (bench/timer.ts)');
console.log(
  `mode: ${realtime ? 'real time' : `compressed ×${speed}`}; ticks every ${tickMs} ms plus a timer at each predicted change; ` +
    `event loop blocked ${blockMs} ms every ~${blockEveryMs} ms (seed ${seed})`,
);

let worstReported = 0;
let worstSeen = 0;
for (const scenario of scenarios) {
  const figures = await run(scenario);
  print(figures);
  worstReported = Math.max(worstReported, figures.reportedErrorMs / speed, figures.cueErrorMs / speed);
  worstSeen = Math.max(worstSeen, figures.seenDelayRealMs);
}

console.log(
  `\nlargest difference between reported and true boundaries: ${fmt(worstReported)} ms real; ` +
    `goal ≤ ${goalMs} ms: ${worstReported <= goalMs ? 'met' : 'NOT met'}`,
);
console.log(
  `largest delay before a tick saw a change: ${fmt(worstSeen)} ms real ` +
    `(${worstSeen <= goalMs ? 'within' : 'over'} ${goalMs} ms; bounded by the ${blockMs} ms blocks, not by the runner)`,
);

// -------------------------------------------------------------------------------------------------------------
// Plan: time per `buildPlan` and `planToIcs` call, for a day-3 profile (days 3–16, stretches, check-ins).
// -------------------------------------------------------------------------------------------------------------

const planProfile: PlanProfile = {
  onsetDate: '2026-03-10',
  timeZone: 'Europe/London',
  location: 'lower',
  trigger: 'lifting',
  knownConditions: ['disc_herniation'],
  preferences: { thermal: 'either', hasIcePack: true, hasShower: true, work: 'sitting' },
  triage: {
    at: '2026-03-13T09:00:00.000Z',
    result: { disposition: 'self_care', reasons: [], rulesVersion: '1.1.0' },
  },
};
const planToday = '2026-03-13';

function microsPerCall(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 200; i += 1) fn(); // warm up the JIT and Intl
  const start = performance.now();
  for (let i = 0; i < runs; i += 1) fn();
  return ((performance.now() - start) / runs) * 1000;
}

const builtPlan = buildPlan(planProfile, planToday);
if (builtPlan.kind !== 'plan') throw new Error(`expected a plan, got ${builtPlan.kind}`);
console.log(
  `\nbuildPlan: ${microsPerCall(() => buildPlan(planProfile, planToday), 2000).toFixed(0)} µs per call`,
);
console.log(`planToIcs: ${microsPerCall(() => planToIcs(builtPlan), 500).toFixed(0)} µs per call`);
