import { describe, expect, it } from 'vitest';
import { attachmentName } from './data-export.ts';

describe('attachmentName', () => {
  it.each([
    ['attachment; filename="unknot-export-2026-01-02.json"', 'unknot-export-2026-01-02.json'],
    ['attachment; filename=unknot-export-2026-01-02.json; size=10', 'unknot-export-2026-01-02.json'],
    ['attachment', null],
    [null, null],
  ])('%s → %s', (header, name) => {
    expect(attachmentName(header)).toBe(name);
  });
});
