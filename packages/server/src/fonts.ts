import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const font = (file: string): Uint8Array => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));

/** DejaVu Sans, embedded in every summary PDF so accented and non-Latin text renders anywhere. */
export const summaryFonts = { fontBytes: font('DejaVuSans.ttf'), boldFontBytes: font('DejaVuSans-Bold.ttf') };
