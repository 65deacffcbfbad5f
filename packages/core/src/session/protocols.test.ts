/**
 * Our copy of the numbers (protocols.ts) must be exactly shared/clinical/protocols.json: any difference, in a
 * number, a prompt, a policy line or a source note, fails. Skipped, with a warning, when shared/ is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getEntry } from '../knowledge/lookup.ts';
import { otherTimedItems, protocols, protocolsDocument, timerPolicy } from './protocols.ts';
import { timedProtocolIds } from './timeline.ts';

const url = new URL('../../../../../shared/clinical/protocols.json', import.meta.url);
const exists = existsSync(url);
if (!exists)
  console.warn(
    `[session tests] skipping the comparison with protocols.json: ${url.pathname} not found (shared/ is not beside the repo)`,
  );
const json: unknown = exists ? JSON.parse(readFileSync(url, 'utf8')) : null;

describe.skipIf(!exists)('protocols.ts against shared/clinical/protocols.json', () => {
  it('is the whole file, field for field', () => {
    // toStrictEqual also fails on a key present as undefined on one side only.
    expect(protocolsDocument).toStrictEqual(json);
  });

  it.each(protocols.map((p, i) => [p.id, i] as const))('%s is the same protocol', (_id, i) => {
    const file = json as { protocols: unknown[] };
    expect(protocols[i]).toStrictEqual(file.protocols[i]);
  });
});

describe('protocols.ts', () => {
  it('names only knowledge entries, with the same display', () => {
    for (const item of [...protocols, ...otherTimedItems]) {
      expect(getEntry(item.id)?.display, item.id).toBe(item.display);
    }
  });

  it('has a builder for every timed protocol, and for every other item that allows a timer', () => {
    const timed = [
      ...protocols.map((p) => p.id),
      ...otherTimedItems.filter((item) => item.timer_allowed !== false).map((item) => item.id),
    ];
    expect([...timedProtocolIds].sort()).toEqual([...timed].sort());
  });

  it('keeps the §1.4 timer policy', () => {
    expect(timerPolicy.do_not_recommend).toMatch(/no timer/);
    expect(timerPolicy.inform_only).toMatch(/after the caveat/);
  });
});
