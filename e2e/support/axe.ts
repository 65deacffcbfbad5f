/**
 * axe-core run in the page, as @axe-core/playwright runs it, with two costs taken out: axe is injected once per
 * loaded document (AxeBuilder injects its 550 kB twice on every audit, and opens a blank page to merge the results
 * of frames, which the app does not have), and only violations are gathered (`resultTypes`; passes are not read).
 * The rules are axe's defaults, as before.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

interface Axe {
  source: string;
  run: (context: Document, options: { resultTypes: string[] }) => Promise<{ violations: AxeViolation[] }>;
}

// The axe-core that @axe-core/playwright depends on (the one its version pins), not whichever copy is hoisted.
const fromPlaywrightAxe = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
const axeSource = (fromPlaywrightAxe('axe-core') as Axe).source;

export interface Finding {
  rule: string;
  impact: string | null | undefined;
  targets: string[];
  summary: string;
}

/** Waits until what is painted is final: web fonts loaded, and every finite transition and animation finished. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    // A transition starts on the frame after the change that triggers it.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const finite = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

/** Runs axe on the page as it is, once it has settled (colour contrast is measured on what is painted). */
export async function audit(page: Page): Promise<Finding[]> {
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: Axe }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    summary: v.nodes[0]?.failureSummary ?? v.help,
  }));
}
