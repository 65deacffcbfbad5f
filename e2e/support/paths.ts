import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const webDir = fileURLToPath(new URL('../../packages/web/', import.meta.url));
export const webDist = fileURLToPath(new URL('../../packages/web/dist/', import.meta.url));
/** The real server entry point, as `npm start` runs it. */
export const serverStart = fileURLToPath(new URL('../../packages/server/src/start.ts', import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
