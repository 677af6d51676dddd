// A forward-plan entry in a real browser: Debian's Chromium, driven by playwright-core, against
// the real `civic serve` with its demo council. The public's walk from the demo's forward plan
// (from 1 June 2010) to an entry's own page, then to its history, then back to the plan, with
// every page audited by axe-core (WCAG 2.0/2.1/2.2 A and AA; serious or critical fails); then
// the same walk with JavaScript turned off: the pages must not need it.

import assert from 'node:assert/strict';

import { field, walkTests } from './walk.mjs';

const COUNCIL = 'Maidstone Borough Council';
const PLAN = '/councils/maidstone/forward-plan';
const ENTRY = 'Customer Access Strategy';
const PRIVATE_ENTRY = 'Disposal of land at Springfield';
const ENTRY_PATH = /^\/councils\/maidstone\/forward-plan\/[0-9a-f-]{36}$/;
const HISTORY_PATH = /^\/councils\/maidstone\/forward-plan\/[0-9a-f-]{36}\/history$/;

walkTests('the public follows a forward-plan entry to its page and its history', {}, walk);

/** The walk: from the plan to an entry, its history and back, then an entry decided in private. */
async function walk({ page, server, check }) {
  const plan = await page.goto(`${server.url}${PLAN}?from=2010-06-01`);
  assert.equal(plan.status(), 200);
  assert.equal(await page.title(), `Forward plan – ${COUNCIL} – Civic Register`);
  await check(page, 'the forward plan from June 2010');

  // The entry's title in the plan links its own page.
  await page.getByRole('link', { name: ENTRY, exact: true }).click();
  await page.waitForURL((url) => ENTRY_PATH.test(url.pathname));
  assert.equal(await page.title(), `${ENTRY} – ${COUNCIL} – Civic Register`);
  assert.equal(
    await page.getByRole('heading', { level: 1 }).innerText(),
    `${COUNCIL}\n${ENTRY}`,
  );
  for (const [key, value] of [
    ['Reference', 'FP/2010/031'],
    ['Decision maker', 'Cabinet'],
    ['Date due', 'August 2010'],
    ['Key decision', 'Yes'],
    ['Notice given', 'Standard notice'],
    ['Notice published', '1 June 2010'],
    ['Expected to be decided in private', 'No'],
    ['Wards affected', 'All wards'],
    ['Consultees', "Residents' panel; Overview and Scrutiny Committee."],
    ['Status', 'For Determination'],
  ]) {
    const shown = field(page, key);
    assert.ok(await shown.isVisible(), `${key} is visible`);
    assert.equal(await shown.innerText(), value, key);
  }
  assert.match(await field(page, 'Contacts').innerText(), /^Lead officer: Head of Customer Services/);
  // Its JSON-LD is data in the head, not a script the page runs.
  const data = JSON.parse(await page.locator('head script[type="application/ld+json"]').textContent());
  assert.equal(data['@type'], 'PlanAction');
  assert.equal(data.name, ENTRY);
  await check(page, "a forward-plan entry's page");

  await page.getByRole('link', { name: 'History of this entry', exact: true }).click();
  await page.waitForURL((url) => HISTORY_PATH.test(url.pathname));
  assert.equal(await page.title(), `History of ${ENTRY} – ${COUNCIL} – Civic Register`);
  assert.ok(
    await page.getByRole('heading', { level: 2, name: 'Entered on the forward plan' }).isVisible(),
  );
  await check(page, "a forward-plan entry's history");

  await page.getByRole('link', { name: 'Back to the entry', exact: true }).click();
  await page.waitForURL((url) => ENTRY_PATH.test(url.pathname));
  await page.getByRole('link', { name: `The forward plan of ${COUNCIL}`, exact: true }).click();
  await page.waitForURL((url) => url.pathname === PLAN);

  // An entry expected to be decided in part in private says so.
  await page.goto(`${server.url}${PLAN}?from=2010-06-01`);
  await page.getByRole('link', { name: PRIVATE_ENTRY, exact: true }).click();
  await page.waitForURL((url) => ENTRY_PATH.test(url.pathname));
  assert.equal(await field(page, 'Expected to be decided in private').innerText(), 'In part');
  assert.equal(await field(page, 'Date due').innerText(), 'Not before 1 September 2010');
  await check(page, 'an entry expected to be decided in part in private');

}


