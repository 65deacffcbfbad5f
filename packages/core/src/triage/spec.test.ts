/**
 * Drift tests: the engine's data and behaviour against triage.md itself, parsed at test time. If the
 * spec is edited (or the data is), these fail until the two agree again. Skipped, with a warning,
 * when the spec file is not available.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dispositionAdvice,
  questions,
  recommendedOrder,
  rules,
  rulesVersion,
  safetyNet,
  severity,
  sourceEmitAs,
  triage,
  type AnswerType,
  type Answers,
  type Disposition,
} from './index.ts';
import {
  arbAnswers,
  makeAnswers,
  specEmitAs,
  specFired,
  specQuestionIds,
  specRuleTable,
} from './test-factories.ts';
import { hasTriageSpec, readTriageSpec, triageSpecPath, type TriageSpec } from './test-spec.ts';

if (!hasTriageSpec) {
  console.warn(
    `spec.test.ts: ${triageSpecPath} not found, so the drift tests against triage.md are skipped.`,
  );
}

const spec: TriageSpec | undefined = hasTriageSpec ? readTriageSpec() : undefined;
const md: string = hasTriageSpec ? readFileSync(triageSpecPath, 'utf8') : '';

function theSpec(): TriageSpec {
  if (!spec) throw new Error('triage.md is not available');
  return spec;
}

/** The text of md between two headings. */
function between(start: string, end: string): string {
  const a = md.indexOf(start);
  const b = md.indexOf(end, a + start.length);
  if (a < 0 || b < 0) throw new Error(`triage.md: ${start} … ${end} not found`);
  return md.slice(a, b);
}

const stripMarkdown = (s: string): string => s.replaceAll('**', '').trim();

// ---------------------------------------------------------------------------------------------
// The "Answer type" column of §2, parsed
// ---------------------------------------------------------------------------------------------

interface ParsedOption {
  value: string;
  description: string | undefined;
}

function parseOptions(text: string): ParsedOption[] {
  return [...text.matchAll(/`([a-z_0-9]+)`(?: \(([^)]*)\))?/g)].map((m) => ({
    value: m[1] ?? '',
    description: m[2],
  }));
}

type ParsedType =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: ParsedOption[] }
  | { kind: 'multi'; options: ParsedOption[]; exclusive: string };

function parseType(column: string): ParsedType {
  const integer = /^integer, (\d+)[–-](\d+)$/.exec(column);
  if (integer) return { kind: 'integer', min: Number(integer[1]), max: Number(integer[2]) };
  if (column === 'boolean') return { kind: 'boolean' };
  const multi =
    /^multi-select array of enum: (.*?)\. The array must be non-empty; `([a-z_]+)` must be its only element\.$/.exec(
      column,
    );
  if (multi) return { kind: 'multi', options: parseOptions(multi[1] ?? ''), exclusive: multi[2] ?? '' };
  const enumMatch = /^enum: (.*)$/.exec(column);
  if (enumMatch) return { kind: 'enum', options: parseOptions(enumMatch[1] ?? '') };
  throw new Error(`triage.md: cannot parse answer type "${column}"`);
}

/** The engine's answer type in the same shape, without labels. */
function comparable(type: AnswerType): unknown {
  switch (type.kind) {
    case 'integer':
      return { kind: 'integer', min: type.min, max: type.max };
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', values: type.options.map((o) => o.value) };
    case 'multi':
      return { kind: 'multi', values: type.options.map((o) => o.value), exclusive: type.exclusive };
  }
}

function comparableParsed(type: ParsedType): unknown {
  switch (type.kind) {
    case 'integer':
    case 'boolean':
      return type;
    case 'enum':
      return { kind: 'enum', values: type.options.map((o) => o.value) };
    case 'multi':
      return { kind: 'multi', values: type.options.map((o) => o.value), exclusive: type.exclusive };
  }
}

// ---------------------------------------------------------------------------------------------
// The "Fires when" column of §3.3 and the definitions of §3.2, interpreted
// ---------------------------------------------------------------------------------------------

type Value = boolean | number | string | readonly unknown[];
type Expr = (a: Answers) => Value;

/**
 * A small interpreter for the spec's condition language: `q == v`, `!=`, `>=`, `<=`, `x in y`,
 * set literals `{"a","b"}`, derived-term names, AND, OR and parentheses. Each derived term is itself
 * interpreted from §3.2, so nothing here restates the rules.
 */
