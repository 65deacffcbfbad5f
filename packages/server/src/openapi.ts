import { openStore } from '@unknot/store';
import { buildApp } from './app.ts';

/** The OpenAPI document as the running server would serve it at /api/openapi.json. */
export async function generateOpenApi(): Promise<string> {
  const store = await openStore({ kind: 'sqlite', path: ':memory:' });
  try {
    const app = await buildApp({ store });
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await store.close();
  }
}

export const openApiPath = new URL('../openapi.json', import.meta.url);
