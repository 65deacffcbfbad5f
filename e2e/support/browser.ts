/**
 * Debian's Chromium through playwright-core, headless. A test gets a fresh browser context (its own cookies,
 * storage, IndexedDB and service workers, like a new profile) in a browser that its worker process shares with
 * every other test it runs: starting Chromium costs seconds, a context milliseconds. When Chromium is not
 * installed the e2e suites are skipped, and say why.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumFlags } from './flags.ts';
import { chromiumPath } from './paths.ts';

export { chromiumFlags };

export const hasChromium = existsSync(chromiumPath);
export const skipReason = `e2e skipped: no Chromium at ${chromiumPath} (install Debian's chromium, or set CHROMIUM_PATH)`;
if (!hasChromium) console.warn(skipReason);

/** A phone: the size most people will use unknot at. */
export const phone = { width: 390, height: 844 };

export interface App {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (a CSP violation shows up here). */
  errors: string[];
  close: () => Promise<void>;
}

export interface AppOptions {
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
}

function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags });
}

let shared: Promise<Browser> | undefined;

/**
 * This process's browser, started on first use. The e2e project runs without per-file isolation, so a worker keeps
 * it from one test file to the next; Playwright kills it when the worker process exits.
 */
export function sharedBrowser(): Promise<Browser> {
  shared ??= launch();
  return shared;
}

/**
 * The app in a fresh context of `browser`. Without one (a script such as `npm run screenshots`), the app gets a
 * browser of its own, which `close()` stops, so that the script can exit.
 */
export async function openApp(options: AppOptions = {}, browser?: Browser): Promise<App> {
  const owned = browser ? undefined : await launch();
  const context = await (browser ?? owned)?.newContext({
    viewport: phone,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    serviceWorkers: 'allow',
    acceptDownloads: true,
  });
  if (!context) throw new Error('no browser to open the app in');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await owned?.close();
    },
  };
}
