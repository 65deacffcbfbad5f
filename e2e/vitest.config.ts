import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { inheritSourceCondition, sourceCondition } from '../scripts/source-condition.ts';

inheritSourceCondition();

/**
 * The end-to-end suite on its own: `npx vitest run --config e2e/vitest.config.ts`. The root config runs the same
 * files once its include lists `e2e/**\/*.e2e.test.ts`.
 */
export default defineConfig({
  resolve: { conditions: [sourceCondition, ...defaultServerConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
