/**
 * The result of the latest check. For `emergency`: the emergency advice, ways to call, and the reasons — nothing
 * else (no safety-netting, no plan, no timers: triage.md §1). For the others: headline, advice, reasons with
 * their sources, the safety-netting of §5, and what comes next.
 */
import { dispositionAdvice, questions, safetyNet, type Reason } from '@unknot/core';
import { ruleCards } from 'virtual:unknot/rule-cards';
import { Heading } from '../components/heading.tsx';
import { Icon } from '../components/icon.tsx';
import { SafetyNetSection } from '../components/safety-net.tsx';
import { SourceList } from '../components/sources.tsx';
import { formatDateTime } from '../lib/dates.ts';
import { episode, latestCheck, ready, type CheckRecord } from '../lib/records.ts';
import { t } from '../strings.ts';
import { answerLabel } from './check.tsx';

function Reasons({ reasons }: { reasons: readonly Reason[] }) {
  return (
    <section aria-labelledby="why-heading">
      <h2 id="why-heading">{t.result.why}</h2>
      <ul class="reasons">
        {reasons.map((reason) => {
          const card = ruleCards[reason.rule];
          return (
            <li key={reason.rule} class={`reason reason-${reason.disposition}`}>
              <p>{reason.text}</p>
              <SourceList sources={reason.sources} />
              {card ? (
                <p>
                  <a href={`/learn/${card}`}>{t.result.readMore}</a>
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Unsure({ check }: { check: CheckRecord }) {
  if (check.unsure.length === 0) return null;
  return (
    <section class="card" aria-labelledby="unsure-heading">
      <h2 id="unsure-heading">{t.result.unsureHeading}</h2>
      <p>{t.result.unsureIntro}</p>
      <ul>
        {check.unsure.map((id) => {
          const question = questions.find((q) => q.id === id);
          const value = check.answers[id];
          if (!question || value === undefined) return null;
          return (
            <li key={id}>
              {question.text} <strong>{answerLabel(question, value)}</strong>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Emergency({ check }: { check: CheckRecord }) {
  const advice = dispositionAdvice.emergency;
  return (
    <section class="screen result result-emergency" data-disposition="emergency">
      <div class="emergency-banner">
        <Heading>{advice.headline}</Heading>
        <p class="lead">{advice.advice}</p>
        <ul class="call-list" aria-label={t.result.callTitle}>
          {t.result.emergencyNumbers.map(({ number, region }) => (
            <li key={number}>
              <a class="button call" href={`tel:${number}`}>
                <Icon name="phone" />
                {t.result.call(number, region)}
              </a>
            </li>
          ))}
        </ul>
      </div>
      {check.complete ? null : <p>{t.result.earlyStop}</p>}
      <Reasons reasons={check.result.reasons} />
      <p class="muted">{t.result.emergencyNoPlan}</p>
      <p>
        <a href="/check?q=1">{t.result.checkAgain}</a>
      </p>
    </section>
  );
}

export function ResultScreen() {
  const check = latestCheck.value;
  if (!ready.value) return <p class="screen">{t.app.loading}</p>;
  if (!check) {
    return (
      <section class="screen">
        <Heading>{t.result.noResultTitle}</Heading>
        <p>{t.result.noResult}</p>
        <a class="button primary" href="/check?q=1">
          {t.result.startCheck}
        </a>
      </section>
    );
  }
  const { disposition } = check.result;
  if (disposition === 'emergency') return <Emergency check={check} />;
  const advice = dispositionAdvice[disposition];
  const next = episode.value && !episode.value.preferencesAsked ? '/preferences' : '/';
  return (
    <section class={`screen result result-${disposition}`} data-disposition={disposition}>
      <div class={`result-banner banner-${disposition}`}>
        <p class="eyebrow">{t.result.title}</p>
        <Heading title={t.result.title}>{advice.headline}</Heading>
        <p class="lead">{advice.advice}</p>
        <p class="muted small">{t.result.checkedAt(formatDateTime(check.at))}</p>
      </div>
      {disposition === 'urgent' ? <p class="notice">{t.result.urgentNoPlan}</p> : null}
      <div class="actions">
        {disposition === 'urgent' ? (
          <>
            <a class="button" href="/diary">
              {t.nav.diary}
            </a>
            <a class="button" href="/learn">
              {t.nav.learn}
            </a>
          </>
        ) : (
          <a class="button primary" href={next}>
            {next === '/' ? t.result.toToday : t.result.continue}
          </a>
        )}
      </div>
      <Reasons reasons={check.result.reasons} />
      <Unsure check={check} />
      {advice.showSafetyNet ? (
        <SafetyNetSection id="safety-heading" title={t.result.safetyNetTitle} net={safetyNet} />
      ) : null}
      <p>
        <a href="/check?q=1">{t.result.checkAgain}</a> — {t.result.checkAgainHint}
      </p>
    </section>
  );
}
