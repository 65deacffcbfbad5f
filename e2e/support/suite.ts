/**
 * The set-up every e2e suite shares: the real server started once per test file on its own temporary database,
 * and a fresh browser context for each test in the worker's shared Chromium. The web app is built once for the
 * whole run, by the e2e project's global set-up (global-setup.ts). Timeouts are set here, not in the Vitest
 * config, so a suite behaves the same whichever way it is started.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openApp, sharedBrowser, type App, type AppOptions } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/** A test drives a real browser through several screens: give it room on a loaded 2-core machine. */
export const slow = { timeout: 150_000 };
/** Starting the server, or Chromium for the worker's first test. */
const setupTimeout = 120_000;

export interface Suite {
  /** The server's base URL, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly server: RunningServer;
  /** This test's browser (a phone-sized page in a fresh context). */
  readonly app: App;
}

/** The app in a fresh context of this worker's browser, for a suite that opens its own (useSuite({ app: 'own' })). */
export async function openSharedApp(options: AppOptions = {}): Promise<App> {
  return openApp(options, await sharedBrowser());
}

export function useSuite(options: { app?: 'per-test' | 'own' } = {}): Suite {
  let server: RunningServer | undefined;
  let app: App | undefined;
  beforeAll(async () => {
    // The server's start and Chromium's (in the worker's first file) overlap; the server is kept as soon as it
    // runs, so that afterAll stops it even when Chromium fails to start.
    const browser = sharedBrowser();
    browser.catch(() => undefined); // reported by the await below, not as an unhandled rejection meanwhile
    server = await startServer();
    await browser;
  }, setupTimeout);
  afterAll(async () => {
    await server?.stop();
  }, setupTimeout);
  if (options.app !== 'own') {
    beforeEach(async () => {
      // Each test starts from an empty record: a new context pulls whatever the server holds (docs/sync.md), so
      // the previous test's episode would otherwise appear on this one's welcome screen.
      if (server) {
        const erased = await fetch(`${server.url}/api/v1/data`, { method: 'DELETE' });
        if (!erased.ok)
          throw new Error(`could not erase the server before the test: ${String(erased.status)}`);
      }
      app = await openSharedApp();
    }, setupTimeout);
    afterEach(async () => {
      await app?.close();
      app = undefined;
    }, setupTimeout);
  }
  return {
    get url() {
      if (!server) throw new Error('the server has not started');
      return server.url;
    },
    get server() {
      if (!server) throw new Error('the server has not started');
      return server;
    },
    get app() {
      if (!app) throw new Error('no browser for this test');
      return app;
    },
  };
}
