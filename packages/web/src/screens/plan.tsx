/**
 * Plan: today's advice in full (how, how often, why) and when to get help come first and open; the rest (the
 * phases and their days, check-ins, what opens later and when, what is left out for this person and why, day by
 * day ahead, what is always available) follows collapsed, so the screen a person opens is about today.
 */
import { planToIcs, type Plan } from '@unknot/core';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { PlanItemCard } from '../components/plan-item.tsx';
import { SafetyNetSection } from '../components/safety-net.tsx';
import { SessionsElsewhere } from '../components/sessions-elsewhere.tsx';
import { formatDate } from '../lib/dates.ts';
import { plan } from '../lib/plan.ts';
import { t } from '../strings.ts';

/** A part of the plan that is not about today: collapsed, its heading kept in the outline. */
function Later({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <details class="plan-later" data-testid={id}>
      <summary>
        <h2 id={`${id}-heading`}>{title}</h2>
      </summary>
      {children}
    </details>
  );
}

function Stages({ current }: { current: Plan }) {
  return (
    <>
      <ol class="stages">
        {current.stages.map((span) => {
          const now = span.stage === current.stage;
          return (
            <li
              key={span.stage}
              class={now ? 'stage stage-current' : 'stage'}
              aria-current={now ? 'step' : undefined}
            >
              <strong>{t.plan.stages[span.stage] ?? span.stage}</strong>
              <span class="muted">
                {' '}
                {t.plan.phaseDays(span.startDay, span.endDay)} · {formatDate(span.startDate)}
                {now ? ` · ${t.plan.current}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
      {current.nextRedFlagCheck ? (
        <p class="hint">{t.plan.nextCheck(formatDate(current.nextRedFlagCheck))}</p>
      ) : null}
    </>
  );
}

function CalendarButton({ current }: { current: Plan }) {
  const [href, setHref] = useState<string | null>(null);
  return href ? (
    <a class="button" href={href} download={t.plan.calendarFile}>
      {t.plan.calendar}
    </a>
  ) : (
    <button
      type="button"
      class="button"
      onClick={() => {
        const ics = planToIcs(current);
        const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
        setHref(url);
        const a = document.createElement('a');
        a.href = url;
        a.download = t.plan.calendarFile;
        a.click();
      }}
    >
      {t.plan.calendar}
    </button>
  );
}

export default function PlanScreen() {
  const current = plan.value;
  if (!current || current.kind !== 'plan') {
    return (
      <section class="screen">
        <Heading>{t.plan.title}</Heading>
        <p>{current?.kind === 'triage_needed' ? current.message : t.plan.triageNeeded}</p>
        <a class="button primary" href="/check?q=1">
          {t.home.checkNow}
        </a>
      </section>
    );
  }
  const today = current.days[0];
  const ahead = current.days.slice(1);
  return (
    <section class="screen plan">
      <Heading>{t.plan.title}</Heading>
      <p>{t.plan.intro}</p>
      <div class="actions">
        <a class="button" href="/preferences">
          {t.plan.preferences}
        </a>
        <CalendarButton current={current} />
      </div>
      <SessionsElsewhere />
      {current.appointment ? (
        <div class="card card-caution">
          <h2>{current.appointment.headline}</h2>
          <p>{current.appointment.advice}</p>
        </div>
      ) : null}

      {today ? (
        <section aria-labelledby="plan-today-heading">
          <h2 id="plan-today-heading">
            {t.plan.today}: {t.plan.dayLabel(today.day, formatDate(today.date))}
          </h2>
          <p class="muted">{t.plan.stages[today.stage] ?? today.stage}</p>
          <ul class="plain-list plan-items">
            {today.items.map((item) => (
              <PlanItemCard key={item.entryId} item={item} full />
            ))}
          </ul>
          {today.stops.length > 0 ? (
            <>
              <h3>{t.home.stopsTitle}</h3>
              <ul>
                {today.stops.map((s) => (
                  <li key={s.entryId}>
                    <strong>{s.title}</strong>: {s.text} {s.instead ?? ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {today.library.length > 0 ? (
            <>
              <h3>{t.plan.library}</h3>
              <ul>
                {today.library.map((l) => (
                  <li key={l.entryId}>
                    <a href={`/learn/${l.entryId}`}>{l.title}</a>{' '}
                    <span class={`tag tag-${l.display}`}>
                      {l.display === 'do_not_recommend'
                        ? t.learn.doNotRecommendNote
                        : t.learn.displayName[l.display]}
                    </span>
                    <p class="small muted">{l.displayNote}</p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <SafetyNetSection id="plan-help-heading" title={t.plan.safetyNet} net={current.safetyNet} />

      <Later id="stages" title={t.plan.stagesTitle}>
        <Stages current={current} />
      </Later>

      {current.checkIns.length > 0 ? (
        <Later id="checkins" title={t.plan.checkIns}>
          <ul>
            {current.checkIns.map((c) => (
              <li key={c.id}>
                <strong>{t.home.checkInTitle(c.day)}</strong> ({formatDate(c.date)}): {c.question}
              </li>
            ))}
          </ul>
        </Later>
      ) : null}

      <Later id="days" title={t.plan.daysTitle}>
        {ahead.map((day) => (
          <details key={day.date} class="plan-day">
            <summary>
              {t.plan.dayLabel(day.day, formatDate(day.date))}
              {day.redFlagCheckFirst ? <span class="tag tag-warning">{t.plan.checkFirst}</span> : null}
              {day.checkIn ? (
                <span class="tag">{t.home.checkInTitle(day.checkIn === 'day-7' ? 7 : 14)}</span>
              ) : null}
            </summary>
            <ul>
              {day.items.map((item) => (
                <li key={item.entryId}>
                  {item.title}{' '}
                  <span class={`tag tag-${item.display}`}>
                    {item.display === 'option' ? t.plan.optionTag : t.learn.displayName.recommend}
                  </span>
                </li>
              ))}
            </ul>
            {day.stops.map((s) => (
              <p key={s.entryId} class="small">
                <strong>{s.title}</strong>: {s.text}
              </p>
            ))}
          </details>
        ))}
      </Later>

      <Later id="heldback" title={t.plan.heldBack}>
        <ul>
          {current.heldBack.map((h) => (
            <li key={h.entryId}>
              <a href={`/learn/${h.entryId}`}>{h.title}</a>: {t.plan.unlocksOn(h.unlockDay)} (
              {formatDate(h.unlockDate)}). <span class="muted">{h.reason}</span>
            </li>
          ))}
        </ul>
      </Later>

      <Later id="leftout" title={t.plan.leftOut}>
        {current.leftOut.length === 0 ? (
          <p>{t.plan.nothingLeftOut}</p>
        ) : (
          <ul>
            {current.leftOut.map((l) => (
              <li key={l.entryId}>
                <a href={`/learn/${l.entryId}`}>{l.title}</a>
                <ul>
                  {l.reasons.map((r) => (
                    <li key={`${r.code}-${r.condition ?? ''}`}>{r.text}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Later>

      {current.alwaysAvailable.length > 0 ? (
        <Later id="always" title={t.plan.alwaysAvailable}>
          <ul class="plain-list plan-items">
            {current.alwaysAvailable.map((item) => (
              <PlanItemCard key={item.entryId} item={item} full />
            ))}
          </ul>
        </Later>
      ) : null}
    </section>
  );
}
