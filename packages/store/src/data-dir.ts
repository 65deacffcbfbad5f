import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The operating system's per-user data folder for unknot, so `unknot` run from any folder, and the server,
 * find the same record: `$XDG_DATA_HOME/unknot` (or `~/.local/share/unknot`) on Linux and other Unixes,
 * `~/Library/Application Support/unknot` on macOS, `%APPDATA%\unknot` on Windows.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'unknot');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'unknot');
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'unknot');
}

/** Where unknot keeps its data: `UNKNOT_DATA_DIR` when set, else the per-user data folder. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.UNKNOT_DATA_DIR?.trim();
  return configured ? resolve(configured) : defaultDataDir(env);
}
