/**
 * packages/core/api-report.md lists @unknot/core's public API; this keeps it true, so that every change to what
 * the package exports is a visible diff in review rather than a surprise to whoever installs it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiReportPath, generateApiReport } from '../scripts/api-report.ts';

describe('core API report', () => {
  it('matches the exports of @unknot/core and @unknot/core/pdf', async () => {
    const current = await generateApiReport();
    expect(current).toContain('## `@unknot/core/pdf`');
    expect(current).toMatch(/export declare function triage\(/);
    expect(
      readFileSync(apiReportPath, 'utf8') === current,
      'packages/core/api-report.md is stale: run `npm run api-report` and review the diff',
    ).toBe(true);
  });
});
