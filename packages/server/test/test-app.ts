import { openStore, type Store } from '@unknot/store';
import type { AddressInfo } from 'node:net';
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

export interface ListeningTestApp extends TestApp {
  /** The port the app listens on, on 127.0.0.1. */
  port: number;
}

/**
 * The real app listening on 127.0.0.1 on a free port, for tests that need a real socket: inject() has
 * no local port, and fetch() cannot set Host or send an absolute-form request line.
 */
export async function listenTestApp(
  dialect: (typeof dialects)[number],
  options: Partial<AppOptions> = {},
): Promise<ListeningTestApp> {
  const t = await startTestApp(dialect, options);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...t, port: (t.app.server.address() as AddressInfo).port };
}

export type Json = Record<string, unknown>;

/** One request through `inject()`, its JSON body parsed (null when empty). */
export async function injectJson(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<{ status: number; headers: Record<string, unknown>; body: Json | null }> {
  const res = await app.inject({ method, url, ...(body === undefined ? {} : { payload: body as Json }) });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.body ? (JSON.parse(res.body) as Json) : null,
  };
}
