/**
 * A list of sources: the seed articles by our own neutral title (never the article's headline), external
 * references as links.
 */
import { getSeedFile } from '@unknot/core';
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
  const seed = getSeedFile(source);
  if (seed) {
    return (
      <>
        {seed.title}
        {section ? `, ${t.learn.sourceSection(section)}` : ''} <span class="file-name">({seed.file})</span>
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
