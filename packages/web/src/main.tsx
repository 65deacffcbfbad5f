/**
 * Entry point. In the browser: load the local records, then show the app (taking over the welcome that was
 * rendered into index.html at build time), start sending the outbox and register the service worker. At build
 * time: `prerender()` renders the welcome into index.html, so the first screen paints before any script runs.
 */
import './styles.css';
import { hydrate, render } from 'preact';
import { App } from './app.tsx';
import { loadRecords, latestCheck, episode, ready, startRecords } from './lib/records.ts';
import { startSync } from './lib/outbox.ts';
import { registerServiceWorker } from './lib/service-worker.ts';
import { startTheme } from './lib/theme.ts';
import { t } from './strings.ts';

async function boot(): Promise<void> {
  startTheme();
  const root = document.getElementById('app');
  if (!root) return;
  // index.html holds the prerendered welcome for every address (the server and the service worker answer any
  // path with it): on another address, clear it at once rather than show the wrong screen while records load.
  if (location.pathname !== '/') root.textContent = '';
  try {
    await loadRecords();
  } catch {
    // No IndexedDB (some private modes): the app still runs; nothing is kept after the tab closes.
    ready.value = true;
  }
  const firstVisit = latestCheck.value === null && episode.value === null;
  if (firstVisit && location.pathname === '/' && root.firstElementChild) {
    hydrate(<App />, root);
  } else {
    root.textContent = '';
    render(<App />, root);
  }
  // The app has taken over the page (tests wait for this before using it with the keyboard).
  document.documentElement.dataset.booted = 'true';
  startRecords();
  startSync();
  registerServiceWorker();
}

if (typeof document !== 'undefined') void boot();

/** Build time only (vite-prerender-plugin): the welcome screen as HTML for index.html. */
export async function prerender(): Promise<{
  html: string;
  links: Set<string>;
  head: { lang: string; title: string };
}> {
  const { renderToStringAsync } = await import('preact-render-to-string');
  const html = await renderToStringAsync(<App />);
  return { html, links: new Set(), head: { lang: t.lang, title: t.app.name } };
}
