/**
 * Today: alerts first (a new safety check due, the appointment card after a `soon` result, the day-7 and day-14
 * check-ins, pain rising, an exercise that made the pain worse), a one-tap pain log, then today's plan items with
 * a start button for each timed one.
 */
import { getEntry, type DiaryAnalysis, type Plan } from '@unknot/core';
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { Alert, EscalationAlert } from '../components/alerts.tsx';
import { Heading } from '../components/heading.tsx';
import { PegPrompt } from '../components/peg-prompt.tsx';
import { PlanItemCard } from '../components/plan-item.tsx';
import { SessionsElsewhere } from '../components/sessions-elsewhere.tsx';
import { localToday } from '../lib/dates.ts';
import { diaryAnalysis, escalations, stoppedExercises } from '../lib/escalations.ts';
import { plan } from '../lib/plan.ts';
import { addCheckIn, addDiaryEntry, checkIns, deleteDiaryEntry, episode } from '../lib/records.ts';
import { runningSessionId } from '../lib/running-session.ts';
import { t } from '../strings.ts';

/** How long a one-tap rating can be taken back. */
const undoMs = 10_000;

function PainLog() {
  const [saved, setSaved] = useState<string>('');
  const [last, setLast] = useState<number | null>(null);
  /** The entry the last tap made, while it can still be undone. */
  const [undoable, setUndoable] = useState<string | null>(null);
  useEffect(() => {
    if (undoable === null) return undefined;
    const timer = setTimeout(() => {
      setUndoable(null);
    }, undoMs);
    return () => {
      clearTimeout(timer);
    };
  }, [undoable]);
  return (
    <section class="card pain-log" aria-labelledby="pain-log-heading">
      <h2 id="pain-log-heading">{t.home.painTitle}</h2>
      <p class="hint" id="pain-log-hint">
        {t.home.painHint}
      </p>
      <div
        class="choices choices-grid pain-grid"
        role="group"
        aria-labelledby="pain-log-heading"
        aria-describedby="pain-log-hint"
      >
        {Array.from({ length: 11 }, (_, n) => (
          <button
            key={n}
            type="button"
            class="choice"
            aria-pressed={last === n}
            onClick={() => {
              const at = new Date();
              void addDiaryEntry({ at: at.toISOString(), pain: n }).then((entry) => {
                setLast(n);
                setUndoable(entry?.id ?? null);
                setSaved(
                  t.home.painSaved(n, at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
                );
              });
            }}
          >
            {n}
          </button>
        ))}
      </div>
      <p role="status" class="saved-message">
        {saved}
      </p>
      {undoable === null ? null : (
        <button
          type="button"
          class="button"
          onClick={() => {
            // Deleting goes through the outbox like any edit, so the server loses the entry too.
            void deleteDiaryEntry(undoable).then(() => {
              setUndoable(null);
              setLast(null);
              setSaved(t.home.painUndone);
            });
          }}
        >
          {t.home.painUndo}
        </button>
      )}
    </section>
  );
}

/** A session started here or in another tab and not yet logged: a way back to it. */
function SessionInProgress() {
  const id = runningSessionId();
  if (id === null) return null;
  return (
    <div class="card" role="status">
      <h2>{t.home.sessionInProgressTitle}</h2>
      <p>{t.home.sessionInProgress(getEntry(id)?.title ?? t.home.sessionInProgressTitle)}</p>
      <a class="button primary" href={`/session/${id}`}>
        {t.home.sessionResume}
      </a>
    </div>
  );
}

/**
 * The check-in's own question: any warning signs since the last check? The answer is a check-in record (kept
 * with the episode, seen by a clinician in clinic mode); "yes" goes straight to the check.
 */
function WarningSignsQuestion() {
  const { route } = useLocation();
  const [noted, setNoted] = useState(false);
  const ep = episode.value;
  const today = localToday(ep?.timeZone);
  const answered = checkIns.value.some((c) => localToday(ep?.timeZone, new Date(c.at)) === today);
  if (noted) {
    return (
      <p role="status" class="saved-message">
        {t.home.warningSignsNone}
      </p>
    );
  }
  if (answered) return <p class="muted">{t.home.warningSignsAnswered}</p>;
  return (
    <fieldset class="warning-signs">
      <legend>{t.home.warningSignsQuestion}</legend>
      <p class="hint" id="warning-signs-hint">
        {t.home.warningSignsHint}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button"
          aria-describedby="warning-signs-hint"
          onClick={() => {
            void addCheckIn(true).then(() => {
              route('/check?q=1');
            });
          }}
        >
          {t.home.warningSignsYes}
        </button>
        <button
          type="button"
          class="button"
          aria-describedby="warning-signs-hint"
          onClick={() => {
            void addCheckIn(false).then(() => {
              setNoted(true);
            });
          }}
        >
          {t.home.warningSignsNo}
        </button>
      </div>
    </fieldset>
  );
}

function Alerts({ current, analysis }: { current: Plan; analysis: DiaryAnalysis | null }) {
  const found = escalations.value;
  const checkIn = current.checkIns.find((c) => c.state === 'today');
  const rising = analysis?.trend === 'worsening';
  const items = [
    current.appointment ? (
      <Alert key="appointment" title={current.appointment.headline} level="soon">
        <p>{current.appointment.advice}</p>
        <ul>
          {current.appointment.reasons.map((r) => (
            <li key={r.rule}>{r.text}</li>
          ))}
        </ul>
      </Alert>
    ) : null,
    checkIn ? (
      <Alert key="check-in" title={t.home.checkInTitle(checkIn.day)} level="soon">
        <p>
          <strong>{checkIn.question}</strong>
        </p>
        <p>{checkIn.ifNotBetter}</p>
        <p>{checkIn.ifWorse}</p>
        <WarningSignsQuestion />
        <a class="button" href="/check?q=1">
          {t.home.checkNow}
        </a>
      </Alert>
    ) : null,
    rising ? (
      <Alert key="rising" title={t.home.painRisingTitle} level="soon">
        <p>{t.home.painRising}</p>
      </Alert>
    ) : null,
    ...found.map((e) => <EscalationAlert key={`${e.id}-${e.protocolId ?? ''}`} e={e} />),
    current.recurrence ? (
      <Alert key="recurrence" title={current.recurrence.title} level="self_care">
        <p>{current.recurrence.text}</p>
      </Alert>
    ) : null,
  ].filter(Boolean);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{t.home.alertsTitle}</h2>
      <ul class="plain-list alerts">{items}</ul>
    </section>
  );
}

