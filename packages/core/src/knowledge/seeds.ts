/**
 * The five source articles ("seeds") of `shared/clinical/knowledge-base.md` §0.1.
 *
 * The app names a seed by its display title and kind (spec 1.1 §0.1, generated into seed-titles.ts), never by
 * its file name: the file name is a reference for data and tests only. `sections` are the labels entries use in
 * `sources[].section`: the article's headings exactly as listed in §0.1, or the spec's ¶ labels for untitled
 * paragraphs.
 */
import { seedTitles } from './seed-titles.ts';

export interface SeedFile {
  readonly file: string;
  /** The display title of §0.1, e.g. "How to Treat Back Spasms". */
  readonly title: string;
  /** What kind of page it is, e.g. "web article". */
  readonly kind: string;
  readonly sections: readonly string[];
}

export const seedFiles = [
  {
    file: '000_2f3779810b56e61f.txt',
    ...seedTitles['000_2f3779810b56e61f.txt'],
    sections: [
      'untitled intro',
      'Symptoms and Indicators',
      'Back Pain Remedies',
      'Ice or Heat',
      'Physical Exercise',
      'Other Treatments',
    ],
  },
  {
    file: '001_bd30bd02c355b2a0.txt',
    ...seedTitles['001_bd30bd02c355b2a0.txt'],
    sections: [
      '¶1 definition and onset',
      '¶2 causes',
      '¶3 first steps (rest, lying)',
      '¶4 ice in the first two days',
      '¶5 leg elevation',
      '¶6 medicines, creams, oils',
      '¶7 sleep posture and later exercise',
    ],
  },
  {
    file: '002_e310bbdc0bb54cbd.txt',
    ...seedTitles['002_e310bbdc0bb54cbd.txt'],
    sections: [
      'untitled intro',
      'Rest Your Back',
      'Ice the Tender Area',
      'Use Compression',
      'Stretch Your Muscles',
      'Strengthen Your Core',
      'Go to a Chiropractor',
      'Get Adequate Sleep',
      'Try Yoga',
      'Anti-Inflammatory Medications',
      'Muscle Relaxers',
      'Take Injections',
      'In Conclusion',
    ],
  },
  {
    file: '003_e4685ed4c058ddb9.txt',
    ...seedTitles['003_e4685ed4c058ddb9.txt'],
    sections: [
      'untitled intro',
      'Back Spasm Causes',
      'Conservative Treatment for Back Spasms',
      'Seeking Medical Treatment for Back Spasms',
      'Preventing Spasms',
      'Speak to a Doctor',
    ],
  },
  {
    file: '004_1ae8f1526db4ddd3.txt',
    ...seedTitles['004_1ae8f1526db4ddd3.txt'],
    sections: [
      'untitled intro',
      'Getting Rid of Back Spasm with Medical Treatment',
      'Medical Treatment for Back Spasms',
      'Exercises to Get Rid of Back Spasm',
      'Stretching Exercises',
      'Prone Press Up Exercise…',
      'Single Knee to Chest Exercise…',
      "Prayer Stretch or Child's Pose Exercise…",
      'Home Remedies…',
      'Apple Cider Vinegar (ACV)',
      'Celery Seeds',
      'Lavender Oil',
      'Cayenne Pepper',
      '¶hydration',
      '¶ice packs',
      '¶heat',
      '¶alternate packs',
      '¶acupuncture',
    ],
  },
] as const satisfies readonly SeedFile[];

export type SeedFileName = (typeof seedFiles)[number]['file'];

export const seedFileNames: readonly [SeedFileName, ...SeedFileName[]] = [
  seedFiles[0].file,
  ...seedFiles.slice(1).map((seed) => seed.file),
];

/** The seed with this file name, or `undefined`. */
export function getSeedFile(file: string): SeedFile | undefined {
  return seedFiles.find((seed) => seed.file === file);
}

/**
 * How a source article is named to a person (spec 1.1 §0.1): its display title in quotes and its kind, e.g.
 * `"How to Treat Back Spasms" (web article)`. `undefined` for a name that is not a seed file.
 */
export function seedDisplayName(file: string): string | undefined {
  const seed = getSeedFile(file);
  return seed && `"${seed.title}" (${seed.kind})`;
}

/**
 * A source as a person reads it: a seed file by its display name, anything else (an address, which a screen may
 * make a link) as it is. Triage reasons and timers carry sources as the strings triage.md emits.
 */
export function sourceDisplayName(source: string): string {
  return seedDisplayName(source) ?? source;
}
