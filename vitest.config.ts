import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { inheritSourceCondition, sourceCondition } from './scripts/source-condition.ts';

// Tests run the TypeScript sources, and so do the CLIs and servers they spawn.
inheritSourceCondition();

export default defineConfig({
  resolve: { conditions: [sourceCondition, ...defaultServerConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'test/**/*.test.ts',
      'e2e/**/*.e2e.test.ts',
    ],
    // The CLI tests spawn the real binary; give them room on a 2-core machine.
    testTimeout: 30_000,
    // Set-up hooks that spawn the real CLI several times need room on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