export default function HomeScreen() {
  const ep = episode.value;
  const current = plan.value;
  const analysis = diaryAnalysis.value;

  if (!ep || !current) {
    return (
      <section class="screen">
        <Heading>{t.home.title}</Heading>
        <p>{t.home.noEpisode}</p>
        <a class="button primary" href="/check?q=1">
          {t.home.checkNow}
        </a>
      </section>
    );
  }

  if (current.kind !== 'plan') {
    // An escalation is caught by the gate before this screen; a stale check asks for a new one.
    return (
      <section class="screen home">
        <Heading>{t.home.title}</Heading>
        <div class="card card-caution">
          <h2>{t.home.triageNeededTitle}</h2>
          <p>{current.kind === 'triage_needed' ? current.message : t.plan.triageNeeded}</p>
          <a class="button primary" href="/check?q=1">
            {t.home.checkNow}
          </a>
        </div>
        <PainLog />
      </section>
    );
  }

  const today = current.days[0];
  return (
    <section class="screen home">
      <Heading>{t.home.title}</Heading>
      <p class="muted">
        {t.home.day(current.todayDay)} · {t.plan.stages[current.stage] ?? current.stage}
      </p>
      <SessionInProgress />
      <SessionsElsewhere />
      <Alerts current={current} analysis={analysis} />
      {/* Clinic mode only: this week's PEG, when not yet given (renders nothing otherwise). */}
      <PegPrompt />
      <PainLog />
      <section aria-labelledby="today-plan-heading">
        <h2 id="today-plan-heading">{t.home.planTitle}</h2>
        {today && today.items.length > 0 ? (
          <>
            <h3>{t.plan.core}</h3>
            <ul class="plain-list plan-items">
              {today.items
                .filter((item) => item.slot !== 'choice')
                .map((item) => (
                  <PlanItemCard
                    key={item.entryId}
                    item={item}
                    compact
                    level={4}
                    stopped={stoppedExercises.value.has(item.entryId)}
                  />
                ))}
            </ul>
            <h3>{t.plan.choices}</h3>
            <ul class="plain-list plan-items">
              {today.items
                .filter((item) => item.slot === 'choice')
                .map((item) => (
                  <PlanItemCard
                    key={item.entryId}
                    item={item}
                    compact
                    level={4}
                    stopped={stoppedExercises.value.has(item.entryId)}
                  />
                ))}
            </ul>
          </>
        ) : (
          <p>{t.home.noPlanYet}</p>
        )}
        <a class="button" href="/plan">
          {t.home.seePlan}
        </a>
      </section>
    </section>
  );
}
