/**
 * The set-up every e2e suite shares: the web app built, the real server started once per suite on its own
 * temporary database, and a fresh browser profile for each test. Timeouts are set here, not in a Vitest config,
 * so the suites behave the same under the root config and under e2e/vitest.config.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openApp, type App } from './browser.ts';
import { ensureWebBuilt } from './build.ts';
import { startServer, type RunningServer } from './server.ts';

/** A test drives a real browser through several screens: give it room on a 2-core machine. */
export const slow = { timeout: 150_000 };
/** Building the app (once) and starting the server. */
const setupTimeout = 300_000;

export interface Suite {
  /** The server's base URL, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly server: RunningServer;
  /** This test's browser (a phone-sized page in a fresh profile). */
  readonly app: App;
}

export function useSuite(options: { browserPerTest?: boolean } = {}): Suite {
  let server: RunningServer | undefined;
  let app: App | undefined;
  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
  }, setupTimeout);
  afterAll(async () => {
    await server?.stop();
  }, setupTimeout);
  if (options.browserPerTest !== false) {
    beforeEach(async () => {
      app = await openApp();
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
