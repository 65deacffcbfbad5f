/**
 * A list of sources: the seed articles by their display title and kind (knowledge-base.md 1.1 §0.1; never the
 * file name, which is a data reference only), external references as links.
 */
import { seedDisplayName } from '@unknot/core';
import { t } from '../strings.ts';

/** A short, readable form of an address: host and path, without the scheme. */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/$/, '');
    const shown = `${u.host.replace(/^www\d?\./, '')}${path}`;
    return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
  } catch {
    return url;
  }
}

export function Source({ source, section }: { source: string; section?: string }) {
  const seed = seedDisplayName(source);
  if (seed !== undefined) {
    return (
      <>
        {seed}
        {section ? `, ${t.learn.sourceSection(section)}` : ''}
      </>
    );
  }
  if (/^https?:\/\//.test(source)) {
    return (
      <a href={source} target="_blank" rel="noopener noreferrer">
        {shortUrl(source)}
        <span class="visually-hidden"> {t.common.externalLink}</span>
      </a>
    );
  }
  return <>{source}</>;
}

export function SourceList({ sources, label }: { sources: readonly string[]; label?: string }) {
  return (
    <div class="sources">
      <p class="sources-label">{label ?? t.result.sources}</p>
      <ul>
        {sources.map((s) => (
          <li key={s}>
            <Source source={s} />
          </li>
        ))}
      </ul>
    </div>
  );
}
