// What the walks through the public pages share: the real `civic serve` with its demo council and
// Debian's Chromium, a walk's two tests (every page audited by axe-core; then the same walk with
// JavaScript turned off, which the pages must not need), and the watch on what the browser
// reports going wrong.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

import { audit } from './audit.mjs';
import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The server and the browser of this file's tests, started before them and stopped after. */
export const shared = { server: undefined, browser: undefined };

before(async () => {
  shared.server = await startServer();
  shared.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
});

after(async () => {
  await shared.browser?.close();
  await shared.server?.stop();
});

/**
 * Registers the two tests of `walk`, named by `name`. `walk({ page, server, check })` visits the
 * pages in a fresh browser context, passing each to `check(page, name)`: in the first test
 * `check` audits the page (WCAG 2.0/2.1/2.2 A and AA; a serious or critical violation fails),
 * in the second JavaScript is off and `check` does nothing. Either fails on anything the browser
 * reports going wrong (a request refused by the Content-Security-Policy, a failed or erroring
 * subresource, a script error, an error status) but answers whose URL holds one of `expected`
 * (an error page the walk asks for).
 */
export function walkTests(name, { expected = [] }, walk) {
  const run = async (options, check) => {
    const context = await shared.browser.newContext(options);
    const page = await context.newPage();
    const problems = watch(page);
    try {
      await walk({ page, server: shared.server, check });
    } finally {
      await context.close();
    }
    assert.deepEqual(
      problems.filter((problem) => !expected.some((url) => problem.includes(url))),
      [],
      'the browser reported problems',
    );
  };

  test(`${name}, every page passing axe`, async () => {
    const failures = [];
    await run({ javaScriptEnabled: true }, async (page, pageName) => {
      failures.push(...(await audit(page, pageName)));
    });
    assert.deepEqual(failures, [], 'serious or critical accessibility violations (listed above)');
  });

  test(`${name}, with JavaScript turned off`, async () => {
    await run({ javaScriptEnabled: false }, async () => {});
  });
}

/** The value of a row of a summary list, by its key's exact words. */
export function field(page, key) {
  return page.locator(`.govuk-summary-list__row:has(> dt:text-is("${key}")) > dd`);
}

/** What the browser reports going wrong on the page, as lines. */
function watch(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`failed: ${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}
