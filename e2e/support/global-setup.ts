/**
 * Runs once before the e2e project's workers start: builds the web app if its sources changed, so that no test file
 * waits on (or races) another one's build.
 */
import { hasChromium } from './browser.ts';
import { ensureWebBuilt } from './build.ts';

export default async function setup(): Promise<void> {
  if (hasChromium) await ensureWebBuilt();
}
