/** Colours that live outside the style sheet: the manifest and the browser's theme colour. */
export const manifestColours = {
  theme: '#0f5f57',
  background: '#fbfaf7',
} as const;

/** The `<meta name="theme-color">` value per theme, kept in step with styles.css. */
export const themeColour = { light: '#fbfaf7', dark: '#121417' } as const;
