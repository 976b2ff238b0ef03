/**
 * Offline reading (src/plugins/pwa.ts): after one visit to a chapter of a
 * version, with the network cut, the chapter reloads, the sidebar leads to
 * another chapter, a chapter never visited opens, and the version's search
 * index loads, all from the service worker's precache. Every request,
 * the service worker's own included, must succeed, and the console stays
 * clean. One fresh browser context per version, so each starts with no
 * service worker and no cache.
 *
 * Then a deploy reaches a reader who has the site stored: the new worker
 * waits, the site's notice (src/theme/PwaReloadPopup) offers to reload,
 * "Not now" keeps the stored copy, and "Reload" shows the new one.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type {BrowserContext, Page} from 'playwright-core';
import os from 'node:os';
import {BUILD_DIR, useSiteAndBrowser, browserTests} from './browser';
import {startServer} from './server';
import {collectConsole, precacheEntries, settle, sitemapPaths} from './site';

/** Failed requests and HTTP errors of a whole context: pages and service workers. */
function contextFailures(context: BrowserContext): string[] {
  const out: string[] = [];
  context.on('requestfailed', (req) => out.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? ''})${req.serviceWorker() ? ' [service worker]' : ''}`));
  context.on('response', (res) => {
    if (res.status() >= 400) out.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return out;
}

/** Wait until a service worker controls the origin and has stored the whole precache. */
async function waitForPrecache(page: Page, expected: number): Promise<number> {
  return page.evaluate(async (want) => {
    const registration = await navigator.serviceWorker.ready; // resolves once a worker is active, i.e. installed
    if (!registration.active) throw new Error('no active service worker');
    const names = (await caches.keys()).filter((n) => n.includes('precache'));
    let stored = 0;
    for (const name of names) stored += (await (await caches.open(name)).keys()).length;
    if (stored < want) throw new Error(`precache holds ${stored} of ${want} entries`);
    return stored;
  }, expected);
}

browserTests(() => {
  const site = useSiteAndBrowser();

  const paths = sitemapPaths();
  // 0 without a service worker in the build (then the first assertion fails).
  const precached = fs.existsSync(path.join(BUILD_DIR, 'sw.js')) ? precacheEntries().length : 0;
  // The latest release at /docs/..., Next at /docs/next/... (or /docs/ alone before a release).
  const versions = paths.some((p) => p.startsWith('/docs/next/')) ? ['/docs', '/docs/next'] : ['/docs'];

  for (const base of versions) {
    test(`${base}: a chapter, its neighbours and an unvisited chapter work offline after one visit`, async () => {
      const chapterOf = (slug: string) => `${base}/${slug}`;
      const first = chapterOf('docker-layer');
      const unvisited = chapterOf('relations');
      assert.ok(paths.includes(first) && paths.includes(unvisited), `sitemap lacks ${first} or ${unvisited}`);
      assert.ok(precached > 0, 'build/sw.js has an empty precache list');

      const context = await site.browser.newContext({colorScheme: 'light', serviceWorkers: 'allow'});
      const failures = contextFailures(context);
      const page = await context.newPage();
      const consoleLog = collectConsole(page);
      try {
        await page.goto(site.origin + first);
        await settle(page);
        const title = (await page.locator('article h1').first().textContent())?.trim();
        const stored = await waitForPrecache(page, precached);
        assert.ok(stored >= precached);

        // The first visit, precaching included, went without an error.
        assert.deepEqual([...consoleLog, ...failures], [], 'online, before precaching finished');

        await context.setOffline(true);
        // Prove the network is really gone: a file outside the precache fails
        // (its console error and failed request are expected, then cleared).
        const direct = await page.evaluate(async (u) => {
          try {
            return (await fetch(u, {cache: 'no-store'})).status;
          } catch {
            return 'offline';
          }
        }, `${site.origin}/sitemap.xml`);
        assert.equal(direct, 'offline', 'the browser context is not offline');
        consoleLog.length = 0;
        failures.length = 0;

        await page.reload();
        await settle(page);
        assert.equal((await page.locator('article h1').first().textContent())?.trim(), title, `${first}: not rendered offline`);
        assert.ok((await page.locator('article pre code').count()) > 0, `${first}: no code listing offline`);

        // Client-side navigation through the sidebar: route chunks from the cache.
        const sidebarLink = page.locator(`nav.menu a.menu__link[href="${chapterOf('payloads')}"]`);
        await sidebarLink.click();
        await page.waitForURL((u) => u.pathname === chapterOf('payloads'));
        await settle(page);
        const h1 = (await page.locator('article h1').first().textContent())?.trim() ?? '';
        assert.ok(h1 && h1 !== title, `sidebar navigation offline: ${chapterOf('payloads')} shows "${h1}"`);
        assert.ok((await page.locator('article pre code').count()) > 0, `${chapterOf('payloads')}: no code listing offline`);

        // A chapter this reader never opened: a full page load from the precache.
        await page.goto(site.origin + unvisited);
        await settle(page);
        assert.ok(((await page.locator('article h1').first().textContent()) ?? '').trim().length > 0, `${unvisited}: no title offline`);
        assert.ok((await page.locator('article pre code').count()) > 0, `${unvisited}: no code listing offline`);

        // A page the site does not have: the site's own 404 page, from the
        // worker (src/sw/offline-pages.js), not the browser's offline page.
        // Latest version only: the one 404 page is rendered for it, and under
        // /docs/next/ React re-renders it with Next's version menu (a
        // hydration warning any host serving 404.html for unknown URLs gets).
        if (base === versions[0]) {
          const missing = `${base}/no-such-page`;
          const notFound = await page.goto(site.origin + missing);
          assert.equal(notFound?.status(), 404, `${missing} offline: status ${notFound?.status()}`);
          await settle(page);
          assert.match(await page.locator('main h1').first().innerText(), /Page Not Found/i, `${missing} offline: not the site's 404 page`);
          // Expected: the worker's try of the network, and the 404 itself.
          const expected = (f: string) => f.includes(`${site.origin}${missing} `) || f === `HTTP 404: ${site.origin}${missing}`;
          failures.splice(0, failures.length, ...failures.filter((f) => !expected(f)));
          consoleLog.splice(0, consoleLog.length, ...consoleLog.filter((l) => !/status of 404/.test(l)));
        }

        // The search indexes (one per version), which the search box fetches on first use.
        const indexes = precacheEntries().filter((e) => /(^|\/)search-index[^/]*\.json$/.test(e.url)).map((e) => `/${e.url}`);
        assert.ok(indexes.length > 0, 'no search index in the precache');
        for (const index of indexes) {
          const status = await page.evaluate(async (u) => (await fetch(u)).status, site.origin + index);
          assert.equal(status, 200, `${index} not available offline`);
        }

        assert.deepEqual([...consoleLog, ...failures], [], 'offline');
      } finally {
        await context.close();
      }
    });
  }

  test('after a deploy, a reader with the site stored is offered the new version, and Reload shows it', async () => {
    // A copy of the build, served from its own folder, so the test can
    // "deploy" a changed page into it.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-deploy-'));
    fs.cpSync(BUILD_DIR, root, {recursive: true});
    const server = await startServer(root);
    const context = await site.browser.newContext({colorScheme: 'light', serviceWorkers: 'allow'});
    try {
      const failures = contextFailures(context);
      const page = await context.newPage();
      const consoleLog = collectConsole(page);
      const chapter = '/docs/docker-layer';
      const deployed = () => page.locator('meta[name="cwd-deploy"]').count();
      await page.goto(server.origin + chapter);
      await settle(page);
      await waitForPrecache(page, precached);
      // A returning reader: the page now comes from the worker, which keeps
      // a new worker waiting until the reader agrees to switch.
      await page.reload();
      await settle(page);
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the reloaded page is not served by the service worker');
      assert.equal(await deployed(), 0);

      // The deploy: the chapter's HTML changes (a tag outside what React
      // renders), and so does its revision in the worker's precache list.
      const html = path.join(root, `${chapter.slice(1)}.html`);
      fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace('<head>', '<head><meta name="cwd-deploy" content="2">'));
      const sw = path.join(root, 'sw.js');
      const entry = precacheEntries(root).find((e) => e.url === chapter.slice(1));
      assert.ok(entry?.revision, `${chapter} has no revision in sw.js`);
      fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(`"revision":"${entry.revision}","url":"${entry.url}"`, `"revision":"deploy-2","url":"${entry.url}"`));

      // The browser checks for a new worker on navigations; ask now.
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const notice = page.getByRole('status').filter({hasText: 'new version of this site'});
      await notice.waitFor({timeout: 20000});
      assert.ok(await notice.getByRole('button', {name: 'Reload'}).isVisible());
      // The notice is the site's own (src/theme/PwaReloadPopup): all axe rules, on it alone.
      await page.addScriptTag({path: require.resolve('axe-core/axe.min.js')});
      type AxeRun = {violations: Array<{id: string; help: string}>; passes: Array<{id: string}>};
      const axe = await page.evaluate(async () => {
        const {run} = (window as unknown as {axe: {run: (ctx: object, o: object) => Promise<AxeRun>}}).axe;
        const result = await run({include: [['[role="status"]']]}, {resultTypes: ['violations']});
        return {violations: result.violations.map((v) => `${v.id}: ${v.help}`), passed: result.passes.map((p) => p.id)};
      });
      assert.ok(axe.passed.includes('color-contrast'), `axe did not check the notice's contrast (passed: ${axe.passed.join(', ')})`);
      assert.deepEqual(axe.violations, [], 'axe on the new-version notice');

      // Not now: the notice goes, and the page stays the stored copy.
      await notice.getByRole('button', {name: 'Not now'}).click();
      assert.equal(await notice.count(), 0, 'the notice stayed after "Not now"');
      await page.reload();
      await settle(page);
      assert.equal(await deployed(), 0, 'the new version was shown before the reader chose to reload');

      // The new worker still waits, so the notice comes back; Reload shows the deploy.
      await notice.waitFor({timeout: 20000});
      await Promise.all([page.waitForEvent('load', {timeout: 20000}), notice.getByRole('button', {name: 'Reload'}).click()]);
      await settle(page);
      assert.equal(await deployed(), 1, 'Reload did not show the new version');
      assert.deepEqual([...consoleLog, ...failures], []);
    } finally {
      await context.close();
      await server.close();
      fs.rmSync(root, {recursive: true, force: true});
    }
  });
});
