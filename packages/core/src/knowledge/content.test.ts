/**
 * Content rules for everything this module ships: §4.3 (no commercial content), §6 checks 7 and 8, §1.4 rule 2
 * (generic names, no doses), and the corrections of §3.2. Each check runs on the real data and on a canary string
 * that breaks it, so a check that cannot fail would be noticed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knowledgeEntries } from './entries.ts';
import { evidenceCodes } from './evidence-codes.ts';
import { getEntry } from './lookup.ts';
import { seedFiles } from './seeds.ts';
import { synonyms } from './synonyms.ts';
import { collectStrings, findStrings, sharedFile, specBlocklist, type FoundString } from './test-helpers.ts';

/** Everything this module ships, keyed so that a finding's path names the entry: `entries.tx-ice.summary`. */
const shipped = {
  entries: Object.fromEntries(knowledgeEntries.map((entry) => [entry.id, entry])),
  evidenceCodes,
  seedTitles: seedFiles.map((seed) => seed.title),
  synonyms,
};
const shippedStrings = findStrings(shipped);

describe('collectStrings', () => {
  it('finds every string value, in document order, and no keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const expected: string[] = [];
        JSON.parse(JSON.stringify(value), (_key, item: unknown) => {
          if (typeof item === 'string') expected.push(item);
          return item;
        });
        expect(collectStrings(value)).toEqual(expected);
      }),
    );
  });

  it('walks the shipped content', () => {
    expect(shippedStrings.length).toBeGreaterThan(1000);
    expect(collectStrings(shipped)).toContain(getEntry('tx-ice')?.summary);
  });
});

/** §4.3, copied here so the check runs without the spec; compared with the spec below when it is present. */
const BLOCKLIST = [
  'amazon',
  'amazon associate',
  'qualifying purchases',
  'check the prices',
  'bestseller',
  'memory foam',
  'mattress topper',
  'elite spine',
  '77-spine',
  '(855)',
  'call our office',
  'motrin',
  'tylenol',
  'leave a comment',
  'last modified',
  'bidisha',
  'deductible',
  'second-hand',
];
const PHONE = /\(\d{3}\)\s*\d{2,3}-?\w{3,5}/;

/** Brand names of the medicines the catalogue discusses; §1.4 rule 2 allows generic names only. */
const BRAND_NAMES = [
  'advil',
  'nurofen',
  'aleve',
  'panadol',
  'calpol',
  'voltaren',
  'valium',
  'flexeril',
  'robaxin',
];

function blocked(strings: readonly FoundString[]): string[] {
  return strings.flatMap(({ path, text }) => {
    const lower = text.toLowerCase();
    const terms = [...BLOCKLIST, ...BRAND_NAMES].filter((term) => lower.includes(term));
    return [...terms, ...(PHONE.test(text) ? ['a phone number'] : [])].map((term) => `${path}: ${term}`);
  });
}

describe('no commercial content (§4.3, §6 check 7)', () => {
  it('finds no blocklisted term, brand name or phone number in any shipped string', () => {
    expect(blocked(shippedStrings)).toEqual([]);
  });

  it.each([
    'Check the prices on Amazon.',
    'A MEMORY FOAM topper helps.',
    'Take Tylenol.',
    'Call (855) 555-0100 today.',
    'Ask for Nurofen.',
  ])('catches the canary %j', (text) => {
    expect(blocked([{ path: 'canary', text }])).not.toEqual([]);
  });

  const spec = sharedFile('clinical/knowledge-base.md', 'the comparison of the blocklist with §4.3');
  it.skipIf(!spec.present)('uses the blocklist and phone pattern of §4.3', () => {
    const fromSpec = specBlocklist(spec.read());
    expect(BLOCKLIST).toEqual(fromSpec.terms);
    expect(PHONE.source).toBe(fromSpec.phone.source);
  });
});

describe('medicines (§1.4 rule 2)', () => {
  it('gives no amounts in milligrams in titles, summaries, protocols, display notes or synonyms', () => {
    const adviceFields = knowledgeEntries.flatMap((entry) =>
      findStrings(
        { title: entry.title, summary: entry.summary, protocol: entry.protocol, note: entry.display_note },
        entry.id,
      ),
    );
    const found = [...adviceFields, ...findStrings(synonyms)].filter(({ text }) => /\d\s*mg\b/i.test(text));
    expect(found).toEqual([]);
  });
});

const PARACETAMOL = /paracetamol|acetaminophen/i;
const PAIRED_WITH = /\b200\s*mg\b|anti[-\s]?inflammator/i;

/**
 * §6 check 8 forbids pairing paracetamol/acetaminophen with "200 mg" or "anti-inflammatory". The spec's own
 * correction of that error (§3.2, D7) has to name the pair to refute it, so exactly these strings may do so, and
 * each must still carry the words that refute it. Any other string that pairs them fails.
 */
