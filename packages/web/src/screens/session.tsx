/**
 * The session player. The protocol's prompts (and, for `inform_only` items, the caveat) come first; then a large
 * countdown and ring, the step and the next one, pause / resume / skip / stop, tones, optional spoken cues,
 * vibration and a screen wake lock. For exercises it asks the pain before and after (`afterExercise`).
 *
 * The state is never counted by ticks: every render asks `sessionState(timeline, events, Date.now())`, and the
 * events are kept in localStorage (lib/running-session.ts), so the timer is right after the tab slept in the
 * background, after a reload, in a new tab and after a relaunch.
 */
import {
  afterExercise,
  completedSteps,
  numberLabel,
  sessionState,
  buildTimeline,
  type PainCheckResult,
  type SessionCueTime,
  type SessionEvent,
  type SessionState,
  type Timeline,
  type TimelineNumber,
} from '@unknot/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { useFocusNext } from '../lib/focus.ts';
import { escalations } from '../lib/escalations.ts';
import { Icon } from '../components/icon.tsx';
import { SourceList } from '../components/sources.tsx';
import {
  buzz,
  cueSettings,
  keepAwake,
  playTone,
  setCueSetting,
  speak,
  unlockAudio,
  type CueSettings,
} from '../lib/cues.ts';
import {
  acknowledgeCaveat,
  caveatsAcknowledged,
  episode,
  episodeDay,
  finishSession,
  latestCheck,
  sessionLogId,
  startSession,
} from '../lib/records.ts';
import { loadRun, storeRun, type Run } from '../lib/running-session.ts';
import { t } from '../strings.ts';

/** m:ss, rounding up so the display reaches 0:00 exactly when the step ends. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

function spokenDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  if (total >= 120) return t.session.spoken.minutes(Math.round(total / 60));
  if (total >= 60) return t.session.spoken.minuteSeconds(total % 60);
  return t.session.spoken.seconds(total);
}

function formatNumber(n: TimelineNumber): string {
  if (n.unit === 'count') return String(n.value);
  if (n.unit === 'min') return t.common.minutes(n.value);
  return n.value >= 60 && n.value % 60 === 0
    ? t.common.minutes(n.value / 60)
    : n.value >= 60
      ? `${t.common.minutes(Math.floor(n.value / 60))} ${t.common.seconds(n.value % 60)}`
      : t.common.seconds(n.value);
}

function Ring({ progress }: { progress: number }) {
  const r = 88;
  const c = 2 * Math.PI * r;
  return (
    <svg class="ring" viewBox="0 0 200 200" aria-hidden="true" focusable="false">
      <circle class="ring-track" cx="100" cy="100" r={r} />
      <circle
        class="ring-bar"
        cx="100"
        cy="100"
        r={r}
        stroke-dasharray={c.toFixed(2)}
        stroke-dashoffset={(c * (1 - Math.min(1, Math.max(0, progress)))).toFixed(2)}
        transform="rotate(-90 100 100)"
      />
    </svg>
  );
}

function PainButtons(props: {
  legend: string;
  value: number | null;
  onChoose: (n: number) => void;
  name: string;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div class="pain-scale">
        {Array.from({ length: 11 }, (_, n) => (
          <label key={n} class="pain-option">
            <input
              type="radio"
              name={props.name}
              value={n}
              checked={props.value === n}
              onChange={() => {
                props.onChoose(n);
              }}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Settings() {
  const settings = cueSettings.value;
  const row = (name: keyof CueSettings, label: string) => (
    <label class="check-row">
      <input
        type="checkbox"
        checked={settings[name]}
        onChange={(event) => {
          setCueSetting(name, event.currentTarget.checked);
        }}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <details class="cue-settings">
      <summary>{t.session.settings}</summary>
      {row('sound', t.session.sound)}
      {row('voice', t.session.voice)}
      {row('vibrate', t.session.vibrate)}
      <p class="hint">{t.session.wakeLock}</p>
    </details>
  );
}

function stepDetail(state: SessionState): string {
  const step = state.step;
  if (!step) return '';
  const parts: string[] = [];
  if (step.cycle !== undefined && step.cycleCount !== undefined)
    parts.push(t.session.round(step.cycle, step.cycleCount));
  if (step.rep !== undefined && step.repCount !== undefined)
    parts.push(t.session.rep(step.rep, step.repCount));
  if (step.side) parts.push(t.session.side[step.side] ?? step.side);
  return parts.join(' · ');
}

function cueText(cue: SessionCueTime, timeline: Timeline): string | null {
  const step = timeline.steps[cue.cue.stepIndex];
  switch (cue.cue.kind) {
    case 'step_change':
      return step ? t.session.announce.step(step.label, spokenDuration(step.durationMs)) : null;
    case 'get_ready':
      return t.session.announce.getReady;
    case 'halfway':
      return t.session.announce.halfway;
    case 'last_3_seconds':
      return null;
    case 'switch_sides':
      return t.session.announce.switch;
    case 'done':
      return t.session.announce.done;
  }
}

function playCue(cue: SessionCueTime, timeline: Timeline): void {
  switch (cue.cue.kind) {
    case 'step_change':
      playTone('step');
      buzz(200);
      break;
    case 'get_ready':
    case 'halfway':
    case 'last_3_seconds':
      playTone('tick');
      break;
    case 'switch_sides':
      playTone('attention');
      buzz([150, 80, 150]);
      break;
    case 'done':
      playTone('done');
      buzz([200, 100, 200]);
      break;
  }
  const text = cueText(cue, timeline);
  if (text) speak(text);
}

/** What to do next before a timer can start, in page order: the prompts, the pain before, then Start itself. */
const nextBeforeStart = '.prompts button, input[name="pain-before"], .start-button';

const reducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function Player({ timeline }: { timeline: Timeline }) {
  const id = timeline.protocolId;
  const [run, setRunState] = useState<Run>(() => loadRun(id));
  const runRef = useRef(run);
  const [now, setNow] = useState(() => Date.now());
  const lastTick = useRef(now);
  const [announcement, setAnnouncement] = useState('');
  const [confirmStop, setConfirmStop] = useState(false);
  const root = useRef<HTMLElement>(null);
  const focusNext = useFocusNext(root);
  const [check, setCheck] = useState<PainCheckResult | null>(null);
  const caveatDone = caveatsAcknowledged.value.includes(id);

  // Stable across renders, so the clock's effect keeps its interval instead of starting a new one each tick.
  const setRun = useCallback(
    (next: Run): void => {
      runRef.current = next;
      setRunState(next);
      storeRun(id, next.saved ? null : next);
    },
    [id],
  );
  const addEvent = useCallback(
    (type: SessionEvent['type']): void => {
      const at = Date.now();
      setRun({ ...runRef.current, events: [...runRef.current.events, { type, at }] });
      lastTick.current = Math.min(lastTick.current, at);
      setNow(at);
    },
    [setRun],
  );

  // An inform_only caveat acknowledged once (here or in the library) stays acknowledged on this device.
  useEffect(() => {
    if (timeline.needs.caveat && caveatDone && !run.events.some((e) => e.type === 'acknowledge_caveat')) {
      addEvent('acknowledge_caveat');
    }
  }, [caveatDone, timeline.needs.caveat, run.events, addEvent]);

  const state = sessionState(timeline, run.events, now);

  // The clock: re-render from absolute time several times a second, and at once when the tab is shown again.
  useEffect(() => {
    const tick = (): void => {
      const at = Date.now();
      const s = sessionState(timeline, runRef.current.events, at, lastTick.current);
      lastTick.current = at;
      const fresh = s.cuesDue.filter((c) => !runRef.current.fired.includes(c.cue.id));
      if (fresh.length > 0) {
        // After a long sleep in the background many cues are due at once: play only the latest.
        const latest = fresh[fresh.length - 1] as SessionCueTime;
        playCue(latest, timeline);
        const stepCue = [...fresh]
          .reverse()
          .find((c) => c.cue.kind === 'step_change' || c.cue.kind === 'done');
        if (stepCue) setAnnouncement(cueText(stepCue, timeline) ?? '');
        setRun({ ...runRef.current, fired: [...runRef.current.fired, ...fresh.map((c) => c.cue.id)] });
      }
      setNow(at);
    };
    const interval = setInterval(tick, reducedMotion() ? 1000 : 250);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') {
        tick();
        if (sessionState(timeline, runRef.current.events, Date.now()).status === 'running')
          void keepAwake(true);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(interval);
      document.removeEventListener('visibilitychange', onVisible);
      void keepAwake(false);
    };
  }, [timeline, setRun]);

  useEffect(() => {
    void keepAwake(state.status === 'running');
  }, [state.status]);

  useEffect(() => {
    if (state.pausedFor === 'confirmation') {
      playTone('attention');
      buzz([150, 80, 150]);
      setAnnouncement(t.session.waiting);
    }
  }, [state.pausedFor]);

  // Log the session once it is over (exercises wait for the pain-after answer).
  const finished = state.status === 'done' || state.status === 'stopped';
  const { startedAt, endedAt: stateEndedAt, status, stepIndex } = state;

  // While it runs, an in-progress log (sent when it starts and at every step), so another device shows it running.
  useEffect(() => {
    const current = runRef.current;
    if (startedAt === null || current.saved || finished) return;
    const logId = current.logId ?? sessionLogId(startedAt);
    if (current.logId === undefined) setRun({ ...current, logId });
    const at = Date.now();
    void startSession({
      id: logId,
      protocolId: id,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(Math.max(at, startedAt)).toISOString(),
      stepsCompleted: completedSteps(timeline, current.events, at),
      stoppedEarly: false,
      ...(current.painBefore === null ? {} : { painBefore: current.painBefore }),
    });
  }, [id, timeline, setRun, startedAt, stepIndex, finished]);

  const save = useCallback(
    async (painAfter: number | null): Promise<void> => {
      const current = runRef.current;
      if (current.saved || startedAt === null) return;
      const endedAt = stateEndedAt ?? Date.now();
      // Skipped steps do not count: a session skipped through is recorded as 0 steps, not as completed.
      const completed = completedSteps(timeline, current.events, endedAt);
      const log: Parameters<typeof finishSession>[0] = {
        // The id its start was sent with: the final log replaces the in-progress one.
        id: current.logId ?? sessionLogId(startedAt),
        protocolId: id,
        startedAt: new Date(startedAt).toISOString(),
        endedAt: new Date(Math.max(endedAt, startedAt)).toISOString(),
        stepsCompleted: completed,
        stoppedEarly: status === 'stopped',
      };
      if (current.painBefore !== null) log.painBefore = current.painBefore;
      if (painAfter !== null) log.painAfter = painAfter;
      setRun({ ...current, painAfter, saved: true });
      await finishSession(log);
    },
    [id, timeline, setRun, startedAt, stateEndedAt, status],
  );
  useEffect(() => {
    if (finished && !timeline.painCheck && !run.saved) void save(null);
  }, [finished, timeline.painCheck, run.saved, save]);

  const missingPrompts = state.missing.includes('prompts');
  const missingCaveat = state.missing.includes('caveat');
  const needsPainBefore = timeline.painCheck && run.painBefore === null;
  const notStarted = state.status === 'not_started';
  const next = state.stepIndex === null ? undefined : timeline.steps[state.stepIndex + 1];
  const stepProgress =
    state.step && state.step.durationMs > 0 ? state.stepElapsedMs / state.step.durationMs : 1;

  return (
    <section ref={root} class="screen session" data-status={state.status} data-step={state.stepIndex ?? ''}>
      <p class="eyebrow">{t.session.title}</p>
      <Heading>{timeline.title}</Heading>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      {notStarted ? (
        <>
          {timeline.caveat && missingCaveat ? (
            <section class="card card-caution" aria-labelledby="caveat-heading">
              <h2 id="caveat-heading">{t.session.caveatTitle}</h2>
              <p>{timeline.caveat}</p>
              <button
                type="button"
                class="button primary"
                onClick={() => {
                  void acknowledgeCaveat(id);
                  addEvent('acknowledge_caveat');
                  focusNext(nextBeforeStart);
                }}
              >
                {t.session.caveatAck}
              </button>
            </section>
          ) : null}
          {!missingCaveat && timeline.requiredPrompts.length > 0 ? (
            <section class="card prompts" aria-labelledby="prompts-heading">
              <h2 id="prompts-heading">{t.session.promptsTitle}</h2>
              <ul>
                {timeline.requiredPrompts.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
              {missingPrompts ? (
                <button
                  type="button"
                  class="button primary"
                  onClick={() => {
                    addEvent('acknowledge_prompts');
                    focusNext(nextBeforeStart);
                  }}
                >
                  {t.session.promptsAck}
                </button>
              ) : (
                <p class="notice">✓ {t.session.promptsAck}</p>
              )}
            </section>
          ) : null}
          {!missingCaveat && timeline.painCheck ? (
            <PainButtons
              name="pain-before"
              legend={t.session.painBefore}
              value={run.painBefore}
              onChoose={(n) => {
                setRun({ ...runRef.current, painBefore: n });
              }}
            />
          ) : null}
          {timeline.untilRelief ? <p class="notice">{t.session.untilRelief}</p> : null}
          {!missingCaveat ? (
            <section aria-labelledby="numbers-heading">
              <h2 id="numbers-heading">{t.session.numbersTitle}</h2>
              <dl class="numbers">
                {timeline.numbers.map((n) => (
                  <div key={n.key}>
                    <dt>{numberLabel(n.key)}</dt>
                    <dd>
                      {formatNumber(n)}
                      {n.origin === 'spec_default' || n.origin === 'app' ? ' *' : ''}
                    </dd>
                  </div>
                ))}
              </dl>
              {timeline.numbers.some((n) => n.origin === 'spec_default' || n.origin === 'app') ? (
                <p class="hint">{t.session.numbersNote}</p>
              ) : null}
              {timeline.sources.length > 0 ? (
                <SourceList sources={timeline.sources} label={t.session.sources} />
              ) : null}
            </section>
          ) : null}
          <Settings />
          <button
            type="button"
            class="button primary wide start-button"
            disabled={missingPrompts || missingCaveat || needsPainBefore}
            onClick={() => {
              unlockAudio();
              addEvent('start');
              // The player replaces the long list above: bring its top (title, countdown) into view.
              window.scrollTo({ top: 0 });
              focusNext('.player-controls button');
            }}
          >
            <Icon name="play" />
            {t.session.start}
          </button>
        </>
      ) : null}

      {!notStarted && !finished ? (
        <div class="player">
          <p class="step-count">
            {t.session.stepOf((state.stepIndex ?? 0) + 1, timeline.steps.length)}
            {stepDetail(state) ? ` · ${stepDetail(state)}` : ''}
          </p>
          <div class="ring-wrap">
            <Ring progress={stepProgress} />
            <div class="countdown">
              <span class="time" role="timer" aria-label={t.session.remaining(clock(state.stepLeftMs))}>
                {clock(state.stepLeftMs)}
              </span>
              <span class="state-label">
                {state.status === 'paused'
                  ? state.pausedFor === 'confirmation'
                    ? t.session.waiting
                    : t.session.paused
                  : ''}
              </span>
            </div>
          </div>
          <p class="step-name" data-testid="step-name">
            {state.step?.label}
          </p>
          <p class="next-step muted">{next ? t.session.next(next.label) : t.session.last}</p>
          <div class="player-controls">
            {state.status === 'running' ? (
              <button
                type="button"
                class="button primary"
                onClick={() => {
                  addEvent('pause');
                }}
              >
                <Icon name="pause" />
                {t.session.pause}
              </button>
            ) : (
              <button
                type="button"
                class="button primary"
                onClick={() => {
                  unlockAudio();
                  addEvent('resume');
                }}
              >
                <Icon name="play" />
                {state.pausedFor === 'confirmation' ? t.session.confirmNext : t.session.resume}
              </button>
            )}
            <button
              type="button"
              class="button"
              onClick={() => {
                addEvent('skip');
              }}
            >
              <Icon name="skip" />
              {t.session.skip}
            </button>
            {confirmStop ? (
              <span class="confirm">
                <span>{t.session.stopConfirm}</span>
                <button
                  type="button"
                  class="button danger"
                  onClick={() => {
                    setConfirmStop(false);
                    addEvent('stop');
                  }}
                >
                  {t.session.stop}
                </button>
                <button
                  type="button"
                  class="button confirm-cancel"
                  onClick={() => {
                    setConfirmStop(false);
                  }}
                >
                  {t.diary.cancel}
                </button>
              </span>
            ) : (
              <button
                type="button"
                class="button danger"
                onClick={() => {
                  setConfirmStop(true);
                  // Cancel, not Stop: a second tap on the same spot must not end the session.
                  focusNext('.confirm .confirm-cancel');
                }}
              >
                <Icon name="stop" />
                {t.session.stop}
              </button>
            )}
          </div>
          <Settings />
        </div>
      ) : null}

      {finished ? (
        <div class="session-end">
          <p class="lead" role="status">
            {state.status === 'stopped'
              ? t.session.stopped
              : completedSteps(timeline, run.events, state.endedAt ?? now) === 0
                ? t.session.skippedAll
                : t.session.done}
          </p>
          {timeline.painCheck && !run.saved && state.startedAt !== null ? (
            <form
              class="stack"
              onSubmit={(event) => {
                event.preventDefault();
                if (run.painAfter === null) return;
                if (run.painBefore !== null) {
                  setCheck(afterExercise({ painBefore: run.painBefore, painAfter: run.painAfter }));
                }
                void save(run.painAfter);
              }}
            >
              <PainButtons
                name="pain-after"
                legend={t.session.painAfter}
                value={run.painAfter}
                onChoose={(n) => {
                  setRun({ ...runRef.current, painAfter: n });
                }}
              />
              <button type="submit" class="button primary" disabled={run.painAfter === null}>
                {t.session.save}
              </button>
            </form>
          ) : null}
          {check?.ok ? (
            <div class={check.stopForToday ? 'card card-caution' : 'notice'} role="status">
              <p>{check.message}</p>
              <SourceList sources={[check.source]} />
            </div>
          ) : null}
          {run.saved ? <p class="notice">{t.session.finished}</p> : null}
          {timeline.afterward.length > 0 ? (
            <section aria-labelledby="after-heading">
              <h2 id="after-heading">{t.session.afterward}</h2>
              <ul>
                {timeline.afterward.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <a class="button primary" href="/">
            {t.session.backToday}
          </a>
        </div>
      ) : null}
    </section>
  );
}

export default function SessionScreen({ id }: { id?: string }) {
  const ep = episode.value;
  const disposition = latestCheck.value?.result.disposition;
  const day = ep ? episodeDay(ep) : undefined;
  const built = useMemo(() => {
    const options: Parameters<typeof buildTimeline>[1] = {};
    if (day !== undefined && day >= 0) Object.assign(options, { day });
    if (disposition !== undefined) Object.assign(options, { disposition });
    return buildTimeline(id ?? '', options);
  }, [id, day, disposition]);
  // Decided when the screen opens: a session that has just raised the pain keeps its own end screen.
  const [stop] = useState(() =>
    escalations.value.find((e) => e.id === 'stop_exercise' && e.protocolId === id),
  );
  if (stop) {
    // The last session of this exercise raised the pain by 2 or more: no timer until a clinician has said so.
    return (
      <section class="screen">
        <Heading>{t.session.stoppedTitle}</Heading>
        <div class="card card-caution">
          <h2>{stop.title}</h2>
          <p>{stop.reason}</p>
          <p>
            <strong>{stop.action}</strong>
          </p>
          <SourceList sources={stop.sources} />
        </div>
        <a class="button" href="/">
          {t.session.backToday}
        </a>
      </section>
    );
  }
  if (!built.ok) {
    return (
      <section class="screen">
        <Heading>{t.session.notAvailable}</Heading>
        <p>{t.session.refusal[built.reason] ?? built.detail}</p>
        <a class="button" href="/">
          {t.session.backToday}
        </a>
      </section>
    );
  }
  return <Player key={built.timeline.protocolId} timeline={built.timeline} />;
}
