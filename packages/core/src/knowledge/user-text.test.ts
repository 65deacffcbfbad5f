/**
 * Spec 1.1: no text a person reads names a source article by its file name (§0.1), and none is an editor note
 * (§1.2). Checked over every user-facing field of every entry, every triage reason with its sources as shown,
 * and every questionnaire, advice and safety-netting text.
 */
import { describe, expect, it } from 'vitest';
import { dispositionAdvice, questions, rules, safetyNet, sourceEmitAs } from '../triage/index.ts';
import { knowledgeEntries } from './entries.ts';
import { evidenceCodeIds, evidenceCodes } from './evidence-codes.ts';
import { seedDisplayName, sourceDisplayName } from './seeds.ts';
import { editorNotes } from './spec-rewrites.ts';
import { findStrings } from './test-helpers.ts';

const fileName = /\d{3}_[0-9a-f]{16}\.txt/;

/**
 * Words that address the app or its authors rather than the person: the rule of §1.2 as patterns ("say plainly
 * that…", "do not carry the source's claim into the app", "deliberately not reproduced", a spec section).
 */
const editorVoice =
  /\b(say plainly|the app should|in the app\.|into the app|deliberately not reproduced|not shown in the app|use the correct wording|correct (the|two errors)|do not (repeat|carry|show|promise)|remove the source|present it supportively|no product recommendations|section \d)/i;

/** Paths of an entry that are references or are never shown: source file names and the editor notes. */
const notUserText = /(^|\.)file$|^editorial\b/;

const entryTexts = knowledgeEntries.flatMap((entry) =>
  findStrings(entry)
    .filter((found) => !notUserText.test(found.path))
    .map((found) => [`${entry.id}.${found.path}`, found.text] as const),
);

describe('user text of the knowledge base', () => {
  it.each(entryTexts)('%s names no file and is not an editor note', (_path, text) => {
    expect(text).not.toMatch(fileName);
    expect(text).not.toMatch(editorVoice);
  });

  it('keeps every editor note of the list, word for word, in some entry', () => {
    const kept = new Set(knowledgeEntries.flatMap((entry) => entry.editorial ?? []));
    for (const note of editorNotes) expect(kept.has(note), note).toBe(true);
  });
});

describe('evidence titles', () => {
  it.each(evidenceCodeIds.map((id) => [id] as const))('%s has a title that is not a code', (id) => {
    const { title } = evidenceCodes[id];
    expect(title).not.toMatch(/\b[A-Z]+(-[A-Z0-9]+)+\b/);
    expect(title).not.toMatch(/^(Review|Commentary|Meta-analysis|Systematic review|NHS)$/);
  });
});

describe('user text of triage', () => {
  it.each(rules.map((rule) => [rule.id, rule] as const))(
    'reason %s and its sources as shown',
    (_id, rule) => {
      expect(rule.text).not.toMatch(fileName);
      for (const source of rule.sources)
        expect(sourceDisplayName(sourceEmitAs[source])).not.toMatch(fileName);
    },
  );

  it('shows a seed source by title and kind, while the contract keeps the file name', () => {
    expect(sourceEmitAs['SEED-000']).toBe('000_2f3779810b56e61f.txt');
    expect(sourceDisplayName(sourceEmitAs['SEED-000'])).toBe('"How to Treat Back Spasms" (web article)');
    expect(seedDisplayName('https://www.nhs.uk/conditions/back-pain/')).toBeUndefined();
  });

  it('questions, advice and safety-netting name no file', () => {
    for (const found of findStrings({ questions, dispositionAdvice, safetyNet })) {
      expect(found.text, found.path).not.toMatch(fileName);
    }
  });
});
