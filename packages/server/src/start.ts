/**
 * `npm start` / `unknot serve`: migrate the database, listen on 127.0.0.1:3000 (PORT, HOST), print the URL.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  acquireServerLock,
  describeStore,
  openStore,
  storeConfigFromEnv,
  type Store,
  type StoreConfig,
} from '@unknot/store';
import { buildApp } from './app.ts';
import type { ClinicOptions } from './clinic/auth.ts';
import { modeFromEnv } from './clinic/config.ts';
import { listenAddressFromEnv } from './listen-address.ts';
import { serverLogger } from './logging.ts';

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

function limitFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a positive whole number (got "${text}").`);
  return n;
}

/** Clinic mode's stores, over the same database connection as the records. Personal mode never loads them. */
async function clinicOf(
  store: Store,
  { publicOrigin, trustedProxies }: { publicOrigin: string; trustedProxies: number },
): Promise<ClinicOptions> {
  const { SqlCareStore, SqlIdentityStore } = await import('@unknot/store');
  return {
    publicOrigin,
    trustedProxies,
    signInRateLimitPerMinute: limitFromEnv('UNKNOT_SIGN_IN_RATE_LIMIT_PER_MINUTE'),
    identity: new SqlIdentityStore(store.db, store.dialect),
    care: new SqlCareStore(store.db, store.dialect),
  };
}

async function start(): Promise<void> {
  // Checked first: clinic mode without its settings must not start, not even in personal mode by mistake.
  const mode = modeFromEnv();
  const address = listenAddressFromEnv(process.env, mode.mode);
  const config: StoreConfig =
    mode.mode === 'clinic' ? { kind: 'postgres', url: mode.databaseUrl } : storeConfigFromEnv();
  // One server per SQLite file: a second one would answer from a record the first is changing.
  const releaseLock = config.kind === 'sqlite' ? acquireServerLock(config.path) : () => undefined;
  process.once('exit', releaseLock);
  const store = await openStore(config);
  const app = await buildApp({
    store,
    logger: serverLogger(),
    webDist: existsSync(webDist) ? webDist : undefined,
    rateLimitPerMinute: limitFromEnv('UNKNOT_RATE_LIMIT_PER_MINUTE'),
    expensiveRateLimitPerMinute: limitFromEnv('UNKNOT_EXPENSIVE_RATE_LIMIT_PER_MINUTE'),
    clinic: mode.mode === 'clinic' ? await clinicOf(store, mode) : undefined,
  });
  const stop = async (): Promise<void> => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen(address);
  const shownHost = address.host.includes(':') ? `[${address.host}]` : address.host;
  const port = (app.server.address() as { port: number }).port;
  const shownMode = mode.mode === 'clinic' ? `, clinic mode for ${mode.publicOrigin}` : '';
  console.log(
    `unknot is running at http://${shownHost}:${port} (data: ${describeStore(config)}${shownMode})`,
  );
  console.log(`API docs: http://${shownHost}:${port}/api/docs`);
  // An installed @unknot/server ships without the web app (packages/web is not published): say so up front.
  if (!existsSync(webDist)) console.log('Web app: not installed with this server; it answers the API only.');
}

start().catch((error: unknown) => {
  console.error(`unknot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
