import { t } from '../strings.ts';
import { Icon, type IconName } from './icon.tsx';

const items: readonly { href: string; label: string; icon: IconName; match: (path: string) => boolean }[] = [
  { href: '/', label: t.nav.home, icon: 'home', match: (p) => p === '/' },
  { href: '/plan', label: t.nav.plan, icon: 'plan', match: (p) => p === '/plan' || p.startsWith('/session') },
  { href: '/diary', label: t.nav.diary, icon: 'diary', match: (p) => p.startsWith('/diary') },
  { href: '/learn', label: t.nav.learn, icon: 'learn', match: (p) => p.startsWith('/learn') },
  { href: '/check', label: t.nav.check, icon: 'check', match: (p) => p === '/check' || p === '/result' },
];

export function Nav({ path }: { path: string }) {
  return (
    <nav class="main-nav" aria-label={t.nav.label}>
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href} aria-current={item.match(path) ? 'page' : undefined}>
              <Icon name={item.icon} />
              <span>{item.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
