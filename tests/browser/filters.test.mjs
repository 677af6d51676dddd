// The register's filters in a real browser: Debian's Chromium, driven by playwright-core,
// against the real `civic serve` with its demo council. The reader ticks a status, chooses a
// decision maker, submits; then a key decision and a date from the browser's date box; then
// clears the filters; every filtered page and the 400 page of a bad range audited by axe-core
// (WCAG 2.0/2.1/2.2 A and AA; serious or critical fails). The same again with JavaScript off:
// the form must not need it.

import assert from 'node:assert/strict';

import { walkTests } from './walk.mjs';

const EXAMPLE = 'Information Strategy 2010 - 13';
const RESTRICTED = 'Disposal of land at the former depot';
const OFFICER = 'Purchase of grounds maintenance equipment';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BAD_RANGE = '/councils/maidstone?from=2010-06-02&to=2010-06-01';

// The 400 of the bad range is asked for.
walkTests('the reader filters the register', { expected: [BAD_RANGE] }, filter);

/** The reader's use of the filters. */
async function filter({ page, server, check }) {
  await page.goto(`${server.url}/councils/maidstone`);
  assert.deepEqual(await titles(page), [EXAMPLE, OFFICER, RESTRICTED]);

  // The filters are folded until opened (a details element: no script needed).
  const statuses = page.getByRole('group', { name: 'Status' });
  assert.equal(await statuses.isVisible(), false);
  await page.getByText('Filter decisions', { exact: true }).click();
  // A status and a decision maker.
  await statuses.getByRole('checkbox', { name: 'In effect', exact: true }).check();
  await page.getByLabel('Decision maker', { exact: true }).selectOption({ label: 'Cabinet' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL((url) => url.searchParams.has('status'));
  let url = new URL(page.url());
  assert.equal(url.pathname, '/councils/maidstone');
  assert.deepEqual(url.searchParams.getAll('status'), ['effective']);
  assert.match(url.searchParams.get('maker'), UUID);
  // What was left alone is sent empty, and means no condition.
  assert.equal(url.searchParams.get('key'), '');
  assert.equal(url.searchParams.get('from'), '');
  assert.deepEqual(await titles(page), [EXAMPLE]);
  assert.equal(await page.getByRole('status').innerText(), '1 decision matches your filters.');
  assert.equal(
    await page.title(),
    'Decisions matching your filters – Maidstone Borough Council – Civic Register',
  );
  // The form shows what was chosen.
  assert.ok(await statuses.getByRole('checkbox', { name: 'In effect', exact: true }).isChecked());
  assert.equal(
    await page.getByLabel('Decision maker', { exact: true }).locator('option:checked').innerText(),
    'Cabinet',
  );
  await check(page, 'the register filtered by status and decision maker');

  // Another choice: not a key decision, any decision maker, any status.
  await statuses.getByRole('checkbox', { name: 'In effect', exact: true }).uncheck();
  await page.getByLabel('Decision maker', { exact: true }).selectOption({ label: 'Any decision maker' });
  await page.getByRole('group', { name: 'Key decision' }).getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL((url) => url.searchParams.get('key') === 'no');
  assert.deepEqual(await titles(page), [OFFICER]);
  await check(page, 'the register of decisions that are not key decisions');

  // A date from the browser's date box, with a search: both hold.
  await page.getByRole('group', { name: 'Key decision' }).getByRole('radio', { name: 'Any', exact: true }).check();
  await decided(page).getByLabel('From', { exact: true }).fill('2010-06-01');
  await page.getByLabel('Search decisions').fill('Strategy OR land');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL((url) => url.searchParams.get('from') === '2010-06-01');
  url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'Strategy OR land');
  assert.deepEqual(await titles(page), [EXAMPLE]);
  assert.match(
    await page.getByRole('status').innerText(),
    /^1 decision matching “Strategy OR land” and your filters\./,
  );
  assert.equal(await decided(page).getByLabel('From', { exact: true }).inputValue(), '2010-06-01');
  await check(page, 'the search with a date filter');

  // Clearing the filters keeps the search: the land disposal, of May, is back.
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForURL((url) => !url.searchParams.has('from'));
  url = new URL(page.url());
  assert.equal(url.search, '?q=Strategy+OR+land');
  assert.deepEqual(await titles(page), [EXAMPLE, RESTRICTED]);
  // The filters are folded again, the date box empty.
  assert.equal(await page.locator('input#from').inputValue(), '');

  // A range that ends before it starts: the 400 page says so.
  const refused = await page.goto(server.url + BAD_RANGE);
  assert.equal(refused.status(), 400);
  assert.equal(
    await page.getByRole('heading', { level: 1 }).innerText(),
    'There is a problem with the search',
  );
  assert.match(await page.locator('main').innerText(), /“from” must be the same as or before the date “to”/);
  await check(page, 'the 400 page of a bad date range');
}

/** The titles of the register's rows, in order. */
async function titles(page) {
  return page.locator('table.govuk-table tbody th[scope="row"] a').allInnerTexts();
}


/** The "Date of decision" boxes (the publication date has a From and To of its own). */
function decided(page) {
  return page.getByRole('group', { name: 'Date of decision' });
}
