/**
 * One library item: summary, how-to, cautions, sources, agreement, evidence grade with references, and how unknot
 * uses it (its display policy). A `do_not_recommend` item shows a plain "no good evidence / may harm" note and
 * its display note instead of any how-to: no steps, amounts or timers (knowledge-base.md §1.4).
 */
import {
  displayFor,
  evidenceCodes,
  getEntry,
  howToVisible,
  libraryBadge,
  phases,
  timedProtocolIds,
  visibleProtocol,
  type Entry,
} from '@unknot/core';
import { Heading } from '../components/heading.tsx';
import { AgreementLine, EvidenceBlock, SeedSources } from '../components/evidence.tsx';
import { formatDate } from '../lib/dates.ts';
import { notToday } from '../lib/not-today.ts';
import { plan } from '../lib/plan.ts';
import { t } from '../strings.ts';
import { DisplayTag } from './learn.tsx';

const timed = new Set<string>(timedProtocolIds);

function ConditionList({ title, conditions }: { title: string; conditions: readonly string[] | undefined }) {
  if (!conditions || conditions.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {conditions.map((c) => (
          <li key={c}>{t.conditions[c] ?? c}</li>
        ))}
      </ul>
    </>
  );
}

/** Beside a timer the plan does not list today: why not, from the plan itself. Starting stays possible. */
function NotTodayNote({ entryId }: { entryId: string }) {
  const current = plan.value;
  const why = current?.kind === 'plan' ? notToday(current, entryId) : null;
  if (!current || current.kind !== 'plan' || !why) return null;
  return (
    <div class="card card-caution" role="note" data-testid="not-today">
      <h2>{t.learn.notTodayTitle}</h2>
      {why.kind === 'later' ? (
        <p>{t.learn.notTodayLater(why.day, formatDate(why.date), why.reason)}</p>
      ) : why.kind === 'earlier' ? (
        <p>
          {t.learn.notTodayEarlier(why.from, why.to, current.todayDay)} {why.stop ?? ''}
        </p>
      ) : (
        <>
          <p>{t.learn.notTodayLeftOut}</p>
          <ul>
            {why.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <p>{t.learn.notTodayAllowed}</p>
    </div>
  );
}

function DisplayPolicy({ entry }: { entry: Entry }) {
  const display = displayFor(entry);
  const byPhase = phases.filter((p) => entry.display_by_phase?.[p] !== undefined);
  return (
    <section aria-labelledby="display-heading" class={`card display display-${display}`}>
      <h2 id="display-heading">{t.learn.display}</h2>
      <p>
        <DisplayTag entry={entry} /> {t.learn.displayExplain[libraryBadge(entry)]}
      </p>
      {byPhase.length > 0 ? (
        <ul>
          {byPhase.map((phase) => (
            <li key={phase}>
              {t.learn.inPhase(
                t.learn.phase[phase] ?? phase,
                t.learn.displayName[displayFor(entry, phase)] ?? '',
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export default function LearnEntryScreen({ id }: { id?: string }) {
  const entry = id === undefined ? undefined : getEntry(id);
  if (!entry) {
    return (
      <section class="screen">
        <Heading>{t.app.notFoundTitle}</Heading>
        <p>{t.learn.notFound}</p>
        <a href="/learn">{t.learn.back}</a>
      </section>
    );
  }
  const display = displayFor(entry);
  const showHowTo = howToVisible(entry);
  const protocol = visibleProtocol(entry);
  const refs = entry.evidence.refs.map((code) => ({ code, url: evidenceCodes[code].url }));
  return (
    <article class="screen learn-entry" data-display={display}>
      <p class="eyebrow">{t.learn.kind[entry.kind] ?? entry.kind}</p>
      <Heading>{entry.title}</Heading>
      <p>
        <DisplayTag entry={entry} />
      </p>
      {display === 'do_not_recommend' ? (
        <div class="card card-danger" role="note" data-testid="do-not-recommend">
          <p>
            <strong>{t.learn.doNotRecommendNote}</strong>
          </p>
          {entry.display_note ? <p>{entry.display_note}</p> : null}
        </div>
      ) : entry.display_note ? (
        <p class="notice">{entry.display_note}</p>
      ) : null}

      <h2>{t.learn.summary}</h2>
      <p>{entry.summary}</p>

      {showHowTo && protocol?.steps && protocol.steps.length > 0 ? (
        <section aria-labelledby="howto-heading">
          <h2 id="howto-heading">{t.learn.howTo}</h2>
          <ol class="steps">
            {protocol.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          {protocol.progression ? (
            <>
              <h3>{t.learn.progression}</h3>
              <p>{protocol.progression}</p>
            </>
          ) : null}
          {protocol.spec_default ? <p class="muted small">{t.learn.specDefault}</p> : null}
        </section>
      ) : null}
      {showHowTo && timed.has(entry.id) ? (
        <>
          <NotTodayNote entryId={entry.id} />
          <p>
            <a class="button primary" href={`/session/${entry.id}`}>
              {t.learn.startTimer}
            </a>
          </p>
        </>
      ) : null}

      {entry.cautions.length > 0 ? (
        <section aria-labelledby="cautions-heading">
          <h2 id="cautions-heading">{t.learn.cautions}</h2>
          <ul>
            {entry.cautions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {entry.contraindications.length > 0 ? (
        <section aria-labelledby="contra-heading">
          <h2 id="contra-heading">{t.learn.contraindications}</h2>
          <ul>
            {entry.contraindications.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <ConditionList title={t.learn.avoidWith} conditions={entry.avoid_with} />
      <ConditionList title={t.learn.cautionWith} conditions={entry.caution_with} />
      <ConditionList title={t.learn.suits} conditions={entry.suits} />

      <DisplayPolicy entry={entry} />

      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t.learn.evidence}</h2>
        <EvidenceBlock evidence={{ ...entry.evidence, refs }} />
      </section>

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t.learn.sources}</h2>
        <AgreementLine agreement={entry.agreement} />
        <SeedSources sources={entry.sources} />
      </section>

      {entry.related && entry.related.length > 0 ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">{t.learn.related}</h2>
          <ul>
            {entry.related.map((rid) => {
              const other = getEntry(rid);
              return other ? (
                <li key={rid}>
                  <a href={`/learn/${rid}`}>{other.title}</a>
                </li>
              ) : null;
            })}
          </ul>
        </section>
      ) : null}
      <p>
        <a href="/learn">{t.learn.back}</a>
      </p>
    </article>
  );
}
