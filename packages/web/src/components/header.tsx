import { nextTheme, theme } from '../lib/theme.ts';
import { online } from '../lib/outbox.ts';
import { failedOps, pendingCount } from '../lib/records.ts';
import { t } from '../strings.ts';
import { Icon } from './icon.tsx';

/** What is still waiting to reach the server: always visible, announced politely when it changes. */
function SyncStatus() {
  const pending = pendingCount.value;
  const failed = failedOps.value.length;
  const offline = !online.value;
  const parts: string[] = [];
  if (offline) parts.push(t.sync.offline);
  if (pending > 0) parts.push(t.sync.waiting(pending));
  if (failed > 0) parts.push(t.sync.failed(failed));
  return (
    <div class="sync" role="status" aria-live="polite">
      {parts.length > 0 ? (
        <a
          href="/outbox"
          class={failed > 0 ? 'sync-link sync-failed' : 'sync-link'}
          data-testid="sync-status"
        >
          {offline ? <Icon name="offline" /> : null}
          <span class="sync-text">{parts.join(' · ')}</span>
        </a>
      ) : null}
    </div>
  );
}

/**
 * `settings`: whether to offer the settings link; as for the navigation, not before a first check nor over an
 * emergency result.
 */
export function Header({ path, settings }: { path: string; settings: boolean }) {
  const mode = t.theme[theme.value];
  return (
    <header class="top">
      <a href="/" class="brand">
        <Icon name="logo" />
        <span>{t.app.brand}</span>
      </a>
      <SyncStatus />
      {settings ? (
        <a
          href="/settings"
          class="icon-button"
          aria-label={t.settings.link}
          title={t.settings.link}
          aria-current={path === '/settings' ? 'page' : undefined}
        >
          <Icon name="settings" />
        </a>
      ) : null}
      <button
        type="button"
        class="icon-button"
        onClick={nextTheme}
        aria-label={t.theme.label(mode)}
        title={t.theme.label(mode)}
      >
        <Icon name={theme.value === 'system' ? 'contrast' : theme.value === 'dark' ? 'moon' : 'sun'} />
      </button>
    </header>
  );
}
