import { isIP } from 'node:net';

/** Loopback addresses only: personal mode has no accounts, so nothing else may reach it. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Reads HOST and PORT; refuses what personal mode cannot safely do, with a message saying why. Clinic mode
 * (`mode: 'clinic'`) has accounts, so it may listen on any address (behind a load balancer, 0.0.0.0).
 */
export function listenAddressFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  mode: 'personal' | 'clinic' = 'personal',
): ListenAddress {
  const host = env.HOST?.trim() || '127.0.0.1';
  const portText = env.PORT?.trim() || '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535 (got "${portText}").`);
  }
  if (mode === 'personal' && !isLoopback(host)) {
    throw new Error(
      `Refusing to listen on ${host}: unknot runs in personal mode, with no login, so it only listens on this ` +
        'computer (127.0.0.1, ::1 or localhost). Serving other machines needs accounts: clinic mode ' +
        '(UNKNOT_MODE=clinic with PostgreSQL, docs/deploy.md). Unset HOST or set it to 127.0.0.1.',
    );
  }
  // `[::1]` is how a URL writes the address; listen() wants it bare.
  return { host: host.replace(/^\[(.*)\]$/, '$1'), port };
}
