// What the console's browser tests check on every page they visit: axe's findings and sideways overflow.
import { readFileSync } from 'node:fs';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  rule: string;
  impact: string | null | undefined;
  nodes: string[];
}

type Axe = { configure(spec: unknown): void; run(): Promise<AxeResults> };

/**
 * What axe finds wrong with a document (a page as the browser shows it, or an email's HTML), loaded into `audit` (a
 * page whose context bypasses the CSP, so that axe may run). axe checks the contrast only of text it does not take
 * for an icon font's ligature, and it takes Arabic, whose letters join, for one — after three such texts, every text
 * in that font: most of an Arabic page went unchecked. Here every element with text of its own is checked.
 */
export async function violationsIn(audit: Page, html: string): Promise<Violation[]> {
  await audit.setContent(html);
  await audit.addScriptTag({ content: AXE_SOURCE });
  const results = await audit.evaluate(() => {
    const axe = (globalThis as unknown as { axe: Axe }).axe;
    type Text = { nodeType: number; nodeValue: string | null };
    const hasOwnText = (node: { childNodes: Iterable<Text> }) =>
      Array.from(node.childNodes).some((child) => child.nodeType === 3 && (child.nodeValue ?? '').trim() !== '');
    axe.configure({ rules: [{ id: 'color-contrast', matches: hasOwnText }] });
    return axe.run();
  });
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }));
}

/** How many pixels the page is wider than its window: usable at a width means 0 (no sideways scrolling). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number } };
      innerWidth: number;
    };
    return document.documentElement.scrollWidth - innerWidth;
  });
}
