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
import {after, before, test} from 'node:test';
import type {Browser, BrowserContext, BrowserContextOptions} from 'playwright-core';

import {CHROMIUM, CHROME_FLAGS} from '../chromium';
import {startServer, type StaticServer} from './server';

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

/** The built site on 127.0.0.1 and one Chromium, shared by a test file's tests. */
export interface SiteAndBrowser {
  readonly server: StaticServer;
  readonly browser: Browser;
  /** The server's origin, e.g. http://127.0.0.1:41234. */
  readonly origin: string;
}

/**
 * Serve BUILD_DIR and launch Chromium before the calling file's tests, and
 * stop both after them (call it inside browserTests' register function).
 * The fields are filled in by the time the tests run. `setup`, if given,
 * runs in the same hook once both are up (for a file's shared browser
 * context): a separate before() of the file is not guaranteed to run after
 * this one.
 */
export function useSiteAndBrowser(setup?: (site: SiteAndBrowser) => Promise<void>): SiteAndBrowser {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test or hook`);
    return value;
  };
  before(async () => {
    server = await startServer(BUILD_DIR);
    browser = await launch();
    await setup?.(site);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const site: SiteAndBrowser = {
    get server() {
      return ready(server, 'the static server');
    },
    get browser() {
      return ready(browser, 'Chromium');
    },
    get origin() {
      return ready(server, 'the static server').origin;
    },
  };
  return site;
}
