/**
 * Launching Debian's Chromium for the browser tests and the benchmark.
 *
 * Playwright's own browser downloads are not reachable from this project's
 * machines, so we drive the distribution's /usr/bin/chromium with
 * playwright-core. When it is missing, CI must fail (a skipped quality gate
 * is no gate), while a writer's laptop may skip with a loud line.
 */
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import type {Browser, BrowserContext, BrowserContextOptions} from 'playwright-core';

import {CHROMIUM, CHROME_FLAGS} from '../chromium';

export {CHROMIUM, CHROME_FLAGS};

/** The production build under test; overridable to test another tree. */
export const BUILD_DIR = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(__dirname, '..', '..', 'build'));

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export function inCI(): boolean {
  return process.env.CI === 'true';
}

export async function launch(): Promise<Browser> {
  const {chromium} = await import('playwright-core');
  return chromium.launch({executablePath: CHROMIUM, args: [...CHROME_FLAGS], headless: true});
}

/**
 * Register the browser tests of one file, or stand-ins explaining why they
 * cannot run: without Chromium, CI gets a failing test and anyone else a
 * skipped one plus a SKIPPED line; without a build, a failing test.
 */
export function browserTests(register: () => void): void {
  if (!chromiumAvailable()) {
    if (inCI()) {
      test(`chromium is installed at ${CHROMIUM}`, () => {
        throw new Error(`chromium not found at ${CHROMIUM}: CI=true, so browser tests must run (apt-get install chromium)`);
      });
    } else {
      console.log(`\n*** SKIPPED: chromium not found at ${CHROMIUM} (browser tests not run; install it with tests/setup.sh) ***\n`);
      test('browser tests', {skip: `chromium not found at ${CHROMIUM}`}, () => {});
    }
    return;
  }
  if (!fs.existsSync(path.join(BUILD_DIR, 'index.html')) || !fs.existsSync(path.join(BUILD_DIR, 'sitemap.xml'))) {
    test('the production build exists', () => {
      throw new Error(`no production build in ${BUILD_DIR}: run \`npx docusaurus build\` first`);
    });
    return;
  }
  register();
}

/**
 * A browser context in which the site runs without its service worker
 * (src/plugins/pwa.ts), for tests that guard requests with page.route:
 * requests a worker answers bypass page.route. Blocking registration alone
 * makes the PWA plugin log an error, so the page is also shown a browser
 * without service worker support, which the plugin skips quietly, as it
 * would in such a browser. tests/browser/offline.test.ts tests the worker.
 */
export async function contextWithoutServiceWorker(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({...options, serviceWorkers: 'block'});
  await context.addInitScript(() => {
    delete (Navigator.prototype as {serviceWorker?: unknown}).serviceWorker;
  });
  return context;
}
