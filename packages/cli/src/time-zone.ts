/**
 * This computer's IANA time zone, for a new episode or a plan without one. TZ comes from the command's env (a test
 * or a wrapper may set it for one command); a value that is not a usable zone falls back to the process's own.
 */
export function localTimeZone(env: NodeJS.ProcessEnv): string {
  const tz = env.TZ?.trim();
  if (tz) {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      // Not an IANA name (a POSIX rule such as "EST5EDT,M3.2.0,M11.1.0"): the process resolved it already.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
