/**
 * Things a reader does with a page: copy a command, switch to dark mode and
 * keep it, and land on a URL that does not exist.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type {BrowserContext} from 'playwright-core';
import {BUILD_DIR, useSiteAndBrowser, browserTests, contextWithoutServiceWorker} from './browser';
import {collectConsole, guardRequests, pageProblems, settle, sitemapPaths} from './site';

browserTests(() => {
  let context: BrowserContext;
  const site = useSiteAndBrowser(async () => {
    // No service worker: these tests do not need offline mode, and once it
    // controls the pages, requests it answers bypass page.route, which
    // guardRequests relies on. tests/browser/offline.test.ts covers it.
    context = await contextWithoutServiceWorker(site.browser, {colorScheme: 'light'});
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: site.origin});
  });

  const docs = () => sitemapPaths().filter((p) => p.startsWith('/docs/'));

  test('the copy button of a bash block copies the commands only', async () => {
    const page = await context.newPage();
    const problems = await pageProblems(page, site.origin);
    let copied = 0;
    for (const doc of docs()) {
      await page.goto(site.origin + doc);
      await settle(page);
      // Every code block in reading order, so the block after a command
      // (its expected output, by the site's convention) is known.
      const blocks = page.locator('article .theme-code-block');
      const n = await blocks.count();
      for (let i = 0; i < n; i++) {
        const block = blocks.nth(i);
        if (!(await block.evaluate((el) => el.classList.contains('language-bash')))) continue;
        // The folded "all commands" script is checked by chapter-commands.test.ts.
        if (await block.evaluate((el) => el.closest('.chapter-commands') !== null)) continue;
        const shown = await block.locator('pre code').evaluate((el) =>
          [...el.querySelectorAll('.token-line')].map((l) => (l.textContent ?? '').replace(/\n$/, '')).join('\n'),
        );
        const output =
          i + 1 < n && !(await blocks.nth(i + 1).evaluate((el) => el.classList.contains('language-bash')))
            ? await blocks.nth(i + 1).locator('pre code').innerText()
            : '';
        await page.evaluate(() => navigator.clipboard.writeText('(clipboard not written)'));
        await block.hover();
        await block.getByRole('button', {name: /copy/i}).click();
        const clip = await page.evaluate(() => navigator.clipboard.readText());
        const where = `${doc}, bash block ${i + 1}`;
        assert.equal(clip.trimEnd(), shown.trimEnd(), `${where}: the clipboard differs from the command shown`);
        for (const line of clip.split('\n')) {
          assert.doesNotMatch(line, /^\s*\$ /, `${where}: copied a prompt: ${line}`);
        }
        const outputLines = output.split('\n').map((l) => l.trim()).filter((l) => l.length > 3);
        const leaked = clip.split('\n').map((l) => l.trim()).filter((l) => outputLines.includes(l));
        assert.deepEqual(leaked, [], `${where}: copied lines of the output shown after it`);
        copied++;
      }
    }
    console.log(`copied ${copied} bash blocks`);
    assert.ok(copied > 0, 'no ```bash block with a copy button on any doc page');
    assert.deepEqual(problems(), []);
    await page.close();
  });

  test('dark mode persists across pages and reloads', async () => {
    const page = await context.newPage();
    const problems = await pageProblems(page, site.origin);
    const [first, second] = docs();
    assert.ok(first && second, 'need two doc pages');
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await page.goto(site.origin + first);
    await settle(page);
    assert.equal(await theme(), 'light');
    // The toggle cycles system / light / dark; click until dark.
    const toggle = page.locator('.navbar button[title][aria-label*="dark and light"]').first();
    for (let i = 0; i < 3 && (await theme()) !== 'dark'; i++) await toggle.click();
    assert.equal(await theme(), 'dark', 'the toggle never switched to dark');
    // In-app navigation.
    const next = page.locator('a.pagination-nav__link--next, a.pagination-nav__link--prev').first();
    const href = new URL((await next.getAttribute('href'))!, site.origin).pathname;
    await next.click();
    await page.waitForURL((u) => u.pathname === href);
    assert.equal(await theme(), 'dark', `dark mode lost navigating to ${href}`);
    // A fresh page load: the theme is set before first paint, not after hydration.
    await page.goto(site.origin + second, {waitUntil: 'domcontentloaded'});
    assert.equal(await theme(), 'dark', `dark mode lost loading ${second}`);
    await settle(page);
    assert.equal(await theme(), 'dark', `dark mode lost hydrating ${second}`);
    await page.reload();
    await settle(page);
    assert.equal(await theme(), 'dark', 'dark mode lost on reload');
    await page.goto(site.origin + '/');
    await settle(page);
    assert.equal(await theme(), 'dark', 'dark mode lost on the home page');
    assert.deepEqual(problems(), []);
    await page.close();
  });

  test('an unknown URL gets status 404 and the site 404 page', async () => {
    const page = await context.newPage();
    const consoleLog = collectConsole(page);
    const requests = await guardRequests(page, site.origin);
    const missing = '/docs/no-such-chapter-' + Date.now();
    const res = await page.goto(site.origin + missing);
    assert.equal(res?.status(), 404);
    await settle(page);
    const expected = /<h1[^>]*>([^<]+)<\/h1>/.exec(fs.readFileSync(path.join(BUILD_DIR, '404.html'), 'utf8'))?.[1];
    assert.ok(expected, 'build/404.html has no <h1>');
    assert.equal((await page.locator('main h1').first().textContent())?.trim(), expected.trim());
    assert.ok(await page.locator('.navbar__title', {hasText: 'Charming with Docker'}).count(), 'the 404 page lacks the site navbar');
    // The one expected error: the browser logs the 404 of the page itself.
    const docUrl = site.origin + missing;
    assert.deepEqual(requests.filter((r) => r !== `HTTP 404: ${docUrl}`), []);
    assert.deepEqual(consoleLog.filter((m) => !(m.includes('404') && m.includes(docUrl))), []);
    await page.close();
  });
});
