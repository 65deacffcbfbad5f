import { openStore, type Store } from '@unknot/store';
import { buildApp, type AppOptions } from './app.ts';

/** The document a server built with `extra` serves at /api/openapi.json (on an in-memory database). */
async function documentOf(extra: (store: Store) => Promise<Partial<AppOptions>>): Promise<string> {
  const store = await openStore({ kind: 'sqlite', path: ':memory:' });
  try {
    const app = await buildApp({ store, ...(await extra(store)) });
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await store.close();
  }
}

/** The OpenAPI document as the running server would serve it at /api/openapi.json. */
export function generateOpenApi(): Promise<string> {
  return documentOf(() => Promise.resolve({}));
}

/**
 * Clinic mode's document: personal mode's routes and the clinic's own (sign-in, care), as a clinic server
 * serves it. Generating it needs no PostgreSQL: the stores are built, never queried.
 */
export function generateClinicOpenApi(): Promise<string> {
  return documentOf(async (store) => {
    const { SqlCareStore, SqlIdentityStore } = await import('@unknot/store');
    return {
      clinic: {
        publicOrigin: 'https://clinic.example',
        identity: new SqlIdentityStore(store.db, store.dialect),
        care: new SqlCareStore(store.db, store.dialect),
      },
    };
  });
}

export const openApiPath = new URL('../openapi.json', import.meta.url);
export const clinicOpenApiPath = new URL('../openapi-clinic.json', import.meta.url);