function compile(source: string, terms: ReadonlyMap<string, Expr>): Expr {
  const tokens: string[] = [];
  const re = /\s*(\(|\)|\{|\}|,|==|!=|>=|<=|"[^"]*"|-?\d+|[A-Za-z_][A-Za-z0-9_]*)/y;
  const text = source.replaceAll('`', '').trim();
  while (re.lastIndex < text.length) {
    const m = re.exec(text);
    if (!m?.[1]) throw new Error(`cannot tokenise "${text}" at ${re.lastIndex}`);
    tokens.push(m[1]);
  }
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`unexpected end of "${text}"`);
    return t;
  };
  const expect_ = (t: string): void => {
    if (next() !== t) throw new Error(`expected ${t} in "${text}"`);
  };

  function operand(): Expr {
    const t = next();
    if (t.startsWith('"')) {
      const s = t.slice(1, -1);
      return () => s;
    }
    if (/^-?\d+$/.test(t)) {
      const n = Number(t);
      return () => n;
    }
    if (t === 'true' || t === 'false') {
      const b = t === 'true';
      return () => b;
    }
    if (t === '{') {
      const items: string[] = [];
      for (;;) {
        const item = next();
        items.push(item.slice(1, -1));
        const sep = next();
        if (sep === '}') break;
        if (sep !== ',') throw new Error(`bad set literal in "${text}"`);
      }
      return () => items;
    }
    if ((specQuestionIds as readonly string[]).includes(t)) {
      const id = t as keyof Answers;
      return (a) => a[id];
    }
    const term = terms.get(t);
    if (!term) throw new Error(`unknown name ${t} in "${text}"`);
    return term;
  }

  function comparison(): Expr {
    if (peek() === '(') {
      next();
      const inner = or();
      expect_(')');
      return inner;
    }
    const left = operand();
    const op = peek();
    if (op === '==' || op === '!=' || op === '>=' || op === '<=' || op === 'in') {
      next();
      const right = operand();
      switch (op) {
        case '==':
          return (a) => left(a) === right(a);
        case '!=':
          return (a) => left(a) !== right(a);
        case '>=':
          return (a) => Number(left(a)) >= Number(right(a));
        case '<=':
          return (a) => Number(left(a)) <= Number(right(a));
        case 'in':
          return (a) => {
            const container = right(a);
            if (!Array.isArray(container)) throw new Error(`"in" needs a list in "${text}"`);
            return (container as readonly unknown[]).includes(left(a));
          };
      }
    }
    return left;
  }

  function and(): Expr {
    const parts = [comparison()];
    while (peek() === 'AND') {
      next();
      parts.push(comparison());
    }
    return parts.length === 1 && parts[0] ? parts[0] : (a) => parts.every((p) => p(a) === true);
  }

  function or(): Expr {
    const parts = [and()];
    while (peek() === 'OR') {
      next();
      parts.push(and());
    }
    return parts.length === 1 && parts[0] ? parts[0] : (a) => parts.some((p) => p(a) === true);
  }

  const expr = or();
  if (i !== tokens.length) throw new Error(`trailing tokens in "${text}"`);
  return expr;
}

function derivedTerms(): Map<string, Expr> {
  const terms = new Map<string, Expr>();
  for (const line of between('### 3.2 Derived terms', '### 3.3').split('\n')) {
    const m = /^\| `([a-z_0-9]+)` \| (.*) \|$/.exec(line);
    if (m?.[1] && m[2]) terms.set(m[1], compile(m[2], terms));
  }
  return terms;
}

