/**
 * Learn: search the knowledge base, or browse it by kind. The search index (MiniSearch over 80 entries) lives in
 * this lazily loaded chunk, not in the first bundle.
 */
import { knowledgeEntries, libraryBadge, searchKnowledge, type Entry, type Kind } from '@unknot/core';
import { useLocation } from 'preact-iso';
import { useMemo, useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { t } from '../strings.ts';

const kindOrder: readonly Kind[] = [
  'red_flag',
  'treatment',
  'exercise',
  'position',
  'medication',
  'remedy',
  'professional_care',
  'prevention',
  'cause',
  'symptom',
];

/** An entry's badge; a warning sign has its own ("Warning sign: get help"), never the green "Recommended". */
export function DisplayTag({ entry }: { entry: Entry }) {
  const badge = libraryBadge(entry);
  const tone = badge === 'warning_sign' ? 'warning' : badge;
  return <span class={`tag tag-${tone}`}>{t.learn.displayName[badge]}</span>;
}

function EntryLink({ entry }: { entry: Entry }) {
  return (
    <li>
      <a class="entry-link" href={`/learn/${entry.id}`}>
        <span class="entry-title">{entry.title}</span>
        <DisplayTag entry={entry} />
      </a>
    </li>
  );
}

export default function LearnScreen() {
  const { query, route } = useLocation();
  const [text, setText] = useState(query.q ?? '');
  const hits = useMemo(() => (text.trim() === '' ? null : searchKnowledge(text).map((h) => h.entry)), [text]);
  const groups = useMemo(
    () =>
      kindOrder
        .map((kind) => ({ kind, items: knowledgeEntries.filter((e) => e.kind === kind) }))
        .filter((g) => g.items.length > 0),
    [],
  );
  return (
    <section class="screen learn">
      <Heading>{t.learn.title}</Heading>
      <p>{t.learn.intro}</p>
      <form
        role="search"
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <label for="learn-search">{t.learn.search}</label>
        <input
          id="learn-search"
          type="search"
          value={text}
          placeholder={t.learn.searchPlaceholder}
          autoComplete="off"
          enterKeyHint="search"
          onInput={(event) => {
            const value = event.currentTarget.value;
            setText(value);
            route(value.trim() === '' ? '/learn' : `/learn?q=${encodeURIComponent(value)}`, true);
          }}
        />
      </form>
      <p class="muted" role="status" aria-live="polite">
        {hits === null ? '' : hits.length === 0 ? t.learn.noResults : t.learn.results(hits.length)}
      </p>
      {hits !== null ? (
        <ul class="entry-list">
          {hits.map((entry) => (
            <EntryLink key={entry.id} entry={entry} />
          ))}
        </ul>
      ) : (
        <>
          <h2>{t.learn.all}</h2>
          {groups.map((group) => (
            <section key={group.kind} aria-labelledby={`kind-${group.kind}`}>
              <h3 id={`kind-${group.kind}`}>{t.learn.kind[group.kind] ?? group.kind}</h3>
              <ul class="entry-list">
                {group.items.map((entry) => (
                  <EntryLink key={entry.id} entry={entry} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
