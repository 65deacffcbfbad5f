/**
 * What turns a catalogue block of knowledge-base.md §2 into words a person may read (spec 1.1): source articles
 * named by their display title (§0.1) instead of their file name, and editor notes (§1.2, "Editor notes are not
 * user text") taken out of the fields the app shows and kept apart in `editorial`.
 *
 * scripts/gen-knowledge.ts applies `toUserEntry` when it writes entries.ts; spec-drift.test.ts applies it to its
 * own reading of the spec, so the committed data is still compared with the spec field for field.
 */

/**
 * The editor notes of §2, exactly as the spec writes them: a whole line of `summary`, `cautions`,
 * `contraindications` or `agreement.note`, or one sentence of it. Each speaks to the app's authors ("say
 * plainly…", "do not carry the source's claim into the app", "the how-to amounts … are deliberately not
 * reproduced"): it says how an entry is written, not what the person should do. A note that is no longer in the
 * spec stops the generator, so this list cannot silently go stale.
 */
export const editorNotes: readonly string[] = [
  'Always shown after the red-flag check, never instead of it.',
  'Use the correct wording in the app: the hamstrings are muscles.',
  '001_bd30bd02c355b2a0.txt describes the curve as bending forward; the app should describe it correctly as an inward (sway-back) curve.',
  "Correct the source's description of the direction of the curve.",
  'Do not repeat the circulation mechanism as fact.',
  'Do not promise that sleep speeds healing of the spasm; that link is unproven.',
  "The right-angle detail and the '90-90' name are ours; the sources only say legs on a chair.",
  'The app should suggest medium-firm, whatever feels comfortable, and never push a purchase.',
  'No product recommendations and no links to buy (see section 4).',
  'Use generic names only in the app.',
  'Correct two errors in the source.',
  'Do not show the 200 mg figure next to paracetamol anywhere in the app.',
  "Do not carry the source's 'long-term relief' claim into the app.",
  "Do not carry the source's 'try it and see' suggestion.",
  'The how-to amounts in the source are deliberately not reproduced in the app.',
  'The preparation details in the source (amount, 10-minute steep, twice daily) are not shown in the app.',
  "The same source's point that exercise releases endorphins is kept only in the exercise entries, without the endorphin claim as a selling point.",
  "Do not repeat 000_2f3779810b56e61f.txt's claim that exercises 'increase the space between vertebrae' as fact; it is unverified.",
  "Remove the source's claim that a misaligned spine 'shuts off' nerves to the breathing, circulation, reproductive and digestive systems, and its suggestion that regular ongoing visits are needed.",
  'Present it supportively and without blame; point to general healthy-weight services rather than diets.',
  'Do not recommend insoles, orthotics or special shoes for the back, and show no shoe products.',
];

/**
 * Display notes that are editor notes (an instruction on how to present the entry), with the words the person
 * reads instead: our own, saying what the note asks for. The spec's note moves to `editorial`.
 */
export const displayNotesForUsers: Readonly<Record<string, { spec: string; shown: string }>> = {
  'tx-ice': {
    spec: 'Say plainly that heat has better evidence; ice is fine in the first 48 h if the user prefers it.',
    shown: 'Heat has better evidence than cold. A cold pack is fine in the first 48 hours if you prefer it.',
  },
  'tx-sleep-routine': {
    spec: 'General-health advice; shown as supportive, not as a treatment.',
    shown: 'General health advice that supports recovery, not a treatment for the spasm itself.',
  },
  'rf-recurring-spasms': {
    spec: 'Suggest a GP or physiotherapy review after the second episode logged in the app.',
    shown: 'After a second episode, a GP or physiotherapy review is worth booking.',
  },
};

/**
 * Titles of evidence codes (§0.2) where the spec's "what it supports" text does not open with a usable one (a
 * bare "Review", a pointer to another code, or no title at all). Our words, naming the publication.
 */
export const evidenceTitleOverrides: Readonly<Record<string, string>> = {
  'NICE-NG59': 'NICE guideline NG59: recommendations',
  'NICE-SELFMGMT': 'NICE NG59: self-management advice',
  'NICE-PHARM-CPD': 'Pharmacist training module on back pain',
  'MR-SUMMARY': 'Evidence summary of the Cochrane review of muscle relaxants',
  'HERBAL-SUMMARY': 'Plain summary of the Cochrane review of herbal medicines',
  'CAPSICUM-TRIAL': 'Capsicum plaster trial: skin reactions',
  'SUPPORTS-SUMMARY': 'Evidence summary of the Cochrane review of lumbar supports',
  'BUPA-OTC': 'Bupa patient information on over-the-counter painkillers',
  'NHS-IBU': 'NHS: how and when to take ibuprofen',
  'CES-2': 'NHS trust page on cauda equina warning signs',
  'EAMC-2015': 'Commentary on the dehydration theory of cramps',
  'ICE-FROSTBITE': 'Frostbite after cold therapy of sports injuries',
  'CHIRO-CLAIMS': 'Review of the health claims of chiropractic',
  'CHIRO-PREV': 'Systematic review of chiropractic care for preventing disease',
  'SHIRI-2010': 'Shiri et al. 2010: meta-analysis of obesity and low back pain',
  HEELS: 'Narrative review of high heels and back pain',
  'ACV-RISK': 'Apple cider vinegar: known risks',
  'LAVENDER-ACD': 'Patch-test series on lavender allergy',
  'EO-SKIN': 'Review of skin reactions to essential oils',
  'PACE-NEWS': 'University summary of the PACE trial',
};

