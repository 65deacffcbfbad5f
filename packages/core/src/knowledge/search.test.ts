import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knowledgeEntries } from './entries.ts';
import { getEntry } from './lookup.ts';
import { createKnowledgeSearch, normaliseTerm, searchKnowledge } from './search.ts';
import { synonyms } from './synonyms.ts';

const ids = (query: string): string[] => searchKnowledge(query).map((hit) => hit.id);

describe('searchKnowledge: what people type', () => {
  it.each([
    ['how long ice', 'tx-ice'],
    ['how long to ice my back?', 'tx-ice'],
    ['cold pack', 'tx-ice'],
    ['slipped disc', 'cause-herniated-disc'],
    ['paracetamol', 'med-paracetamol-alone'],
    ['acetaminophen', 'med-paracetamol-alone'],
    ['ibuprofen', 'med-oral-nsaid-otc'],
    ['naproxen', 'med-oral-nsaid-otc'],
    ['NSAID', 'med-oral-nsaid-otc'],
    ['heat pad', 'tx-heat'],
    ['heating pad', 'tx-heat'],
    ['sciatica', 'rf-pain-below-knee'],
    ["child's pose", 'ex-childs-pose'],
    ['press up', 'ex-prone-press-up'],
    ['press-up', 'ex-prone-press-up'],
    ['bed rest', 'tx-prolonged-bed-rest'],
    ['botox', 'med-botulinum-toxin'],
    ['yoga', 'ex-yoga'],
    ['mattress', 'pos-mattress-firmness'],
    ['chiropractor', 'pro-chiropractic-manipulation'],
    ['x-ray', 'pro-imaging-tests'],
    ['cauda equina', 'rf-numbness-bladder-bowel'],
    ['brace', 'tx-compression-brace'],
    ['Épsom', 'rem-epsom-salt-bath'],
  ])('%j finds %s first', (query, expected) => {
    expect(ids(query)[0]).toBe(expected);
  });

  it.each([
    ['ibuprofn', 'med-oral-nsaid-otc'],
    ['naproxn', 'med-oral-nsaid-otc'],
    ['paracetomol', 'med-paracetamol-alone'],
    ['sciatca', 'rf-pain-below-knee'],
  ])('forgives the typo %j (fuzzy) and finds %s first', (query, expected) => {
    expect(ids(query)[0]).toBe(expected);
  });

  const stretches = ['ex-gentle-stretching', 'ex-childs-pose', 'ex-knee-to-chest'];
  it.each(['stretc', 'strech', 'stretching'])(
    'finds the stretches for %j (prefix, typo, other form)',
    (query) => {
      const top = ids(query).slice(0, 3);
      expect(top.toSorted()).toEqual(stretches.toSorted());
      expect(top[0]).toBe('ex-gentle-stretching');
    },
  );

  it.each(['', ' ', '\t\n  '])('returns [] for the blank query %j', (query) => {
    expect(searchKnowledge(query)).toEqual([]);
  });

  it.each(['xylophone', 'zzzz', 'the', 'how to'])('returns [] for %j, which matches nothing', (query) => {
    expect(searchKnowledge(query)).toEqual([]);
  });

  it('finds do_not_recommend entries too, so the card can explain why', () => {
    expect(ids('apple cider vinegar')[0]).toBe('rem-apple-cider-vinegar');
    expect(getEntry(ids('apple cider vinegar')[0] ?? '')?.display).toBe('do_not_recommend');
  });
});

describe('searchKnowledge: options', () => {
  it('limits the number of hits', () => {
    expect(searchKnowledge('back pain', { limit: 3 })).toHaveLength(3);
    expect(searchKnowledge('back pain', { limit: 0 })).toEqual([]);
  });

  it('keeps only the kinds asked for', () => {
    const hits = searchKnowledge('pain', { kinds: ['medication', 'remedy'] });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(['medication', 'remedy']).toContain(hit.entry.kind);
  });

  it('keeps only entries of the phase asked for', () => {
    expect(ids('ice')).toContain('tx-ice');
    expect(searchKnowledge('ice', { phase: 'recovery' }).map((hit) => hit.id)).not.toContain('tx-ice');
  });

  it('returns the entry itself with each hit', () => {
    const [hit] = searchKnowledge('yoga');
    expect(hit?.entry).toBe(getEntry('ex-yoga'));
    expect(hit?.terms).toContain('yoga');
  });
});

describe('searchKnowledge: laws', () => {
  const query = fc.oneof(
    fc.string(),
    fc.constantFrom('ice', 'heat', 'back pain', 'stretch', 'paracetamol', 'disc', 'walk'),
    fc
      .array(fc.constantFrom('ice', 'how', 'long', 'the', 'pain', 'leg', 'stretc', 'ibuprofn', ' ', '-'), {
        maxLength: 5,
      })
      .map((words) => words.join(' ')),
  );

  it('never throws, and returns distinct catalogue entries, best first', () => {
    fc.assert(
      fc.property(query, (q) => {
        const hits = searchKnowledge(q);
        expect(new Set(hits.map((hit) => hit.id)).size).toBe(hits.length);
        for (const hit of hits) expect(getEntry(hit.id)).toBe(hit.entry);
        for (let i = 1; i < hits.length; i += 1) {
          expect(hits[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
        }
      }),
    );
  });

  it('returns a prefix of the full result under a limit', () => {
    fc.assert(
      fc.property(query, fc.nat({ max: 90 }), (q, limit) => {
        expect(searchKnowledge(q, { limit })).toEqual(searchKnowledge(q).slice(0, limit));
      }),
    );
  });

  it('ignores letter case and surrounding spaces', () => {
    fc.assert(
      fc.property(query, (q) => {
        expect(searchKnowledge(`  ${q.toUpperCase()} `).map((hit) => hit.id)).toEqual(ids(q.toLowerCase()));
      }),
    );
  });

  it('finds every entry by its own title', () => {
    for (const entry of knowledgeEntries)
      expect(ids(entry.title).slice(0, 3), entry.title).toContain(entry.id);
  });
});

describe('createKnowledgeSearch', () => {
  it('searches only the entries it is given', () => {
    const subset = knowledgeEntries.filter((entry) => entry.kind === 'exercise');
    const search = createKnowledgeSearch(subset, synonyms);
    expect(search('ice')).toEqual([]);
    expect(search('yoga')[0]?.id).toBe('ex-yoga');
  });
});

describe('normaliseTerm', () => {
  it.each([
    ['Stretches', 'stretch'],
    ['stretching', 'stretch'],
    ['heating', 'heat'],
    ['sitting', 'sit'],
    ['swelling', 'swell'],
    ['injuries', 'injury'],
    ['spasms', 'spasm'],
    ['press', 'press'],
    ['abs', 'abs'],
    ['Épsom', 'epsom'],
    ['the', null],
  ])('%j → %j', (term, expected) => {
    expect(normaliseTerm(term)).toBe(expected);
  });
});

describe('synonyms', () => {
  it('are keyed by existing entry ids', () => {
    for (const id of Object.keys(synonyms)) expect(getEntry(id), id).toBeDefined();
  });

  it('cover every entry', () => {
    expect(
      knowledgeEntries.filter((entry) => (synonyms[entry.id] ?? []).length === 0).map((entry) => entry.id),
    ).toEqual([]);
  });

  it('are lower case and not repeated within an entry', () => {
    for (const [id, terms] of Object.entries(synonyms)) {
      expect(new Set(terms).size, id).toBe(terms.length);
      for (const term of terms) expect(term, id).toBe(term.toLowerCase().trim());
    }
  });
});
