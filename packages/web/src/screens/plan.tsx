/**
 * Plan: the phases and their days, today's advice in full (how, how often, why), day by day ahead, what opens
 * later and when, what is left out for this person and why, what stays in the library, and the safety-netting.
 */
import { planToIcs, type Plan } from '@unknot/core';
import { useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { PlanItemCard } from '../components/plan-item.tsx';
import { formatDate } from '../lib/dates.ts';
import { plan } from '../lib/plan.ts';
import { t } from '../strings.ts';

function Stages({ current }: { current: Plan }) {
  return (
    <section aria-labelledby="stages-heading">
      <h2 id="stages-heading">{t.plan.stagesTitle}</h2>
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
    </section>
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
      {current.appointment ? (
        <div class="card card-caution">
          <h2>{current.appointment.headline}</h2>
          <p>{current.appointment.advice}</p>
        </div>
      ) : null}
      <Stages current={current} />

      {today ? (
        <section aria-labelledby="plan-today-heading">
          <h2 id="plan-today-heading">
            {t.plan.today}: {t.plan.dayLabel(today.day, formatDate(today.date))}
          </h2>
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

      {current.checkIns.length > 0 ? (
        <section aria-labelledby="checkins-heading">
          <h2 id="checkins-heading">{t.plan.checkIns}</h2>
          <ul>
            {current.checkIns.map((c) => (
              <li key={c.id}>
                <strong>{t.home.checkInTitle(c.day)}</strong> ({formatDate(c.date)}): {c.question}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="heldback-heading">
        <h2 id="heldback-heading">{t.plan.heldBack}</h2>
        <ul>
          {current.heldBack.map((h) => (
            <li key={h.entryId}>
              <a href={`/learn/${h.entryId}`}>{h.title}</a>: {t.plan.unlocksOn(h.unlockDay)} (
              {formatDate(h.unlockDate)}). <span class="muted">{h.reason}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="leftout-heading">
        <h2 id="leftout-heading">{t.plan.leftOut}</h2>
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
      </section>

      <section aria-labelledby="days-heading">
        <h2 id="days-heading">{t.plan.daysTitle}</h2>
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
      </section>

      {current.alwaysAvailable.length > 0 ? (
        <section aria-labelledby="always-heading">
          <h2 id="always-heading">{t.plan.alwaysAvailable}</h2>
          <ul class="plain-list plan-items">
            {current.alwaysAvailable.map((item) => (
              <PlanItemCard key={item.entryId} item={item} full />
            ))}
          </ul>
        </section>
      ) : null}

      <details class="card">
        <summary>{t.plan.safetyNet}</summary>
        {current.safetyNet.groups.map((g) => (
          <div key={g.heading}>
            <h3>{g.heading}</h3>
            <ul>
              {g.items.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          </div>
        ))}
        <p>
          <strong>{current.safetyNet.closing}</strong>
        </p>
      </details>
    </section>
  );
}
