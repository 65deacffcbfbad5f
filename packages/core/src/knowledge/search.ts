/**
 * Full-text search over the knowledge base (MiniSearch): title, summary and the lay-term synonyms of each entry,
 * with prefix and fuzzy matching so that half-typed words ("stretc") and typos ("ibuprofn") still find entries.
 *
 * Every entry can be found, including `do_not_recommend` ones: a person searching for a remedy should land on the
 * card that explains why it is not advised. Presenting the hit responsibly is the caller's job (see advice.ts).
 */
import MiniSearch from 'minisearch';
import { knowledgeEntries as allEntries } from './entries.ts';
import { synonyms as allSynonyms } from './synonyms.ts';
import type { Entry, Kind, Phase } from './types.ts';

export interface SearchOptions {
  /** At most this many hits (default: all). */
  readonly limit?: number;
  /** Only entries of these kinds. */
  readonly kinds?: readonly Kind[];
  /** Only entries that appear in this phase. */
  readonly phase?: Phase;
}

export interface SearchHit {
  readonly id: string;
  readonly entry: Entry;
  /** Relevance; higher is better. Only meaningful relative to other hits of the same query. */
  readonly score: number;
  /** The indexed terms that matched. */
  readonly terms: readonly string[];
}

export type KnowledgeSearch = (query: string, options?: SearchOptions) => SearchHit[];

interface IndexedEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly synonyms: string;
}

/** Words that carry no meaning on their own in a question ("how long to ice my back?"). */
const STOP_WORDS = new Set([
  'a',
  'about',
  'after',
  'an',
  'and',
  'are',
  'at',
  'be',
  'by',
  'can',
  'do',
  'does',
  'for',
  'from',
  'how',
  'i',
  'if',
  'in',
  'is',
  'it',
  'me',
  'my',
  'of',
  'on',
  'or',
  's',
  'should',
  'the',
  'to',
  'what',
  'when',
  'with',
]);

/**
 * A deliberately light English stemmer, so that "stretches", "stretching" and "stretch" meet, and "heating pad"
 * finds "heat". Short words are left alone; index and query go through the same function, so an odd stem on both
 * sides still matches.
 */
function stem(word: string): string {
  if (word.length > 6 && word.endsWith('ing')) {
    const base = word.slice(0, -3);
    // sitting → sit, but swelling → swell
    return /([b-df-hj-km-np-rtv-z])\1$/.test(base) ? base.slice(0, -1) : base;
  }
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && /(?:ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Lower case, accents removed, stop words dropped, light stemming. Used for both the index and the query. */
export function normaliseTerm(term: string): string | null {
  const plain = term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return plain === '' || STOP_WORDS.has(plain) ? null : stem(plain);
}

/**
 * Builds a search function over `entries`, with `synonyms` keyed by entry id. `searchKnowledge` is this function
 * over the whole catalogue; the factory exists for callers (and tests) that search a subset.
 */
export function createKnowledgeSearch(
  entries: readonly Entry[],
  synonyms: Readonly<Record<string, readonly string[]>> = {},
): KnowledgeSearch {
  const byId = new Map(entries.map((entry, order) => [entry.id, { entry, order }]));
  const index = new MiniSearch<IndexedEntry>({
    fields: ['title', 'summary', 'synonyms'],
    storeFields: [],
    processTerm: normaliseTerm,
    searchOptions: {
      boost: { title: 3, synonyms: 2.5 },
      prefix: true,
      fuzzy: 0.2,
      combineWith: 'OR',
    },
  });
  index.addAll(
    entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      summary: entry.summary,
      synonyms: (synonyms[entry.id] ?? []).join(' ; '),
    })),
  );

  return (query, options = {}) => {
    if (query.trim() === '') return [];
    const kinds = options.kinds === undefined ? undefined : new Set(options.kinds);
    const { phase } = options;
    const hits = index
      .search(query)
      .flatMap((result): (SearchHit & { order: number })[] => {
        const found = byId.get(String(result.id));
        if (found === undefined) return [];
        const { entry, order } = found;
        if (kinds !== undefined && !kinds.has(entry.kind)) return [];
        if (phase !== undefined && !entry.phases.includes(phase)) return [];
        return [{ id: entry.id, entry, score: result.score, terms: result.terms, order }];
      })
      // Equal scores keep the catalogue's order, so results never depend on engine internals.
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map(({ id, entry, score, terms }) => ({ id, entry, score, terms }));
    return options.limit === undefined ? hits : hits.slice(0, Math.max(0, options.limit));
  };
}

let defaultSearch: KnowledgeSearch | undefined;

/**
 * Searches the whole knowledge base; best hit first. An empty or blank query, or one that matches nothing,
 * gives `[]`. The index is built on the first call.
 */
export function searchKnowledge(query: string, options?: SearchOptions): SearchHit[] {
  defaultSearch ??= createKnowledgeSearch(allEntries, allSynonyms);
  return defaultSearch(query, options);
}
