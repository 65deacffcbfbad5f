import { describe, expect, it } from 'vitest';
import { c } from './strings.ts';

describe("the clinician's PEG change", () => {
  it('says a rise in the score is worse, a fall better', () => {
    // PEG: lower is better, so +1.3 from 5.4 is 24 % worse, never "-24 % better".
    expect(c.peg.change(1.3, -0.24, false)).toBe('+1.3 (24 % worse)');
    expect(c.peg.change(-2.7, 0.42, true)).toBe('−2.7 (42 % better), meaningful');
  });
});
