// The public register in a real browser: Debian's Chromium, driven by playwright-core, against
// the real `civic serve` with its demo council. The public's walk (home page -> council's
// register -> a decision -> back -> search -> a decision with withheld fields -> the forward
// plan -> the meetings -> the Cabinet meeting and its history -> the strategies -> a strategy
// document and its history -> Welsh pages, the home page too -> a missing decision),
// with every page audited by axe-core (WCAG 2.0/2.1/2.2 A and AA; serious or critical fails),
// then the same walk with JavaScript turned off: the pages must not need it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { audit } from './audit.mjs';
import { field, shared, walkTests } from './walk.mjs';
const EXAMPLE = 'Information Strategy 2010 - 13';
const RESTRICTED = 'Disposal of land at the former depot';
const NOTICE =
  'Withheld as exempt information under Local Government Act 1972, Schedule 12A, Part 1 paragraph 3';
const MISSING = '00000000-0000-4000-8000-000000000000';
const DECISION_PATH = /^\/councils\/maidstone\/decisions\/[0-9a-f-]{36}$/;
const HISTORY_PATH = /^\/councils\/maidstone\/decisions\/[0-9a-f-]{36}\/history$/;
const MEETING_PATH = /^\/councils\/maidstone\/meetings\/[0-9a-f-]{36}$/;

// The 404 of the missing decision is asked for.
walkTests('the public walks from the home page to a decision and searches', { expected: [MISSING] }, walk);

test('the audit fails a page with serious or critical violations', async () => {
  // Guards the audit itself: were its tags misnamed or axe not run, every page would pass.
  const page = await shared.browser.newPage();
  try {
    await page.setContent('<html><body><img src="data:,"><input type="text"></body></html>');
    const failures = await audit(page, 'a page made to fail');
    for (const rule of ['html-has-lang', 'image-alt', 'label']) {
      assert.ok(failures.some((line) => line.includes(`: ${rule} on `)), `${rule} in ${failures}`);
    }
  } finally {
    await page.close();
  }
});

