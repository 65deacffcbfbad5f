import { describe, expect, it } from 'vitest';
import { summaryCss } from './css.ts';
import { escapeHtml, summaryToHtml } from './html.ts';
import { buildSummary } from './summary.ts';
import { makeDiary, makeEpisode, makeInput, makeSessions } from './test-factories.ts';

const summary = buildSummary(makeInput());
const html = summaryToHtml(summary);

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & \'quoted\'';

/** A summary whose every free-text field holds `text`. */
function hostileHtml(text: string): string {
  const episode = makeEpisode();
  const entries = makeDiary(episode).map((e) => ({
    ...e,
    note: text,
    worse: { known: e.worse?.known ?? [], text: `worse ${text}` },
    better: { known: e.better?.known ?? [], text: `better ${text}` },
    medicines: [{ name: `med ${text}`, dose: `dose ${text}` }],
  }));
  const sessions = makeSessions(episode).map((s) => ({
    ...s,
    stopReason: `stop ${text}`,
    stoppedEarly: true,
  }));
  return summaryToHtml(buildSummary(makeInput({ entries, sessions })));
}

describe('summaryToHtml: document', () => {
  it('is a complete document in English with one h1 and a heading per section', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    for (const heading of [
      'The episode',
      'Pain, day by day',
      'What makes it worse',
      'What eases it',
      'What has been tried',
      'Guided sessions',
      'Medicines taken',
      'Warning-sign checks',
      'Alerts the app showed',
      'Questions to ask',
    ]) {
      expect(html).toMatch(new RegExp(`<h2 id="[a-z-]+">${heading}</h2>`));
    }
  });

  it('labels each section by its heading', () => {
    const labelled = [...html.matchAll(/<section[^>]*aria-labelledby="([a-z-]+)"/g)].map((m) => m[1]);
    expect(labelled.length).toBeGreaterThanOrEqual(10);
    for (const id of labelled) expect(html).toContain(`id="${id}"`);
  });

  it('gives every table a caption and header cells with a scope', () => {
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const table of tables) {
      expect(table).toMatch(/^<table>\n<caption>/);
      expect(table).toContain('<th scope="col">');
      expect(table.match(/<th(?![a-z])(?! scope="(col|row)")/g)).toBeNull();
    }
  });

  it('draws the chart as an SVG image with a title and a description', () => {
    expect(html).toContain('role="img" aria-labelledby="chart-title chart-desc"');
    expect(html).toMatch(/<title id="chart-title">[^<]+<\/title>/);
    expect(html).toMatch(/<desc id="chart-desc">Daily worst pain on 10 of 10 days/);
    expect(html.match(/<circle [^>]*fill="#1f4e79"/g)).toHaveLength(10);
  });

  it('shows the red-flag answers with the question and the answer in words', () => {
    expect(html).toContain(
      'Pain below the knee<span class="q">6. Does pain travel from your back down a leg to below the knee?</span></th><td>Yes, in one leg</td>',
    );
  });

  it('carries the patient-reported notice and when it was made', () => {
    expect(html.match(/not a diagnosis/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('Made 12 Nov 2026 09:30 UTC');
  });

  it('has no script, no event handler and no style attribute (the server CSP forbids them)', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
  });

  it('is the same string every time', () => {
    expect(summaryToHtml(buildSummary(makeInput()))).toBe(html);
  });
});

describe('summaryToHtml: escaping', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  // Notes, free texts, medicine names and doses and stop reasons are all typed by the person.
  it('never lets text the person typed become markup', () => {
    const page = hostileHtml(hostile);
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    for (const where of ['worse ', 'better ', 'med ', 'dose ', 'stop ']) {
      expect(page).toContain(`${where}&lt;script&gt;`);
    }
  });

  it('escapes a stylesheet address', () => {
    const page = summaryToHtml(summary, { stylesheetHref: '/x.css"><script>' });
    expect(page).toContain('href="/x.css&quot;&gt;&lt;script&gt;"');
  });
});

describe('summaryToHtml: styles', () => {
  it('embeds the stylesheet by default, for a standalone file', () => {
    expect(html).toContain(`<style>\n${summaryCss}</style>`);
    expect(html).not.toContain('<link rel="stylesheet"');
  });

  it('links the stylesheet instead when served', () => {
    const page = summaryToHtml(summary, { stylesheetHref: '/summary.css' });
    expect(page).toContain('<link rel="stylesheet" href="/summary.css">');
    expect(page).not.toContain('<style');
  });

  it('has a print stylesheet for one A4 page', () => {
    const print = summaryCss.slice(summaryCss.indexOf('@media print'));
    expect(print).toMatch(/@page \{ size: A4; margin: [^}]+\}/);
    expect(print).toMatch(/nav, button, \.no-print \{ display: none !important; \}/);
    expect(print).toMatch(/tr, li, figure, dl \{ break-inside: avoid; \}/);
    expect(summaryCss).toMatch(
      /table \{ break-inside: avoid; \}|section, article, figure, table, dl \{ break-inside: avoid; \}/,
    );
  });
});

describe('summaryToHtml: session outcomes', () => {
  const episode = makeEpisode();
  const [first, second] = makeSessions(episode);
  const outcomes = (sessions: ReturnType<typeof makeSessions>): string[] =>
    [
      ...summaryToHtml(buildSummary(makeInput({ sessions }))).matchAll(
        /<td>(Completed|Skipped|Stopped early[^<]*)<\/td>/g,
      ),
    ].map((m) => m[1] ?? '');

  it('says "Skipped" for a session with no step done, never "Completed"', () => {
    if (first === undefined || second === undefined) throw new Error('two sessions expected');
    expect(outcomes([{ ...first, stepsCompleted: 0 }, second])).toEqual(['Completed', 'Skipped']);
  });

  it('says "Stopped early" for a session stopped before its end, even with no step done', () => {
    if (first === undefined) throw new Error('a session expected');
    expect(outcomes([{ ...first, stepsCompleted: 0, stoppedEarly: true }])).toEqual(['Stopped early']);
  });
});

describe('summaryToHtml: age, check pain score and session names', () => {
  it('shows the age first in the episode facts', () => {
    expect(html).toMatch(/<dl>\n<dt>Age<\/dt><dd>46 years<\/dd>\n<dt>Started<\/dt>/);
  });

  it('marks the first check pain score on the chart with a ring, and says what it is', () => {
    expect(html.match(/<circle [^>]*fill="none"/g)).toHaveLength(1);
    expect(html).toContain('Ring: 7/10, the worst pain in the 24 hours before the first check');
  });
});

describe('summaryToHtml: medicines from the diary', () => {
  it('lists each medicine with its dose, how often, and when it was last taken', () => {
    const episode = makeEpisode();
    const entries = makeDiary(episode, 2).map((e) => ({
      ...e,
      medicines: [{ name: 'Naproxen', dose: '250 mg', at: '2026-11-04T08:00:00.000Z' }],
    }));
    const page = summaryToHtml(buildSummary(makeInput({ episode, entries })));
    expect(page).toContain(
      '<tr><th scope="row">Naproxen</th><td>250 mg</td><td>2× (4 Nov), last taken 4 Nov 08:00</td></tr>',
    );
  });
});
