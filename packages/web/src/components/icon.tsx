/** A few line icons, drawn inline (no icon font, no requests). Decorative: the text next to them carries meaning. */
const paths = {
  logo: 'M12 3a9 9 0 1 0 8.5 6 M19 3.5a1.6 1.6 0 1 1 0 .1',
  home: 'M3 11 12 4l9 7 M5 10v10h5v-6h4v6h5V10',
  plan: 'M5 4h14v17H5z M8 9h8 M8 13h8 M8 17h5',
  diary: 'M4 19h16 M6 16l4-6 4 3 5-8',
  learn: 'M3 6l9-3 9 3-9 3z M7 8v6c3 2 7 2 10 0V8',
  check: 'M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z M8.5 12l2.5 2.5 4.5-5',
  sun: 'M12 7a5 5 0 1 0 .1 0 M12 1v3 M12 20v3 M1 12h3 M20 12h3 M4.2 4.2l2.1 2.1 M17.7 17.7l2.1 2.1 M4.2 19.8l2.1-2.1 M17.7 6.3l2.1-2.1',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5z',
  contrast: 'M12 3a9 9 0 1 0 .1 0z M12 3v18',
  offline: 'M2 8.5a15 15 0 0 1 20 0 M5.5 12a10 10 0 0 1 13 0 M9 15.5a5 5 0 0 1 6 0 M12 19h.01 M3 3l18 18',
  play: 'M7 4v16l13-8z',
  pause: 'M7 4h4v16H7z M13 4h4v16h-4z',
  skip: 'M5 4v16l10-8z M17 4v16',
  stop: 'M6 6h12v12H6z',
  phone: 'M5 3h4l2 5-3 2a11 11 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z',
  plus: 'M12 5v14 M5 12h14',
  back: 'M15 5l-7 7 7 7',
  forward: 'M9 5l7 7-7 7',
  help: 'M12 3a9 9 0 1 0 .1 0z M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 1-1 1.7v.5 M12 17h.01',
  edit: 'M4 20h4L19 9l-4-4L4 16z',
  trash: 'M4 7h16 M10 11v6 M14 11v6 M6 7l1 13h10l1-13 M9 7V4h6v3',
  alert: 'M12 3 2 20h20z M12 10v4 M12 17h.01',
  download: 'M12 4v11 M7 10l5 5 5-5 M5 20h14',
  settings: 'M4 7h9 M17 7h3 M15 5v4 M4 17h3 M11 17h9 M9 15v4',
  clock: 'M12 3a9 9 0 1 0 .1 0z M12 7v5l3 2',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
