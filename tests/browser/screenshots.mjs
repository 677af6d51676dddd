// Screenshots of the main public pages for the docs (docs/web.md, "Screenshots"): starts the real
// `civic serve` with its demo council, as the browser test does, opens each page in Debian's
// Chromium and saves it as a PNG in docs/screenshots/. Not a test: run it by hand when the pages
// change, and commit the PNGs it writes.
//
//   node tests/browser/screenshots.mjs
//
//   CIVIC_BINARY  the server (default: the debug build of this checkout, as server.mjs says)
//   CHROMIUM      the browser (default: /usr/bin/chromium)

import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
// A full page longer than this is cut here: the docs show what a page looks like, not all of it,
// and a tall PNG is a large file (the docs keep each under about 200 KB).
const MAX_HEIGHT = 1400;
// The example decision's reasons are long, dense text: shown to the start of them.
const DECISION_HEIGHT = 1000;

const server = await startServer();
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    javaScriptEnabled: false,
    // The server renders dates itself; these keep the browser's side the same on every machine.
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await mkdir(OUT, { recursive: true });

  await open(page, '/');
  await save(page, 'home.png');

  await open(page, '/councils/maidstone');
  await save(page, 'register.png');

  await page.getByRole('link', { name: 'Information Strategy 2010 - 13', exact: true }).click();
  await page.waitForLoadState();
  await save(page, 'decision.png', DECISION_HEIGHT);

  await page.getByRole('link', { name: /history/i }).first().click();
  await page.waitForLoadState();
  await save(page, 'decision-history.png');

  await open(page, '/councils/maidstone');
  await page.getByRole('link', { name: 'Disposal of land at the former depot', exact: true }).click();
  await page.waitForLoadState();
  await save(page, 'decision-withheld.png');

  await open(page, '/councils/maidstone/forward-plan?from=2010-06-01');
  await save(page, 'forward-plan.png');

  await page.getByRole('link', { name: 'Customer Access Strategy', exact: true }).click();
  await page.waitForLoadState();
  await save(page, 'plan-entry.png');

  await open(page, '/councils/maidstone/meetings');
  await save(page, 'meetings.png');

  await page.getByRole('link', { name: 'Cabinet, 9 June 2010', exact: true }).click();
  await page.waitForLoadState();
  await save(page, 'meeting.png');

  await open(page, '/councils/maidstone?lang=cy');
  await save(page, 'register-welsh.png');
} finally {
  await browser?.close();
  await server.stop();
}

/** Opens a path of the server; anything but 200 stops the script, so no error page is saved. */
async function open(page, pathAndQuery) {
  const response = await page.goto(server.url + pathAndQuery);
  if (response?.status() !== 200) {
    throw new Error(`${pathAndQuery}: ${response?.status() ?? 'no response'}`);
  }
}

/** Saves the page, whole up to `maxHeight` pixels, as docs/screenshots/NAME; says how large it is. */
async function save(page, name, maxHeight = MAX_HEIGHT) {
  const file = path.join(OUT, name);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: { x: 0, y: 0, width: VIEWPORT.width, height: Math.min(height, maxHeight) },
    animations: 'disabled',
    caret: 'hide',
  });
  const { size } = await stat(file);
  const at = new URL(page.url()).pathname;
  console.log(`${path.relative(process.cwd(), file)}  ${Math.round(size / 1024)} KB  (${at})`);
}
