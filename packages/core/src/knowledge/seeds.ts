/**
 * The five source articles ("seeds") of `shared/clinical/knowledge-base.md` §0.1.
 *
 * The app names a seed by its file name and by a short, neutral description of our own; it never shows the
 * article's own headline. `sections` are the labels entries use in `sources[].section`: the article's
 * headings exactly as listed in §0.1, or the spec's ¶ labels for untitled paragraphs.
 */

export interface SeedFile {
  readonly file: string;
  /** Our own neutral description of the article. */
  readonly title: string;
  readonly sections: readonly string[];
}

export const seedFiles = [
  {
    file: '000_2f3779810b56e61f.txt',
    title: 'General how-to article on treating back spasms',
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
    title: 'Short article on the causes of back spasms and the first steps to take',
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
    title: 'Long blog post on home care for back spasms',
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
    title: "A spine clinic's web page on the causes, treatment and prevention of back spasms",
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
    title: 'Article on medical treatment, stretches and home remedies for back spasms',
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
