/**
 * Spec 1.1 in the web components: a source article is named by its display title and kind, never by its file
 * name, and a warning sign has its own badge instead of the green "Recommended".
 */
import {
  buildPlan,
  conditionLabels,
  exampleAnswers,
  getEntry,
  oursMark,
  sourceEmitAs,
  triage,
  worseFactorLabels,
  type Entry,
} from '@unknot/core';
import { h, type ComponentChildren, type VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { DisplayTag } from '../screens/learn.tsx';
import { t } from '../strings.ts';
import { EvidenceBlock, SeedSources } from './evidence.tsx';
import { PlanItemCard } from './plan-item.tsx';
import { SourceList } from './sources.tsx';

const fileName = /\d{3}_[0-9a-f]{16}\.txt/;

/**
 * The markup of a tree of hook-free components, as a string of text, classes and links. Written here because
 * preact-render-to-string is installed beside another copy of preact than the one the web app uses, and these
 * components need no more than calling.
 */
function renderToString(node: ComponentChildren): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node).replaceAll('"', '&quot;');
  if (Array.isArray(node)) return node.map(renderToString).join('');
  const vnode = node as VNode<Record<string, unknown>>;
  if (typeof vnode.type === 'function') {
    return renderToString((vnode.type as (props: unknown) => ComponentChildren)(vnode.props));
  }
  const { children, ...attributes } = vnode.props as { children?: ComponentChildren };
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${String(value)}"`)
    .join('');
  const tag = vnode.type;
  return `<${tag}${attrs}>${renderToString(children)}</${tag}>`;
}

function entry(id: string): Entry {
  const found = getEntry(id);
  if (found === undefined) throw new Error(`no entry ${id}`);
  return found;
}

describe('sources', () => {
  it('names a triage source article by title and kind, and links an address', () => {
    const html = renderToString(
      h(SourceList, { sources: [sourceEmitAs['SEED-000'], sourceEmitAs['NHS-BACK']] }),
    );
    expect(html).toContain('&quot;How to Treat Back Spasms&quot; (web article)');
    expect(html).toContain('href="https://www.nhs.uk/conditions/back-pain/"');
    expect(html).not.toMatch(fileName);
  });

  it('names every source of every Learn entry without a file name', () => {
    const html = renderToString(h(SeedSources, { sources: entry('tx-ice').sources }));
    expect(html).toContain('Getting Rid of Back Spasm with Medical Treatment, Exercises…');
    expect(html).not.toMatch(fileName);
  });
});

describe('evidence references', () => {
  it('are shown by their title, linked to their address', () => {
    const { evidence } = entry('tx-ice');
    const refs = evidence.refs.map((code) => ({ code, url: `https://example.org/${code}` }));
    const html = renderToString(h(EvidenceBlock, { evidence: { ...evidence, refs } }));
    expect(html).toContain('href="https://example.org/COCH-HEATCOLD"');
    expect(html).toContain('Cochrane, French et al. (CD004750)');
    expect(html).not.toContain('>COCH-HEATCOLD<');
  });
});

describe('the Learn badge', () => {
  it('marks a warning sign as such, not as "Recommended"', () => {
    const html = renderToString(h(DisplayTag, { entry: entry('rf-numbness-bladder-bowel') }));
    expect(html).toContain('Warning sign: get help');
    expect(html).toContain('tag-warning');
    expect(html).not.toContain('tag-recommend');
  });

  it('keeps "Recommended" for advice', () => {
    expect(renderToString(h(DisplayTag, { entry: entry('tx-heat') }))).toContain('Recommended');
  });
});

describe('labels', () => {
  it("are core's shared table, so the diary form, Learn and the summary agree", () => {
    expect(t.factors.getting_up).toBe(worseFactorLabels.getting_up);
    expect(t.factors.getting_up).toBe('Getting up from a bed or chair');
    expect(t.conditions.disc_herniation).toBe(conditionLabels.disc_herniation);
  });
});

describe('a plan item', () => {
  const answered = triage(exampleAnswers);
  if ('error' in answered) throw new Error('the example answers are valid');
  const plan = buildPlan(
    {
      onsetDate: '2026-03-10',
      timeZone: 'Europe/London',
      location: 'lower',
      trigger: 'lifting',
      knownConditions: [],
      triage: { at: '2026-03-10T12:00:00.000Z', result: answered },
      preferences: {},
    },
    '2026-03-10',
  );
  if (plan.kind !== 'plan') throw new Error('expected a plan');
  const items = plan.days.flatMap((day) => day.items);

  it.each(items.map((item, i) => [`${item.entryId} #${String(i)}`, item] as const))(
    '%s names its numbers in words and explains every asterisk',
    (_name, item) => {
      const html = renderToString(h(PlanItemCard, { item, full: true }));
      expect(html).not.toMatch(/\b[a-z]+_[a-z_]+\b(?=:)/);
      expect(html).not.toMatch(fileName);
      if (html.includes(' *')) expect(html).toContain(oursMark.legend);
    },
  );

  it('has asterisks to explain (so the check above can fail)', () => {
    expect(items.some((item) => renderToString(h(PlanItemCard, { item, full: true })).includes(' *'))).toBe(
      true,
    );
  });
});