const CORRECTIONS: Readonly<Record<string, RegExp>> = {
  'entries.med-paracetamol-alone.summary': /It is not one: .*no meaningful anti-inflammatory action/,
  'entries.med-paracetamol-alone.cautions[0]':
    /Acetaminophen is not an anti-inflammatory\. .*fits ibuprofen, not acetaminophen/,
  // An editor note (spec 1.1 §1.2): kept in the data, never shown.
  'entries.med-paracetamol-alone.editorial[1]': /^Do not show the 200 mg figure next to paracetamol/,
  'entries.med-paracetamol-alone.display_note': /it is not an anti-inflammatory\.$/,
  'entries.med-oral-nsaid-otc.agreement.note': /wrongly groups paracetamol with the NSAIDs/,
  'evidenceCodes.PARA-PHARM.summary': /without significant anti-inflammatory activity/,
};

function paracetamolPairings(strings: readonly FoundString[]): string[] {
  return strings
    .filter(({ text }) => PARACETAMOL.test(text) && PAIRED_WITH.test(text))
    .filter(({ path, text }) => !(CORRECTIONS[path]?.test(text) ?? false))
    .map(({ path }) => path);
}

describe('paracetamol is never an anti-inflammatory and never 200 mg (§6 check 8)', () => {
  it('pairs them only in the refuting corrections', () => {
    expect(paracetamolPairings(shippedStrings)).toEqual([]);
  });

  it('lists no correction that the data no longer holds', () => {
    const paths = new Set(shippedStrings.map(({ path }) => path));
    for (const path of Object.keys(CORRECTIONS)) expect(paths, path).toContain(path);
  });

  it.each([
    [
      'anywhere else',
      { path: 'entries.med-oral-nsaid-otc.summary', text: 'Acetaminophen is an anti-inflammatory.' },
    ],
    ['with a strength', { path: 'entries.med-paracetamol-alone.title', text: 'Paracetamol 200 mg' }],
    [
      'in a correction string that lost its refutation',
      { path: 'entries.med-paracetamol-alone.display_note', text: 'Paracetamol, an anti-inflammatory.' },
    ],
  ])('catches a pairing %s', (_where, canary) => {
    expect(paracetamolPairings([canary])).toEqual([canary.path]);
  });

  it('never states that paracetamol or acetaminophen is an anti-inflammatory', () => {
    const claim = /(?:paracetamol|acetaminophen)\)?,? (?:is|are|as) an? anti-inflammatory/i;
    const hits = shippedStrings.filter(
      ({ text }) => claim.test(text) && !/lists acetaminophen as/.test(text),
    );
    expect(hits).toEqual([]);
  });
});

interface Correction {
  /** The §3.2 claim, for the test name. */
  readonly claim: string;
  /** The entry that carries the correction, its required display, and what it must say. */
  readonly entry: string;
  readonly display: string;
  readonly says: readonly [field: 'title' | 'summary' | 'display_note', pattern: RegExp][];
  /** A string that voices the claim… */
  readonly voices: RegExp;
  /** …is allowed only if it also refutes or attributes it. */
  readonly unless: RegExp;
  /** A sentence that reintroduces the claim; the check must catch it. */
  readonly canary: string;
}

