/** Light, dark or as the device: the person's choice overrides `prefers-color-scheme`. */
import { effect, signal } from '@preact/signals';
import { themeColour } from '../theme-colours.ts';
import { onForget } from './records.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
const key = 'unknot.theme';
const order: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(key);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const theme = signal<ThemeChoice>('system');
onForget(() => {
  theme.value = 'system';
});

export function nextTheme(): void {
  const i = order.indexOf(theme.value);
  theme.value = order[(i + 1) % order.length] ?? 'system';
  try {
    if (theme.value === 'system') localStorage.removeItem(key);
    else localStorage.setItem(key, theme.value);
  } catch {
    // Storage unavailable: the choice lasts for this visit.
  }
}

/** Applies the stored choice now and whenever it changes. Browser only. */
export function startTheme(): void {
  theme.value = stored();
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = (): void => {
    const root = document.documentElement;
    if (theme.value === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme.value;
    const dark = theme.value === 'dark' || (theme.value === 'system' && media.matches);
    for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
      meta.content = dark ? themeColour.dark : themeColour.light;
    }
  };
  effect(apply);
  media.addEventListener('change', apply);
}
