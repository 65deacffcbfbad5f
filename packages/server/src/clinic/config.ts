import { isLoopback } from '../listen-address.ts';

/**
 * Which mode the server runs in, from the environment (docs/clinic.md). Personal mode is the default and
 * needs nothing; clinic mode needs PostgreSQL and the address people reach it at, and refuses to start
 * without them rather than guess: a wrong public origin would make every sign-in and CSRF check fail.
 */
export type ModeConfig =
  | { mode: 'personal' }
  | {
      mode: 'clinic';
      /** `https://clinic.example` (scheme, host and port only). Cookies, CSRF and passkeys are bound to it. */
      publicOrigin: string;
      /** A postgres:// URL: clinic mode keeps sessions, challenges and rate counters there, shared by processes. */
      databaseUrl: string;
      /**
       * How many proxies (load balancers) stand in front and append to X-Forwarded-For; 0 when clients connect
       * directly. Rate limits count per client address, which behind a proxy only this header tells.
       */
      trustedProxies: number;
    };

/** What is wrong with UNKNOT_PUBLIC_ORIGIN, or its normalised form (`URL.origin`). */
function checkPublicOrigin(text: string | undefined): { origin: string } | { problem: string } {
  if (!text?.trim()) return { problem: 'UNKNOT_PUBLIC_ORIGIN is not set (e.g. https://clinic.example).' };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: `UNKNOT_PUBLIC_ORIGIN is not a URL (got "${text}").` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: `UNKNOT_PUBLIC_ORIGIN must start with https:// (got "${url.protocol}").` };
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    return {
      problem: `UNKNOT_PUBLIC_ORIGIN must be an origin only, scheme, host and port, with no path (got "${text}").`,
    };
  }
  // A session cookie sent over plain HTTP can be read on the way; only a test on this computer may do that.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return {
      problem:
        `UNKNOT_PUBLIC_ORIGIN must be https:// (got "${url.origin}"): sign-in cookies are sent over it. ` +
        'Plain http:// is allowed for localhost only, for tests.',
    };
  }
  return { origin: url.origin };
}

/** Reads UNKNOT_MODE, DATABASE_URL and UNKNOT_PUBLIC_ORIGIN; throws one Error naming every problem. */
export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): ModeConfig {
  const mode = env.UNKNOT_MODE?.trim() || 'personal';
  if (mode === 'personal') return { mode: 'personal' };
  if (mode !== 'clinic') {
    throw new Error(`UNKNOT_MODE must be "personal" or "clinic" (got "${mode}").`);
  }
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  if (!databaseUrl) problems.push('DATABASE_URL is not set (clinic mode needs PostgreSQL: postgres://…).');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      `DATABASE_URL must be a postgres:// URL in clinic mode (got "${databaseUrl.split(':')[0] ?? ''}:…").`,
    );
  }
  const origin = checkPublicOrigin(env.UNKNOT_PUBLIC_ORIGIN);
  if ('problem' in origin) problems.push(origin.problem);
  const proxiesText = env.UNKNOT_TRUSTED_PROXIES?.trim() || '0';
  const trustedProxies = Number(proxiesText);
  if (!/^\d+$/.test(proxiesText) || trustedProxies > 10) {
    problems.push(
      `UNKNOT_TRUSTED_PROXIES must be a whole number of proxies from 0 to 10 (got "${proxiesText}").`,
    );
  }
  if (problems.length > 0 || !('origin' in origin)) {
    throw new Error(`Clinic mode cannot start: ${problems.join(' ')}`);
  }
  return { mode: 'clinic', publicOrigin: origin.origin, databaseUrl, trustedProxies };
}
