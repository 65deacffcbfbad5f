import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { inheritSourceCondition, sourceCondition } from './scripts/source-condition.ts';

// Tests run the TypeScript sources, and so do the CLIs and servers they spawn.
inheritSourceCondition();
// The suites spawn the real server and CLI some thirty times, each compiling the same sources: Node's on-disk
// compile cache (keyed by each file's contents, so never stale) saves about a third of every start after the first.
process.env.NODE_COMPILE_CACHE ??= fileURLToPath(
  new URL('node_modules/.cache/node-compile-cache', import.meta.url),
);

const conditions = [sourceCondition, ...defaultServerConditions];

/**
 * Three projects, one run (`npm test`); pick one with `npx vitest run --project unit|cli|e2e`. The projects
 * inherit this file's settings (`extends: true`) and so share its Vite server and transform cache.
 */
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. Most of a test's wall
    // time here is spent waiting on another process (Chromium, a spawned server or CLI, PostgreSQL), so two
    // workers keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/core/src/**/*.test.ts',
            'packages/store/test/**/*.test.ts',
            'packages/server/test/**/*.test.ts',
            'packages/web/src/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          // Files share a worker and its module cache: nothing here mocks a module, writes process.env or leaves
          // a global behind (the web tests that stub fetch or fake timers undo it in afterEach; these two
          // settings undo them even when a test fails before its afterEach).
          isolate: false,
          unstubGlobals: true,
          unstubEnvs: true,
          // The store and server tests spawn the real server and run on PostgreSQL: room on a loaded machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'cli',
          include: ['packages/cli/test/**/*.test.ts'],
          // A handful of these spawn the real binary; give them room on a 2-core machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          // The web app is built once, before any worker starts.
          globalSetup: ['e2e/support/global-setup.ts'],
          // A worker keeps its Chromium from one test file to the next (e2e/support/browser.ts); every test still
          // gets a fresh browser context, and every file its own server and database.
          isolate: false,
          // Timeouts are set in e2e/support/suite.ts, next to what they wait for.
        },
      },
    ],
  },
});
