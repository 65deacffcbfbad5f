/**
 * One piece of advice in the plan: what it is, how and how often, and why — its evidence grade with references
 * and the seed passages behind it. A timed item gets a start button. An item of the programme the patient's
 * physiotherapist assigned (clinic mode) says so, with the dose they set.
 */
import { numberLabel, oursMark, type PlanDose, type PlanItem, type PlanNumber } from '@unknot/core';
import { programmeText } from '../strings-clinic-shell.ts';
import { t } from '../strings.ts';
import { EvidenceBlock } from './evidence.tsx';
import { Icon } from './icon.tsx';
import { Source } from './sources.tsx';

function numberText(n: PlanNumber): string {
  const value = n.goal ?? n.start;
  const range = n.min === n.max ? `${n.min}` : `${n.min}–${n.max}`;
  const shown = value === null ? range : String(value);
  const unit = t.plan.units[n.unit] ?? '';
  return `${shown}${unit}`;
}

/** The clinician's dose in words: "hold 30 s, 10 repetitions, twice a day" (how often is the item's own line). */
function doseText(dose: PlanDose, howOften: string): string {
  const parts = [
    dose.holdSeconds === undefined ? null : programmeText.hold(dose.holdSeconds),
    dose.reps === undefined ? null : programmeText.reps(dose.reps),
    dose.sets === undefined ? null : programmeText.sets(dose.sets),
    howOften.toLowerCase(),
  ];
  return parts.filter((part) => part !== null).join(', ');
}

/**
 * `full` (the plan screen) shows how to do it too; `compact` (today) keeps the card short and moves the details
 * under "why".
 */
export function PlanItemCard({
  item,
  full = false,
  compact = false,
  level = 3,
  stopped = false,
}: {
  item: PlanItem;
  full?: boolean;
  compact?: boolean;
  level?: 3 | 4;
  /** The diary says to stop this exercise for now: no start button. */
  stopped?: boolean;
}) {
  const Title = level === 3 ? 'h3' : 'h4';
  const Sub = level === 3 ? 'h4' : 'h5';
  const ours = ` ${oursMark.mark}`;
  const oursNumbers = full && item.how.numbers.some((n) => n.origin === 'ours');
  const oursOften = item.howOften.basis === 'ours';
  const details = (
    <>
      <p>{item.note ?? item.summary}</p>
      {item.personalNotes.map((note) => (
        <p key={note} class="muted small">
          {note}
        </p>
      ))}
      <p class="small">
        <strong>{t.plan.howOften}</strong> {item.howOften.text}
        {oursOften ? ours : ''}
      </p>
      {/* An asterisk is never left unexplained: where the frequency carries one, so does its legend. */}
      {oursOften ? <p class="hint">{oursMark.legend}</p> : null}
    </>
  );
  return (
    <li class={`card plan-item plan-item-${item.display}`} data-entry={item.entryId} data-from={item.from}>
      <div class="item-head">
        <Title>{item.title}</Title>
        <span class={`tag tag-${item.display}`}>
          {item.display === 'option' ? t.plan.optionTag : t.learn.displayName.recommend}
        </span>
        {item.from === 'clinician' ? <span class="tag tag-clinician">{programmeText.tag}</span> : null}
        {item.preferred ? <span class="tag">{t.plan.preferred}</span> : null}
        <span class={`grade grade-${item.why.certainty}`}>{t.learn.certainty[item.why.certainty]}</span>
      </div>
      {item.dose ? (
        <p class="small dose">
          <strong>{programmeText.dose}</strong> {doseText(item.dose, item.howOften.text)}
        </p>
      ) : null}
      {compact ? null : details}
      {item.banners.map((b) => (
        <p key={b.condition} class="notice small">
          {b.text}
        </p>
      ))}
      {item.badges.map((b) => (
        <p key={b.condition} class="small">
          {b.text}
        </p>
      ))}
      {item.displayNote ? <p class="small muted">{item.displayNote}</p> : null}
      {stopped ? (
        <p class="notice small">{t.plan.stoppedExercise}</p>
      ) : item.timer ? (
        <p>
          <a
            class="button primary"
            href={`/session/${item.entryId}`}
            aria-label={t.home.startTimer(item.title)}
          >
            <Icon name="play" />
            {t.home.start}
          </a>
        </p>
      ) : null}
      <details class="why">
        <summary>{full ? t.plan.howAndWhy : t.plan.why}</summary>
        {compact ? details : null}
        {full && item.how.steps.length > 0 ? (
          <>
            <Sub>{t.learn.howTo}</Sub>
            <ol class="steps">
              {item.how.steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </>
        ) : null}
        {full && item.how.numbers.length > 0 ? (
          <ul class="small">
            {item.how.numbers.map((n) => (
              <li key={n.field}>
                {numberLabel(n.field)}: {numberText(n)}
                {n.origin === 'ours' ? ours : ''}
              </li>
            ))}
          </ul>
        ) : null}
        {oursNumbers && !oursOften ? <p class="hint">{oursMark.legend}</p> : null}
        {full && item.how.oursReason ? <p class="hint">{item.how.oursReason}</p> : null}
        {item.cautions.length > 0 ? (
          <>
            <Sub>{t.learn.cautions}</Sub>
            <ul>
              {item.cautions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        ) : null}
        <EvidenceBlock evidence={item.why} />
        <p class="sources-label">{t.learn.sources}</p>
        <ul class="sources-list">
          {item.why.sources.map((s) => (
            <li key={`${s.file}:${s.section}`}>
              <Source source={s.file} section={s.section} />
            </li>
          ))}
        </ul>
        <p>
          <a href={`/learn/${item.entryId}`}>{t.plan.learnMore}</a>
        </p>
      </details>
    </li>
  );
}
