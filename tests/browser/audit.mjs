// The accessibility audit of a page: axe-core, run inside the page as the browser rendered it
// (styles applied, so colour contrast and target sizes are measured, not guessed).

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The success criteria checked: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Impacts that fail a test; moderate and minor ones are printed only. */
const FAILING = new Set(['serious', 'critical']);

/**
 * Audits the page: prints every violation with its impact, and returns those that fail
 * (serious or critical), each as a line naming the rule, the page and the elements.
 */
export async function audit(page, name) {
  // Evaluated through the DevTools protocol, not a <script> tag: the pages' Content-Security-Policy
  // allows no scripts, and it stays in force while they are audited.
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG_TAGS,
  );
  const found = results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
    const line = `${violation.impact}: ${violation.id} on ${name} (${page.url()}): ${violation.help} [${targets}]`;
    console.log(`axe ${line}`);
    return { impact: violation.impact, line };
  });
  console.log(
    `axe: ${name}: ${results.passes.length} rules passed, ${results.violations.length} violated, ` +
      `${results.incomplete.length} to review by hand`,
  );
  return found.filter(({ impact }) => FAILING.has(impact)).map(({ line }) => line);
}
