/**
 * Diary: the chart of pain over the days of the episode and every entry, newest first, each with edit and
 * delete. Reads the local copy (kept in step with the server by sync), so it works offline. An entry or the
 * episode changed on two devices is marked, with the replaced version (docs/sync.md).
 */
import {
  analyse,
  questions,
  type AnswerValue,
  type DiaryAnalysis,
  type DiaryEntry,
  type Episode,
} from '@unknot/core';
import { useMemo, useState } from 'preact/hooks';
import { EscalationAlert } from '../components/alerts.tsx';
import { Heading } from '../components/heading.tsx';
import { Icon } from '../components/icon.tsx';
import { PainChart } from '../components/pain-chart.tsx';
import { formatDate, formatDateTime, localToday } from '../lib/dates.ts';
import { escalations } from '../lib/escalations.ts';
import {
  conflicts,
  deleteDiaryEntry,
  diary,
  dismissConflict,
  episode,
  restoreConflict,
  type HistoryItem,
} from '../lib/records.ts';
import { t } from '../strings.ts';
import { answerLabel } from './check.tsx';

/** The check's own words for an episode's answer (where it hurts, what set it off). */
function episodeAnswer(id: 'location' | 'trigger', value: string): string {
  const question = questions.find((q) => q.id === id);
  return question ? answerLabel(question, value as AnswerValue) : value;
}

/**
 * The episode itself was changed on two devices (docs/sync.md): what the later change replaced, from the
 * episode's history, with a way to put it back (a new change) or to keep the details as they are.
 */
function EpisodeConflict({ item }: { item: HistoryItem }) {
  const replaced = item.record as Episode;
  return (
    <section
      class="card card-caution conflict-notice"
      aria-labelledby="episode-conflict-heading"
      role="region"
    >
      <h2 id="episode-conflict-heading">{t.sync.episodeConflictTitle}</h2>
      <p>{t.sync.episodeConflictIntro}</p>
      <p>
        {t.sync.episodeConflictDetails(
          formatDate(replaced.onsetDate),
          episodeAnswer('location', replaced.location),
          episodeAnswer('trigger', replaced.trigger),
        )}
      </p>
      <p class="muted">{t.sync.conflictReplacedAt(formatDateTime(item.replacedAt))}</p>
      <div class="actions">
        <button type="button" class="button" onClick={() => void restoreConflict(item)}>
          {t.sync.conflictRestore}
        </button>
        <button type="button" class="button" onClick={() => void dismissConflict(item)}>
          {t.sync.episodeConflictKeep}
        </button>
      </div>
    </section>
  );
}

function Entry({ entry, onDeleted }: { entry: DiaryEntry; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const factors = [...(entry.worse?.known ?? [])].map((f) => t.factors[f] ?? f);
  const eases = [...(entry.better?.known ?? [])].map((f) => t.factors[f] ?? f);
  return (
    <li class="card diary-entry" data-entry-id={entry.id}>
      <div class="entry-head">
        <p class="entry-pain">
          <span class={`pain-badge pain-${Math.min(10, Math.max(0, entry.pain))}`}>{entry.pain}</span>
          <span class="visually-hidden">{t.diary.painValue(entry.pain)}</span>
        </p>
        <p class="entry-when">{formatDateTime(entry.at)}</p>
      </div>
      {conflicts.value.some((c) => c.kind === 'diary' && c.id === entry.id) ? (
        // Edited on two devices: the edit screen shows the replaced edit and can put it back.
        <p class="notice">
          <a href={`/diary/${entry.id}`}>{t.sync.conflictTitle}</a>
        </p>
      ) : null}
      {entry.pattern ? <p>{t.diary.patternOptions[entry.pattern]}</p> : null}
      {factors.length > 0 || entry.worse?.text ? (
        <p>
          <strong>{t.diary.worse}</strong> {[...factors, entry.worse?.text].filter(Boolean).join(', ')}
        </p>
      ) : null}
      {eases.length > 0 || entry.better?.text ? (
        <p>
          <strong>{t.diary.better}</strong> {[...eases, entry.better?.text].filter(Boolean).join(', ')}
        </p>
      ) : null}
      {entry.medicines && entry.medicines.length > 0 ? (
        <p>
          <strong>{t.diary.medicines}:</strong>{' '}
          {entry.medicines.map((m) => (m.dose ? `${m.name} (${m.dose})` : m.name)).join(', ')}
        </p>
      ) : null}
      {entry.sleepHours !== undefined ? (
        <p>
          <strong>{t.diary.sleepHours}:</strong> {entry.sleepHours}
        </p>
      ) : null}
      {entry.note ? <p class="entry-note">{entry.note}</p> : null}
      <div class="actions">
        <a class="button" href={`/diary/${entry.id}`}>
          <Icon name="edit" />
          {t.diary.edit}
        </a>
        {confirming ? (
          <>
            <span class="confirm-text">{t.diary.removeConfirm}</span>
            <button
              type="button"
              class="button danger"
              onClick={() => {
                void deleteDiaryEntry(entry.id).then(onDeleted);
              }}
            >
              {t.diary.remove}
            </button>
            <button
              type="button"
              class="button"
              onClick={() => {
                setConfirming(false);
              }}
            >
              {t.diary.cancel}
            </button>
          </>
        ) : (
          <button
            type="button"
            class="button danger"
            onClick={() => {
              setConfirming(true);
            }}
          >
            <Icon name="trash" />
            {t.diary.remove}
          </button>
        )}
      </div>
    </li>
  );
}

export default function DiaryScreen() {
  const ep = episode.value;
  const entries = diary.value;
  const [message, setMessage] = useState('');
  const analysis = useMemo((): DiaryAnalysis | null => {
    if (!ep) return null;
    try {
      return analyse(entries, ep, localToday(ep.timeZone));
    } catch {
      return null;
    }
  }, [entries, ep]);
  const newestFirst = [...entries].reverse();
  return (
    <section class="screen diary">
      <Heading>{t.diary.title}</Heading>
      <p>
        <a class="button primary" href="/diary/new">
          <Icon name="plus" />
          {t.diary.add}
        </a>{' '}
        <a class="button" href="/summary">
          {t.summary.link}
        </a>
      </p>
      {conflicts.value
        .filter((c) => c.kind === 'episode')
        .map((c) => (
          <EpisodeConflict key={c.id} item={c} />
        ))}
      {escalations.value.length > 0 ? (
        <section aria-labelledby="diary-alerts-heading">
          <h2 id="diary-alerts-heading">{t.diary.alertsTitle}</h2>
          <ul class="plain-list">
            {escalations.value.map((e) => (
              <EscalationAlert key={`${e.id}-${e.protocolId ?? ''}`} e={e} />
            ))}
          </ul>
        </section>
      ) : null}
      {analysis && entries.length > 0 ? (
        <section aria-labelledby="chart-heading">
          <h2 id="chart-heading">{t.diary.chartTitle}</h2>
          <p class="trend">{t.diary.trend[analysis.trend]}</p>
          <PainChart analysis={analysis} />
        </section>
      ) : null}
      <p role="status" class="muted">
        {message}
      </p>
      <h2>{t.diary.entries}</h2>
      {newestFirst.length === 0 ? (
        <p>{t.diary.empty}</p>
      ) : (
        <ul class="plain-list" data-testid="diary-entries">
          {newestFirst.map((entry) => (
            <Entry
              key={entry.id}
              entry={entry}
              onDeleted={() => {
                setMessage(t.diary.removed);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
