/**
 * Reading progress in a real browser: "Mark this part as done" persists
 * across reloads, the home page offers "continue where you left off" and
 * shows done marks, a fresh browser shows neither, nothing is sent over the
 * network, and none of it moves the page when it appears.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BrowserContext, Page} from 'playwright-core';
import {useSiteAndBrowser, browserTests, contextWithoutServiceWorker} from './browser';
import {pageProblems, settle, sitemapPaths} from './site';
import {chapters} from '../../src/data/chapters';

const DONE_BUTTON = 'Mark this part as done';
const CONTINUE = /^Continue where you left off: /;

/** The Next version's URL of a chapter (/docs/x -> /docs/next/x), if the build has versions. */
function nextPath(to: string): string {
  const next = to.replace(/^\/docs\//, '/docs/next/');
  return sitemapPaths().includes(next) ? next : to;
}

/**
 * Every request a page makes, so a test can say none was sent by the
 * feature: method, URL, and whether it was made after `mark` was called.
 */
function recordRequests(page: Page) {
  const log: Array<{method: string; url: string; phase: number}> = [];
  let phase = 0;
  page.on('request', (r) => log.push({method: r.method(), url: r.url(), phase}));
  return {log, mark: () => ++phase};
}

/** Top of each element (page coordinates), for comparing layouts. */
function tops(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top + window.scrollY)));
}

/** Sum of layout shifts without recent input, observed from the first paint (buffered). */
async function cumulativeLayoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & {value: number; hadRecentInput: boolean}>) {
            if (!e.hadRecentInput) cls += e.value;
          }
        }).observe({type: 'layout-shift', buffered: true});
        setTimeout(() => resolve(cls), 500);
      }),
  );
}