/** §3.2, one row per claim the spec corrects or drops. */
const corrections: readonly Correction[] = [
  {
    claim: 'acetaminophen is an anti-inflammatory sold as 200 mg',
    entry: 'med-paracetamol-alone',
    display: 'do_not_recommend',
    says: [
      ['summary', /It is not one/],
      ['display_note', /not an anti-inflammatory/],
    ],
    voices: /(?:paracetamol|acetaminophen)[^.]*(?:anti-inflammator|200 mg)/i,
    unless: /\bnot\b|\bno meaningful\b|\bwithout\b|\bwrongly\b/,
    canary: 'Acetaminophen is an anti-inflammatory, usually 200 mg.',
  },
  {
    claim: 'a misaligned spine cuts the nerves to internal organs; regular visits are needed',
    entry: 'pro-chiropractic-manipulation',
    display: 'inform_only',
    says: [
      ['summary', /internal organs are not true/],
      ['display_note', /does not treat internal organs.*maintenance visits are not supported/],
    ],
    voices: /internal organ|shuts? off|digestive system|regular (?:ongoing )?visits|maintenance visits/i,
    unless: /\bnot\b|^Remove /,
    canary: 'Regular adjustments keep the nerves to your internal organs working.',
  },
  {
    claim: 'a firm mattress is best',
    entry: 'pos-mattress-firmness',
    display: 'inform_only',
    says: [
      ['summary', /medium-firm/],
      ['display_note', /favours medium-firm/],
    ],
    voices: /(?<!medium-)\bfirm mattress/i,
    unless: /medium-firm/,
    canary: 'Sleep on a firm mattress.',
  },
  {
    claim: 'steroid injections give long-term relief; injections speed healing',
    entry: 'med-corticosteroid-injection',
    display: 'do_not_recommend',
    says: [['summary', /Guidelines advise against spinal injections/]],
    voices: /long-term relief|lasting relief|speeds? (?:up )?(?:the )?heal/i,
    unless: /advise against|^Do not carry|\bunproven\b/,
    canary: 'A steroid injection gives long-term relief and speeds up the healing process.',
  },
  {
    claim: 'the hamstrings are tendons',
    entry: 'cause-hamstring-fatigue',
    display: 'inform_only',
    says: [
      [
        'summary',
        /hamstrings \(the muscles at the back of the thigh; the source wrongly calls them tendons\)/,
      ],
    ],
    voices: /hamstring[^.]*tendon|tendon[^.]*hamstring/i,
    unless: /wrongly/,
    canary: 'Tired hamstring tendons can set off a spasm.',
  },
  {
    claim: 'lordosis is a forward bend',
    entry: 'cause-lordosis',
    display: 'inform_only',
    says: [
      ['title', /lower-back curve/],
      // The spec's sentence asking for the correction is an editor note (spec 1.1); the summary itself says "inward".
      ['summary', /inward curve/],
    ],
    voices: /(?:lordosis|curve)[^.]*(?:forward bend|bending forward|bends forward)/i,
    unless: /inward/,
    canary: 'Lordosis is a forward bend of the lower back.',
  },
  {
    claim: 'heat (like cold) reduces swelling and inflammation',
    entry: 'tx-heat',
    display: 'recommend',
    says: [['summary', /ease pain and muscle tightness/]],
    voices: /\b(?:heat|warmth|heating)\b[^.;]*\b(?:swelling|inflammation)\b|both heat and cold reduce/i,
    unless: /\bnot\b/,
    canary: 'Both heat and cold reduce swelling and inflammation.',
  },
  {
    claim: 'apple cider vinegar dissolves acid crystals in the blood',
    entry: 'rem-apple-cider-vinegar',
    display: 'do_not_recommend',
    says: [['display_note', /claim is unsupported/]],
    voices: /acid crystals/i,
    unless: /no scientific basis|unsupported|not a recognised/,
    canary: 'Vinegar dissolves acid crystals in the blood.',
  },
  {
    claim: 'smelling vanilla or lavender, or ginseng, boosts endorphins',
    entry: 'rem-endorphin-scents-ginseng',
    display: 'do_not_recommend',
    says: [['display_note', /^No evidence/]],
    voices: /(?:boost|raise|release|increase)\w*[^.]*endorphin/i,
    unless: /no evidence|\bclaims?\b|"to raise endorphins"/i,
    canary: 'The smell of vanilla boosts endorphins and eases the pain.',
  },
  {
    claim: 'Epsom salt baths are very effective; lavender is the finest remedy',
    entry: 'rem-epsom-salt-bath',
    display: 'inform_only',
    says: [['display_note', /adds nothing proven/]],
    voices: /very effective|\bfinest\b/i,
    unless: /\bcalls\b[^.]*\. [^.]*not supported/,
    canary: 'Epsom salt baths are very effective.',
  },
  {
    claim: 'poor circulation, or blood rushing in while lying still, causes the spasm',
    entry: 'cause-sedentary-posture',
    display: 'inform_only',
    says: [['summary', /poor circulation causes the spasm is unproven/]],
    voices: /circulation[^.]*\b(?:causes?|spasm)|blood rush/i,
    unless: /\bunproven\b|^Do not repeat/,
    canary: 'Poor circulation causes the spasm.',
  },
  {
    claim: 'exercises increase the space between the vertebrae',
    entry: 'pro-physiotherapy',
    display: 'recommend',
    says: [],
    voices: /space between (?:the )?vertebrae/i,
    unless: /^Do not repeat .*unverified/,
    canary: 'These exercises increase the space between the vertebrae.',
  },
];

function voiced(correction: Correction, strings: readonly FoundString[]): string[] {
  return strings
    .filter(({ text }) => correction.voices.test(text) && !correction.unless.test(text))
    .map(({ path, text }) => `${path}: ${text}`);
}

describe('claims corrected or dropped by §3.2', () => {
  it.each(corrections.map((c) => [c.claim, c] as const))(
    '%s: nothing voices it unrefuted',
    (_claim, correction) => {
      expect(voiced(correction, shippedStrings)).toEqual([]);
    },
  );

  it.each(corrections.map((c) => [c.claim, c] as const))('%s: the check catches it', (_claim, correction) => {
    expect(voiced(correction, [{ path: 'canary', text: correction.canary }])).toHaveLength(1);
  });

  it.each(corrections.map((c) => [c.claim, c] as const))(
    '%s: the entry carries the correction',
    (_claim, c) => {
      const entry = getEntry(c.entry);
      expect(entry?.display).toBe(c.display);
      for (const [field, pattern] of c.says) expect(entry?.[field], `${c.entry}.${field}`).toMatch(pattern);
    },
  );

  it('keeps the dropped remedies and the lavender and Epsom downgrades at their grades', () => {
    expect(getEntry('rem-lavender-oil-rub')?.display).toBe('inform_only');
    expect(getEntry('med-botulinum-toxin')?.display).toBe('do_not_recommend');
    expect(getEntry('med-paracetamol-alone')?.protocol).toBeNull();
    expect(getEntry('med-corticosteroid-injection')?.evidence.direction).toBe('no_benefit');
  });

  it('never describes heat with swelling or inflammation', () => {
    const heat = findStrings(getEntry('tx-heat'));
    expect(heat.filter(({ text }) => /swelling|inflammation/i.test(text))).toEqual([]);
  });
});