/** The rule ids triage.md's own text says fire, in table order. */
function interpretedFired(): (a: Answers) => string[] {
  const terms = derivedTerms();
  const conditions = theSpec()
    .rules.filter((r) => r.id !== 'no_red_flags')
    .map((r) => [r.id, compile(r.when, terms)] as const);
  return (a) => {
    const fired = conditions.filter(([, c]) => c(a) === true).map(([id]) => id);
    return fired.length > 0 ? fired : ['no_red_flags'];
  };
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasTriageSpec)('drift against triage.md', () => {
  describe('version and rules', () => {
    it('rulesVersion', () => {
      expect(theSpec().rulesVersion).toBe('1.1.0');
      expect(rulesVersion).toBe(theSpec().rulesVersion);
      expect(triage(makeAnswers())).toHaveProperty('rulesVersion', theSpec().rulesVersion);
    });

    it('37 rules in table order, with the same id, disposition, text and sources', () => {
      const s = theSpec();
      expect(rules).toHaveLength(37);
      expect(rules.map((r) => r.id)).toEqual(s.rules.map((r) => r.id));
      for (const [i, specRule] of s.rules.entries()) {
        const rule = rules[i];
        expect(rule?.id).toBe(specRule.id);
        expect(rule?.disposition, specRule.id).toBe(specRule.disposition);
        expect(rule?.text, specRule.id).toBe(specRule.text);
        expect(
          rule?.sources.map((ref) => sourceEmitAs[ref]),
          specRule.id,
        ).toEqual(specRule.refs.map((ref) => s.emitAs.get(ref)));
        expect(rule?.when === null, specRule.id).toBe(specRule.id === 'no_red_flags');
      }
    });

    it('every reference a rule cites is defined in §6', () => {
      const s = theSpec();
      for (const r of s.rules)
        for (const ref of r.refs) expect(s.emitAs.has(ref), `${r.id}: ${ref}`).toBe(true);
    });

    it('the §6 emit-as strings match the engine', () => {
      expect(Object.fromEntries(theSpec().emitAs)).toEqual({ ...sourceEmitAs });
    });

    it('the 12 / 11 / 13 / 1 split, as stated and as tabled', () => {
      const s = theSpec();
      const count = (d: string): number => s.rules.filter((r) => r.disposition === d).length;
      const stated =
        /That makes \*\*(\d+) rules\*\*: (\d+) emergency, (\d+) urgent, (\d+) soon and (\d+) default/.exec(
          md,
        );
      expect(stated?.slice(1).map(Number)).toEqual([37, 12, 11, 13, 1]);
      expect([count('emergency'), count('urgent'), count('soon'), count('self_care')]).toEqual([
        12, 11, 13, 1,
      ]);
      const engineCount = (d: Disposition): number => rules.filter((r) => r.disposition === d).length;
      expect([
        engineCount('emergency'),
        engineCount('urgent'),
        engineCount('soon'),
        engineCount('self_care'),
      ]).toEqual([12, 11, 13, 1]);
    });

    it("the tests' own copy of the table (test-factories.ts) is the spec's", () => {
      const s = theSpec();
      expect(specRuleTable.map((r) => ({ ...r, refs: [...r.refs] }))).toEqual(
        s.rules.map((r) => ({ id: r.id, disposition: r.disposition, text: r.text, refs: r.refs })),
      );
      expect(specEmitAs).toEqual(Object.fromEntries(s.emitAs));
    });
  });

  describe('the "fires when" column, interpreted straight from the spec text', () => {
    it('compiles every condition and derived term', () => {
      expect([...derivedTerms().keys()]).toEqual([
        'over_50',
        'fragile_bones',
        'any_both_legs',
        'nerve_symptoms',
        'thoracic',
      ]);
      expect(() => interpretedFired()).not.toThrow();
    });

    it('the engine fires exactly what the spec text says, for random answers', () => {
      const fromSpec = interpretedFired();
      fc.assert(
        fc.property(arbAnswers, (answers) => {
          const result = triage(answers);
          if ('error' in result) throw new Error('unexpected validation error');
          const expected = fromSpec(answers);
          expect(result.reasons.map((r) => r.rule)).toEqual(expected);
          // And the tests' hand-written oracle agrees with the spec text too.
          expect(specFired(answers)).toEqual(expected);
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('questions (§2)', () => {
    it('every question id, number and text, in order', () => {
      const s = theSpec();
      expect(s.questions).toHaveLength(25);
      expect(questions.map((q) => [q.number, q.id, q.text])).toEqual(
        s.questions.map((q) => [q.order, q.id, q.text]),
      );
      expect(specQuestionIds).toEqual(s.questions.map((q) => q.id));
    });

    it("each question's type, range and options match the spec's type column", () => {
      for (const specQ of theSpec().questions) {
        const q = questions.find((x) => x.id === specQ.id);
        expect(q, specQ.id).toBeDefined();
        if (!q) continue;
        expect(comparable(q.type), specQ.id).toEqual(comparableParsed(parseType(specQ.type)));
      }
    });

    it('every option described in the spec has a label containing that description', () => {
      let described = 0;
      for (const specQ of theSpec().questions) {
        const parsed = parseType(specQ.type);
        if (parsed.kind !== 'enum' && parsed.kind !== 'multi') continue;
        const q = questions.find((x) => x.id === specQ.id);
        if (q?.type.kind !== 'enum' && q?.type.kind !== 'multi')
          throw new Error(`${specQ.id} is not an enum`);
        for (const option of parsed.options) {
          if (option.description === undefined) continue;
          described++;
          const label = q.type.options.find((o) => o.value === option.value)?.label;
          expect(label, `${specQ.id}.${option.value}`).toContain(option.description);
        }
      }
      // location 3, trigger 8, cannot_stand_or_walk 3, known_conditions 4.
      expect(described).toBe(18);
    });

    it('the recommended order starts with the emergency questions of the §2 notes and has all 25 once', () => {
      const s = theSpec();
      const listed = /puts the emergency questions \(([^)]*)\) first/.exec(md)?.[1];
      expect(listed).toBeDefined();
      const numbers = (listed ?? '').split(',').flatMap((part) => {
        const [from, to] = part.trim().split(/[–-]/).map(Number);
        if (from === undefined) return [];
        const last = to ?? from;
        return Array.from({ length: last - from + 1 }, (_, k) => from + k);
      });
      expect(numbers).toEqual([9, 10, 11, 12, 22, 23, 4, 6, 7, 8, 21]);
      const ids = numbers.map((n) => s.questions.find((q) => q.order === n)?.id);
      expect(recommendedOrder.slice(0, ids.length)).toEqual(ids);
      expect(recommendedOrder).toHaveLength(25);
      expect([...recommendedOrder].sort()).toEqual(s.questions.map((q) => q.id).sort());
    });
  });

  describe('dispositions and advice (§1)', () => {
    it('headlines, advice texts and severities equal §1', () => {
      const s = theSpec();
      expect(s.dispositions.map((d) => d.id).sort()).toEqual(['emergency', 'self_care', 'soon', 'urgent']);
      for (const d of s.dispositions) {
        const id = d.id as Disposition;
        expect(dispositionAdvice[id].headline, id).toBe(d.headline);
        expect(dispositionAdvice[id].advice, id).toBe(d.advice);
        expect(severity(id), id).toBe(d.severity);
      }
    });

    it('the safety net is shown with self_care, soon and urgent, not with emergency', () => {
      expect(md).toContain(
        'The safety-netting block in §5 is shown with every `self_care`, `soon` and `urgent` result. For `emergency`, the app shows only the emergency advice and the reasons',
      );
      expect(dispositionAdvice.emergency.showSafetyNet).toBe(false);
      expect(dispositionAdvice.urgent.showSafetyNet).toBe(true);
      expect(dispositionAdvice.soon.showSafetyNet).toBe(true);
      expect(dispositionAdvice.self_care.showSafetyNet).toBe(true);
    });
  });

  describe('safety-netting (§5)', () => {
    const lines = (): string[] => theSpec().safetyNet.split('\n');

    it('every item appears in safetyNet', () => {
      const items = lines()
        .filter((l) => l.startsWith('- '))
        .map((l) => stripMarkdown(l.slice(2)));
      expect(items).toHaveLength(20);
      const ours = safetyNet.groups.flatMap((g) => g.items);
      for (const item of items) expect(ours).toContain(item);
    });

    it('every heading appears in safetyNet', () => {
      const headings = lines()
        .filter((l) => /^\*\*.*:\*\*$/.test(l))
        .map(stripMarkdown);
      expect(headings).toHaveLength(4);
      expect(safetyNet.groups.map((g) => g.heading)).toEqual(expect.arrayContaining(headings));
    });

    it('the closing reminder appears', () => {
      const closing = /Finally, tell the user: (.*)$/m.exec(theSpec().safetyNet)?.[1];
      expect(closing).toBeDefined();
      expect(safetyNet.closing.toLowerCase()).toContain(stripMarkdown(closing ?? '').toLowerCase());
    });
  });

  describe('worked examples (§4), read from the spec', () => {
    const blocks = (): unknown[] => theSpec().examples.map((e) => JSON.parse(e) as unknown);

    it('Example 1: the input is makeAnswers() and the output is byte for byte the spec JSON', () => {
      const parsed = blocks();
      const input = parsed.find((b) => typeof b === 'object' && b !== null && 'age' in b);
      const output = parsed.find(
        (b) => typeof b === 'object' && b !== null && 'disposition' in b && b.disposition === 'self_care',
      );
      expect(input).toEqual(makeAnswers());
      expect(output).toBeDefined();
      expect(JSON.stringify(triage(input))).toBe(JSON.stringify(output));
    });

    it('Examples 2 and 3: the one change and the one reason the spec names', () => {
      const found = [
        ...md.matchAll(
          /\*\*Example (\d): same as Example 1 except `([^`]+)`, giving `(\w+)`\*\*\.[^\n]*?contains exactly one entry, `(\w+)`/g,
        ),
      ];
      expect(found.map((m) => m[1])).toEqual(['2', '3']);
      for (const [, , change = '', disposition, rule] of found) {
        const overrides = JSON.parse(`{${change}}`) as Partial<Answers>;
        const result = triage(makeAnswers(overrides));
        expect(result).toHaveProperty('disposition', disposition);
        expect('reasons' in result ? result.reasons.map((r) => r.rule) : []).toEqual([rule]);
      }
    });

    it('Example 4: the exact validation error string', () => {
      const m =
        /\*\*Example 4 \(validation\): Example 1 with `(\w+)` removed and `([^`]+)`\*\*\. The result is `([^`]+)`/.exec(
          md,
        );
      expect(m).not.toBeNull();
      const [, removed = '', change = '', expected = ''] = m ?? [];
      const input: Record<string, unknown> = { ...makeAnswers(), ...(JSON.parse(`{${change}}`) as object) };
      Reflect.deleteProperty(input, removed);
      expect(JSON.stringify(triage(input))).toBe(expected);
    });
  });
});