browserTests(() => {
  let context: BrowserContext;
  const site = useSiteAndBrowser(async () => {
    context = await contextWithoutServiceWorker(site.browser, {colorScheme: 'light'});
  });

  // Two chapters in the middle, so "continue" has somewhere to go after each.
  const first = chapters[3];
  const second = chapters[5];
  assert.ok(first && second && chapters[6], 'the tests need at least seven chapters');

  test('a chapter marked done stays done after a reload, and the sidebar marks it', async () => {
    const page = await context.newPage();
    const problems = await pageProblems(page, site.origin);
    const requests = recordRequests(page);
    await page.goto(site.origin + first.to);
    await settle(page);
    const button = page.getByRole('button', {name: DONE_BUTTON});
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    const sidebarMark = () =>
      page.locator(`nav.menu a.menu__link[href="${first.to}"]`).first().evaluate((a) => getComputedStyle(a, '::after').content);
    assert.doesNotMatch(await sidebarMark(), /✓/);

    // Bring the button into view first and let the page go quiet: links that
    // scroll into view make Docusaurus prefetch their route chunks, which
    // is not something the click sent.
    await button.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    requests.mark();
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.match(await sidebarMark(), /✓.*done/, 'no check mark (announced as "done") in the sidebar');
    await page.waitForTimeout(300);
    assert.deepEqual(requests.log.filter((r) => r.phase === 1), [], 'marking a chapter done made a request');

    await page.reload();
    await settle(page);
    assert.equal(await page.getByRole('button', {name: DONE_BUTTON}).getAttribute('aria-pressed'), 'true', 'done was lost on reload');
    // Only GET requests, to the site itself: nothing is sent anywhere.
    assert.deepEqual(requests.log.filter((r) => r.method !== 'GET' || !r.url.startsWith(site.origin + '/')), []);
    assert.deepEqual(problems(), []);
    await page.close();
  });

  test('the home page offers to continue with the last chapter visited, in its version', async () => {
    const page = await context.newPage();
    const problems = await pageProblems(page, site.origin);
    const requests = recordRequests(page);
    // Visit a later chapter in the other version (Next), without marking it.
    const secondPath = nextPath(second.to);
    await page.goto(site.origin + secondPath);
    await settle(page);
    await page.goto(site.origin + '/');
    await settle(page);
    const link = page.getByRole('link', {name: CONTINUE});
    assert.equal(await link.count(), 1, 'no "continue" link on the home page');
    assert.equal(new URL((await link.getAttribute('href'))!, site.origin).pathname, secondPath);
    const part = second.title.replace(/:.*/, '');
    assert.match((await link.textContent())!, new RegExp(`^Continue where you left off: ${part} — `));

    // The chapter list marks exactly the chapters done.
    const doneMarks = await page.locator('main section:has(#chapters) li').evaluateAll((lis) =>
      lis.map((li) => [...li.querySelectorAll('span')].some((s) => s.textContent?.includes('Done') && getComputedStyle(s).visibility === 'visible')),
    );
    assert.deepEqual(doneMarks, chapters.map((c) => c.id === first.id));

    // Marked done, the last chapter is skipped: continue goes to the next one.
    await page.goto(site.origin + secondPath);
    await settle(page);
    await page.getByRole('button', {name: DONE_BUTTON}).click();
    await page.goto(site.origin + '/');
    await settle(page);
    assert.equal(
      new URL((await page.getByRole('link', {name: CONTINUE}).getAttribute('href'))!, site.origin).pathname,
      nextPath(chapters[6].to),
      '"continue" does not skip a chapter marked done',
    );
    // Unmarking works too, and persists.
    await page.goto(site.origin + secondPath);
    await settle(page);
    await page.getByRole('button', {name: DONE_BUTTON}).click();
    await page.reload();
    await settle(page);
    assert.equal(await page.getByRole('button', {name: DONE_BUTTON}).getAttribute('aria-pressed'), 'false');

    assert.deepEqual(requests.log.filter((r) => r.method !== 'GET' || !r.url.startsWith(site.origin + '/')), []);
    assert.deepEqual(problems(), []);
    await page.close();
  });

  test('a fresh browser shows no continue link and no done marks', async () => {
    const fresh = await contextWithoutServiceWorker(site.browser, {colorScheme: 'light'});
    const page = await fresh.newPage();
    const problems = await pageProblems(page, site.origin);
    await page.goto(site.origin + '/');
    await settle(page);
    assert.equal(await page.getByRole('link', {name: CONTINUE}).count(), 0);
    assert.equal(await page.getByText('Done', {exact: true}).filter({visible: true}).count(), 0);
    await page.goto(site.origin + first.to);
    await settle(page);
    assert.equal(await page.getByRole('button', {name: DONE_BUTTON}).getAttribute('aria-pressed'), 'false');
    const marks = await page.locator('nav.menu a.menu__link').evaluateAll((as) => as.filter((a) => getComputedStyle(a, '::after').content.includes('✓')).length);
    assert.equal(marks, 0, 'a fresh browser shows done marks in the sidebar');
    assert.deepEqual(problems(), []);
    await fresh.close();
  });

  test('what appears after loading moves nothing (same layout as the static page, no layout shift)', async () => {
    const state = await context.storageState();
    const stored = state.origins.find((o) => o.origin === site.origin)?.localStorage ?? [];
    assert.ok(stored.length > 0, 'the earlier tests left no progress to render');
    for (const viewport of [{width: 1280, height: 800}, {width: 375, height: 800}]) {
      const withJs = await contextWithoutServiceWorker(site.browser, {colorScheme: 'light', viewport, storageState: state});
      const noJs = await site.browser.newContext({colorScheme: 'light', viewport, javaScriptEnabled: false});
      const [live, plain] = [await withJs.newPage(), await noJs.newPage()];
      const checks: Array<[string, string]> = [
        ['/', 'main h2, main li'],
        // A chapter with commands: the copy button at the top, the done button at the end.
        [first.to, 'article h2, nav.pagination-nav'],
      ];
      for (const [path, selector] of checks) {
        await live.goto(site.origin + path);
        await settle(live);
        await plain.goto(site.origin + path);
        const where = `${path} at ${viewport.width}px`;
        if (path === '/') assert.equal(await live.getByRole('link', {name: CONTINUE}).count(), 1, `${where}: no continue link to test with`);
        else assert.equal(await live.getByRole('button', {name: DONE_BUTTON}).getAttribute('aria-pressed'), 'true');
        assert.deepEqual(await tops(live, selector), await tops(plain, selector), `${where}: content moved when progress appeared`);
        const cls = await cumulativeLayoutShift(live);
        assert.ok(cls < 0.001, `${where}: cumulative layout shift ${cls}`);
      }
      await withJs.close();
      await noJs.close();
    }
  });
});