/**
 * The title an evidence code is shown by (spec 1.1 §0.1: "their own title and publisher"): the override above,
 * else the citation that opens the spec's text, up to its first colon (e.g. "Cochrane, Dahm et al. 2010
 * (CD007612)").
 */
export function evidenceTitle(code: string, summary: string): string {
  const override = evidenceTitleOverrides[code];
  if (override !== undefined) return override;
  const colon = summary.indexOf(':');
  if (colon > 0 && colon <= 90) return summary.slice(0, colon);
  throw new Error(`${code}: no title in the spec's text; add one to evidenceTitleOverrides`);
}

/**
 * A cross-reference to the spec itself ("(see section 3, D14)", "(section 4)"): it points the authors to the
 * spec and means nothing to a person, so it is dropped from user text.
 */
const specReference = / \((?:see )?section \d[^)]*\)/g;

/** The most words in a row the app may share with a source article (shared/tools/content-check.py: 10 fail). */
const maxSharedWords = 9;

/**
 * A source article's display title as the app shows it. A title is the article's own words, and one of them
 * (004's) runs to 11: the house rule that no text of ours repeats ten words of a source wins over quoting it
 * whole, so a longer title is cut after nine words with an ellipsis, as a citation would abridge it.
 */
export function shownSeedTitle(title: string): string {
  const words = [...title.matchAll(/[A-Za-z0-9]+(?:'[a-z]+)?/g)];
  const last = words[maxSharedWords - 1];
  if (words.length <= maxSharedWords || last === undefined) return title;
  return `${title.slice(0, last.index + last[0].length)}…`;
}

/** A seed file name anywhere in a text (`004_1ae8f1526db4ddd3.txt`). */
export const seedFileNamePattern = /\d{3}_[0-9a-f]{16}\.txt/g;

/** A text with each seed file name replaced by the article's display title in quotes. */
export function withSeedTitles(text: string, titles: ReadonlyMap<string, string>): string {
  return text.replace(seedFileNamePattern, (file) => {
    const title = titles.get(file);
    if (title === undefined) throw new Error(`no display title for ${file} (§0.1)`);
    return `"${title}"`;
  });
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string in a value, rewritten; `file` keys keep the file name (they are references, not text). */
function mapStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, rewrite));
  if (!isPlain(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === 'file' ? item : mapStrings(item, rewrite)]),
  );
}

/** `text` without the editor notes it holds (as a whole or as a sentence), and the notes found. */
function withoutNotes(text: string): { text: string; notes: string[] } {
  const notes = editorNotes.filter((note) => text.includes(note));
  let rest = text;
  for (const note of notes) rest = rest.replace(note, '');
  return { text: rest.replace(/\s{2,}/g, ' ').trim(), notes };
}

/**
 * A §2 block (as parsed from the YAML, keys already in the spec's order) as the app keeps it: editor notes
 * moved to `editorial` (after `related`, word for word), then in every other text file names replaced by
 * display titles and references to the spec's sections dropped.
 */
export function toUserEntry(block: Plain, titles: ReadonlyMap<string, string>): Plain {
  const id = String(block['id']);
  const entry: Plain = { ...block };
  const editorial: string[] = [];
  const strip = (text: string): string => {
    const { text: rest, notes } = withoutNotes(text);
    editorial.push(...notes);
    return rest;
  };
  if (typeof entry['summary'] === 'string') entry['summary'] = strip(entry['summary']);
  for (const field of ['cautions', 'contraindications'] as const) {
    const lines = entry[field];
    if (Array.isArray(lines))
      entry[field] = lines.map((line) => strip(String(line))).filter((line) => line !== '');
  }
  const agreement = entry['agreement'];
  if (isPlain(agreement) && typeof agreement['note'] === 'string') {
    entry['agreement'] = { ...agreement, note: strip(agreement['note']) };
  }
  const rewrite = displayNotesForUsers[id];
  if (rewrite !== undefined) {
    if (entry['display_note'] !== rewrite.spec)
      throw new Error(`${id}: the display note is no longer the spec's`);
    editorial.push(rewrite.spec);
    entry['display_note'] = rewrite.shown;
  }
  const user = mapStrings(entry, (text) => withSeedTitles(text, titles).replace(specReference, '')) as Plain;
  if (editorial.length > 0) user['editorial'] = editorial;
  return user;
}

/** The editor notes of `editorNotes` that no block holds: a sign that the spec changed under the list. */
export function unusedEditorNotes(userEntries: readonly Plain[]): string[] {
  const used = new Set(userEntries.flatMap((entry) => (entry['editorial'] as string[] | undefined) ?? []));
  return editorNotes.filter((note) => !used.has(note));
}