/** The public's walk through the pages. */
async function walk({ page, server, check }) {
  const home = await page.goto(server.url + '/');
  assert.equal(home.status(), 200);
  assert.equal(await page.title(), 'Councils – Civic Register');
  await check(page, 'the home page');

  await page.getByRole('link', { name: '/councils/maidstone', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/councils/maidstone');
  await registerPageIsStyled(page);
  assert.equal(await page.title(), 'Decisions – Maidstone Borough Council – Civic Register');
  assert.equal(
    await page.getByRole('heading', { level: 1 }).innerText(),
    'Maidstone Borough Council\nRegister of decisions',
  );
  await check(page, 'the register');

  await page.getByRole('link', { name: EXAMPLE, exact: true }).click();
  await page.waitForURL((url) => DECISION_PATH.test(url.pathname));
  assert.equal(await page.title(), `${EXAMPLE} – Maidstone Borough Council – Civic Register`);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), new RegExp(`${EXAMPLE}$`));
  for (const [key, value] of [
    ['Decision maker', 'Cabinet'],
    ['Decision status', 'Recommendations Approved'],
    ['Date of decision', '9 June 2010'],
    ['Report author', 'Paul Taylor'],
    ['Wards affected', 'All wards'],
  ]) {
    const shown = field(page, key);
    assert.ok(await shown.isVisible(), `${key} is visible`);
    assert.equal(await shown.innerText(), value, key);
  }
  await check(page, 'the example decision');

  await page.getByRole('link', { name: 'History of this decision', exact: true }).click();
  await page.waitForURL((url) => HISTORY_PATH.test(url.pathname));
  assert.equal(
    await page.title(),
    `History of ${EXAMPLE} – Maidstone Borough Council – Civic Register`,
  );
  assert.match(
    await page.getByRole('heading', { level: 1 }).innerText(),
    new RegExp(`History of ${EXAMPLE}$`),
  );
  assert.ok(await page.getByRole('heading', { level: 2, name: 'Decision published' }).isVisible());
  await check(page, "the example decision's history");
  await page.goBack();

  await page.goBack();
  assert.equal(new URL(page.url()).pathname, '/councils/maidstone');
  const search = page.getByLabel('Search decisions');
  await search.fill('Strategy');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === 'Strategy');
  const results = page.locator('table.govuk-table tbody');
  assert.ok(await results.getByRole('link', { name: EXAMPLE, exact: true }).isVisible());
  assert.equal(await results.getByRole('link', { name: RESTRICTED }).count(), 0);
  assert.match(await page.getByRole('status').innerText(), /^1 decision matching “Strategy”/);
  assert.equal(await search.inputValue(), 'Strategy', 'the search box keeps the words');
  await check(page, 'the search results');

  await page.getByRole('link', { name: 'Clear the search' }).click();
  await page.waitForURL((url) => url.pathname === '/councils/maidstone' && url.search === '');
  await page.getByRole('link', { name: RESTRICTED, exact: true }).click();
  await page.waitForURL((url) => DECISION_PATH.test(url.pathname));
  for (const key of ['Decision', 'Reasons for the decision']) {
    const shown = field(page, key);
    assert.ok(await shown.isVisible(), `${key} is visible`);
    assert.ok((await shown.innerText()).startsWith(NOTICE), `${key} shows the notice`);
  }
  assert.equal(await field(page, 'Purpose').innerText(), 'To consider the disposal of surplus land at the former depot.');
  await check(page, 'a decision with withheld fields');

  // The council's other pages, by the links under the register's heading.
  await page.goto(`${server.url}/councils/maidstone`);
  const councilNav = page.getByRole('navigation', { name: "This council's register" });
  await councilNav.getByRole('link', { name: 'Forward plan', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/councils/maidstone/forward-plan');
  assert.equal(await page.title(), 'Forward plan – Maidstone Borough Council – Civic Register');
  await check(page, 'the forward plan (from today)');
  await page.getByLabel('Show decisions due from').fill('2010-06-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL((url) => url.searchParams.get('from') === '2010-06-01');
  const plan = page.locator('table.govuk-table tbody');
  assert.ok(await plan.getByRole('rowheader', { name: /^Customer Access Strategy/ }).isVisible());
  assert.ok(await plan.getByText('August 2010', { exact: true }).isVisible());
  await check(page, 'the forward plan from June 2010');

  await councilNav.getByRole('link', { name: 'Meetings', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/councils/maidstone/meetings');
  await check(page, 'the meetings');
  await page.getByRole('link', { name: 'Cabinet, 9 June 2010', exact: true }).click();
  await page.waitForURL((url) => MEETING_PATH.test(url.pathname));
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Cabinet, 9 June 2010$/);
  const withheld = page.locator('.govuk-inset-text');
  assert.ok((await withheld.innerText()).startsWith(`Minutes withheld. ${NOTICE}`));
  await check(page, 'the Cabinet meeting');
  await page.getByRole('link', { name: 'History of this meeting', exact: true }).click();
  await page.waitForURL((url) => /^\/councils\/maidstone\/meetings\/[0-9a-f-]{36}\/history$/.test(url.pathname));
  assert.ok(await page.getByRole('heading', { level: 2, name: 'Meeting recorded' }).isVisible());
  await check(page, "the Cabinet meeting's history");
  await page.goBack();

  await councilNav.getByRole('link', { name: 'Strategies', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/councils/maidstone/strategies');
  await check(page, 'the strategy documents');
  await page.getByRole('link', { name: 'Information Strategy', exact: true }).click();
  await page.waitForURL((url) => /^\/councils\/maidstone\/strategies\/[0-9a-f-]{36}$/.test(url.pathname));
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Information Strategy$/);
  assert.ok(await page.getByText('ICT Strategy', { exact: true }).first().isVisible());
  await check(page, 'a strategy document with its former name');
  await page.getByRole('link', { name: 'History of this document', exact: true }).click();
  await page.waitForURL((url) => /^\/councils\/maidstone\/strategies\/[0-9a-f-]{36}\/history$/.test(url.pathname));
  assert.ok(await page.getByRole('heading', { level: 2, name: 'Document recorded' }).isVisible());
  await check(page, "a strategy document's history");

  // A page in Welsh (any council's, with lang=cy), and its link back to the English page.
  await page.goto(`${server.url}/councils/maidstone?lang=cy`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Cofrestr penderfyniadau$/);
  assert.ok(await page.getByRole('columnheader', { name: 'Dyddiad y penderfyniad' }).isVisible());
  assert.ok(await page.getByRole('cell', { name: '9 Mehefin 2010', exact: true }).first().isVisible());
  await check(page, 'the register in Welsh');
  const english = page.getByRole('link', { name: 'English', exact: true });
  assert.equal(await english.getAttribute('hreflang'), 'en');
  await english.click();
  await page.waitForURL((url) => url.pathname === '/councils/maidstone' && !url.searchParams.has('lang'));
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');

  // The home page in Welsh, in the pages' style, its register link keeping the language.
  await page.goto(`${server.url}/?lang=cy`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
  assert.match(await page.locator('link[rel="stylesheet"]').getAttribute('href'), /^\/assets\/govuk\//);
  assert.ok(await page.getByRole('columnheader', { name: 'Cofrestr' }).isVisible());
  await check(page, 'the home page in Welsh');
  await page.getByRole('link', { name: '/councils/maidstone', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/councils/maidstone' && url.searchParams.get('lang') === 'cy');

  const missing = await page.goto(`${server.url}/councils/maidstone/decisions/${MISSING}`);
  assert.equal(missing.status(), 404);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Page not found');
  // Last: the skip link, once shown, moves the page down until focus leaves it.
  await skipLinkShowsOnFocus(page);
  await check(page, 'the page not found');
}



/** The GOV.UK stylesheet reached the page and was applied (the policy lets it in). */
async function registerPageIsStyled(page) {
  const sheet = page.locator('link[rel="stylesheet"]');
  const href = await sheet.getAttribute('href');
  assert.match(href, /^\/assets\/govuk\//);
  // The skip link is moved off-screen by the stylesheet until it has focus.
  const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
  assert.ok(box === null || box.width <= 1 || box.y < 0 || box.x < 0, `skip link hidden: ${JSON.stringify(box)}`);
}

/** A keyboard user's first Tab lands on the skip link, which then shows. */
async function skipLinkShowsOnFocus(page) {
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  assert.ok(await skip.evaluate((link) => link === document.activeElement), 'the first Tab reaches the skip link');
  const box = await skip.boundingBox();
  assert.ok(box && box.width > 1 && box.height > 1, `skip link shown on focus: ${JSON.stringify(box)}`);
}
