/**
 * Debian's Chromium through playwright-core, headless, with a fresh profile per context. When Chromium is not
 * installed the e2e suites are skipped, and say why.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
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

export async function openApp(
  options: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<App> {
  // Playwright takes the profile directory itself (it refuses a --user-data-dir flag): a fresh one each time.
  const profile = mkdtempSync(join(tmpdir(), 'unknot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: phone,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    serviceWorkers: 'allow',
  });
  const page = context.pages()[0] ?? (await context.newPage());
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
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
