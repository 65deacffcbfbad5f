import { openStore, type Store } from '@unknot/store';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../src/app.ts';
import { dialects, type TestDatabase } from '@unknot/store/testing';

export * from '@unknot/store/testing';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  close: () => Promise<void>;
}

/** The real app on a real, fresh database of the given dialect. */
export async function startTestApp(
  dialect: (typeof dialects)[number],
  options: Partial<AppOptions> = {},
): Promise<TestApp> {
  const database: TestDatabase = await dialect.fresh();
  const store = await openStore(database.config);
  const app = await buildApp({ store, ...options });
  await app.ready();
  return {
    app,
    store,
    close: async () => {
      await app.close();
      await store.close();
      await database.dispose();
    },
  };
}
