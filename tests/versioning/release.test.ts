/**
 * Versions, search and URLs, proved on a throwaway copy of the site
 * (tests/versioning/fixture-site.ts) where a release is cut for real:
 *
 * 1. build with no released version (no dropdown, no banner, one index);
 * 2. `npm run release -- 1.0`: refusals, then the release itself (docs,
 *    sidebars and committed examples snapshotted, site built, URL contract
 *    written);
 * 3. change Next (prose and an example file) and, in the released version,
 *    rename one page without a redirect and one page and heading with
 *    redirects; build again;
 * 4. check the built pages, the URL contract (fails for exactly the page
 *    renamed without a redirect), link previews, then drive Chromium:
 *    version-scoped search, code search landing highlighted, the version
 *    dropdown staying on the chapter, the anchor redirect;
 * 5. the dev server's search box says why it has no results.
 *
 * Three fixture builds (about 12-20 s each on two cores) and one dev
 * server start. Chromium missing: the browser tests are skipped, but fail
 * under CI=true.
 */
import {contextWithoutServiceWorker} from '../browser/browser';
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {spawn} from 'node:child_process';
import type {Browser, Page} from 'playwright-core';
import {NEW_LISTING, NEW_TERM, OLD_LISTING, OLD_TERM, buildFixture, makeFixtureSite, type Fixture} from './fixture-site';
import {launchChromium, serveBuild, type StaticServer} from './browser';
import {checkContract, readContract} from '../../src/scripts/url-contract';

let fx: Fixture;
const build = (rel: string) => path.join(fx.dir, 'build', rel);
const html = (rel: string) => fs.readFileSync(build(rel), 'utf8');

before(() => {
  fx = makeFixtureSite();
});


test('without a released version: one version at /docs/, no dropdown, no banner', () => {
  buildFixture(fx);
  const page = html('docs/charm-build.html');
  assert.match(page, /docs-version-current/);
  assert.doesNotMatch(page, /theme-doc-version-banner/);
  assert.doesNotMatch(page, /dropdown__link/, 'no version dropdown before the first release');
  assert.ok(!fs.existsSync(build('docs/next')), 'Next is at /docs/ until a release exists');
  assert.ok(fs.existsSync(build('search-index.json')));
  const r = fx.run('npm', ['run', 'url-contract', '--', '--write']);
  assert.match(r.output, /no released version yet/);
  assert.deepEqual(readContract(path.join(fx.dir, 'tests/url-contract.json')).urls, []);
});

test('release refuses a bad version name and uncommitted example changes, saying why', () => {
  const bad = fx.run('npm', ['run', 'release', '--', 'v1'], {allowFail: true});
  assert.equal(bad.status, 1);
  assert.match(bad.output, /not a version like 1\.0/);

  fx.write('examples/01-hello/config.yaml', fx.read('examples/01-hello/config.yaml') + '# local edit\n');
  fx.write('examples/01-hello/new-file.txt', 'untracked\n');
  const dirty = fx.run('npm', ['run', 'release', '--', '1.0'], {allowFail: true});
  assert.equal(dirty.status, 1);
  assert.match(dirty.output, /examples\/ has uncommitted changes/);
  assert.match(dirty.output, /config\.yaml/);
  assert.match(dirty.output, /new-file\.txt/);
  assert.ok(!fs.existsSync(path.join(fx.dir, 'versions.json')), 'nothing was cut');
  fx.run('git', ['checkout', '--', 'examples']);
  fs.rmSync(path.join(fx.dir, 'examples/01-hello/new-file.txt'));
});

test('npm run release -- 1.0 snapshots docs and committed examples, builds, writes the URL contract', () => {
  fx.run('npm', ['run', 'release', '--', '1.0']);
  assert.deepEqual(JSON.parse(fx.read('versions.json')), ['1.0']);
  assert.ok(fs.existsSync(path.join(fx.dir, 'versioned_docs/version-1.0/charm-build.mdx')));
  assert.ok(fs.existsSync(path.join(fx.dir, 'versioned_sidebars/version-1.0-sidebars.json')));
  assert.equal(
    fx.read('versioned_examples/version-1.0/01-hello/reactive/hello.py'),
    fx.read('examples/01-hello/reactive/hello.py'),
  );
  assert.deepEqual(readContract(path.join(fx.dir, 'tests/url-contract.json')).urls, [
    '/docs/before-you-begin',
    '/docs/charm-build',
    '/docs/docker-layer',
    '/docs/faq/why-flag',
    '/docs/faq/why-flag#long-answer',
    '/docs/faq/why-flag#short-answer',
  ]);
  const again = fx.run('npm', ['run', 'release', '--', '1.0', '--no-build'], {allowFail: true});
  assert.equal(again.status, 1);
  assert.match(again.output, /already in versions\.json/);
  assert.match(again.output, /versioned_examples\/version-1\.0\/ exists already/);
});

test('after changes to Next and a rename in 1.0, the site rebuilds', () => {
  // Next moves on: new prose, new example code.
  fx.write('docs/before-you-begin.mdx', fx.read('docs/before-you-begin.mdx').replace(OLD_TERM, NEW_TERM));
  fx.write(
    'examples/01-hello/reactive/hello.py',
    fx.read('examples/01-hello/reactive/hello.py').replace(OLD_LISTING, NEW_LISTING),
  );
  // In the released version: one page renamed without a redirect...
  const dl = 'versioned_docs/version-1.0/docker-layer.mdx';
  fx.write(dl, fx.read(dl).replace('slug: /docker-layer', 'slug: /docker-layer-renamed'));
  // ...and one page plus one of its headings renamed, with redirects.
  const faq = 'versioned_docs/version-1.0/faq/why-flag.mdx';
  fx.write(
    faq,
    fx.read(faq).replace('slug: /faq/why-flag', 'slug: /faq/flag-answer').replace('{#short-answer}', '{#in-short}'),
  );
  fx.write(
    'src/data/url-redirects.ts',
    `export interface PageRedirect {from: string; to: string}
export const pageRedirects: PageRedirect[] = [{from: '/docs/faq/why-flag', to: '/docs/faq/flag-answer'}];
export const anchorRedirects: Record<string, string> = {'/docs/faq/flag-answer#short-answer': '/docs/faq/flag-answer#in-short'};
`,
  );
  buildFixture(fx);
});

test('a released page shows example code as released; Next shows the change', () => {
  const released = html('docs/charm-build.html');
  const next = html('docs/next/charm-build.html');
  assert.ok(released.includes(OLD_LISTING) && !released.includes(NEW_LISTING), '1.0 lost its code');
  assert.ok(next.includes(NEW_LISTING) && !next.includes(OLD_LISTING), 'Next does not show the new code');
});

test('banners: Next is marked unreleased, the latest release is not', () => {
  assert.match(html('docs/next/charm-build.html'), /theme-doc-version-banner[\s\S]*?unreleased/);
  assert.doesNotMatch(html('docs/charm-build.html'), /theme-doc-version-banner/);
});

test('the URL contract fails for the page renamed without a redirect, and only for it', () => {
  const r = fx.run('npm', ['run', 'url-contract'], {allowFail: true});
  assert.equal(r.status, 1, r.output);
  const problems = checkContract(readContract(path.join(fx.dir, 'tests/url-contract.json')), path.join(fx.dir, 'build'), {
    '/docs/faq/flag-answer#short-answer': '/docs/faq/flag-answer#in-short',
  });
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /^\/docs\/docker-layer is no longer served and has no redirect/);
  assert.match(r.output, /\/docs\/docker-layer is no longer served/);
});

test('link previews: canonical, og:url and a generated 1200x630 card on FAQ pages', () => {
  const page = html('docs/faq/flag-answer.html');
  const site = 'https://charming-with-docker.example.org';
  assert.match(page, new RegExp(`<link[^>]*rel="?canonical"?[^>]*href="?${site}/docs/faq/flag-answer"?`));
  assert.match(page, new RegExp(`property="?og:url"? content="?${site}/docs/faq/flag-answer"?`));
  assert.match(page, /property="?og:title"? content="?Why is my flag never set\?/);
  const image = /property="?og:image"? content="?([^"\s>]+)/.exec(page)?.[1];
  assert.equal(image, `${site}/img/social-cards/1.0/faq/why-flag.png`);
  assert.match(page, new RegExp(`name="?twitter:image"? content="?${image}`));
  for (const version of ['1.0', 'current']) {
    const png = fs.readFileSync(build(`img/social-cards/${version}/faq/why-flag.png`));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);
  }
  // A chapter that does not ask for a card keeps the site default (none).
  assert.doesNotMatch(html('docs/charm-build.html'), /social-cards/);
  const sitemap = html('sitemap.xml');
  assert.ok(sitemap.includes(`${site}/docs/next/charm-build`) && sitemap.includes(`${site}/docs/charm-build`));
});

// ---- In the browser --------------------------------------------------

let server: StaticServer | undefined;
let browser: Browser | undefined;
let skipReason: string | undefined;

async function openPage(urlPath: string): Promise<Page> {
  // No service worker (src/plugins/pwa.ts): requests it served would bypass
  // context.route, so "nothing leaves 127.0.0.1" could not be enforced.
  const context = await contextWithoutServiceWorker(browser!);
  // Only the local server: nothing leaves 127.0.0.1.
  await context.route('**/*', (route) =>
    route.request().url().startsWith(server!.url) ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  await page.goto(server!.url + urlPath);
  await page.waitForSelector('html[data-has-hydrated="true"]');
  return page;
}

/** Open search with Ctrl+K, type a query, return the suggestions' text. */
async function search(page: Page, query: string): Promise<string[]> {
  // Not fill('') then blur() first, as before: in one CI run under load,
  // Ctrl+K after that left the box unfocused. The plugin blurs the box
  // whenever its autocomplete dropdown closes, and a blur while the old
  // query's results were still on their way is the likely trigger. Old
  // text, if any, is replaced by selecting it all.
  await page.keyboard.press('Control+k');
  // The search bar loads on first use (src/theme/SearchBar): give the real
  // box a moment to take over focus before checking it.
  await assert.doesNotReject(
    page.waitForFunction(() => document.activeElement?.matches('input.navbar__search-input') === true, undefined, {timeout: 5000}),
    'Ctrl+K did not focus the search box',
  );
  // Typed as a reader would. Right after arriving from a search result the
  // plugin is still settling its box (it puts the found words back in it),
  // and in one CI run the first typed character was lost that way: the text
  // is checked, and typed once more if it is not the query.
  const input = page.locator('input.navbar__search-input');
  for (let attempt = 1; attempt <= 2; attempt++) {
    await page.keyboard.press('Control+a');
    await page.keyboard.type(query, {delay: 20});
    if ((await input.inputValue()) === query) break;
  }
  assert.equal(await input.inputValue(), query, 'the search box does not hold the typed query');
  await page.waitForSelector('[role="listbox"] [role="option"], [role="listbox"] [class*="noResults"]');
  return page.locator('[role="listbox"] [role="option"]').allTextContents();
}

test('browser: start the built site and Chromium', async (t) => {
  const launched = await launchChromium();
  if ('missing' in launched) {
    skipReason = launched.missing;
    t.skip(skipReason);
    return;
  }
  browser = launched.browser;
  server = await serveBuild(path.join(fx.dir, 'build'));
});

test('browser: search is scoped to the version being read', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const next = await openPage('/docs/next/charm-build');
  assert.deepEqual(await search(next, OLD_TERM), [], `${OLD_TERM} is only in 1.0 but was found from Next`);
  assert.equal((await search(next, NEW_TERM)).length, 1);
  await next.keyboard.press('Enter');
  await next.waitForURL(/\/docs\/next\/before-you-begin\?_highlight=/);

  const released = await openPage('/docs/charm-build');
  assert.deepEqual(await search(released, NEW_TERM), [], `${NEW_TERM} is only in Next but was found from 1.0`);
  assert.equal((await search(released, OLD_TERM)).length, 1);
  await released.keyboard.press('Enter');
  await released.waitForURL(/\/docs\/before-you-begin\?_highlight=/);
  await next.context().close();
  await released.context().close();
});

test('browser: code-only terms find the chapter and are highlighted there', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const page = await openPage('/docs/next/before-you-begin');
  for (const [query, chapter] of [
    ['docker.available', 'charm-build'],
    ['payload-register', 'charm-build'],
    ['site-banner-text', 'docker-layer'],
  ] as const) {
    const hits = await search(page, query);
    assert.equal(hits.length, 1, `${query}: ${JSON.stringify(hits)}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/docs/next/${chapter}\\?_highlight=`));
    await page.waitForSelector('article pre mark');
    const marked = await page.locator('article pre mark').allTextContents();
    for (const part of query.split('-')) {
      assert.ok(marked.some((m) => m.toLowerCase() === part), `${query}: "${part}" not highlighted (${marked})`);
    }
    await page.goto(`${server!.url}/docs/next/before-you-begin`);
    await page.waitForSelector('html[data-has-hydrated="true"]');
  }
  await page.context().close();
});

test('browser: the version dropdown keeps the chapter, and search follows the switch', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const page = await openPage('/docs/next/charm-build');
  assert.equal(await page.locator('.theme-doc-version-banner').count(), 1, 'Next has the unreleased banner');
  assert.deepEqual(await search(page, OLD_TERM), []);
  await page.keyboard.press('Escape');
  const dropdown = page.locator('.navbar__item.dropdown', {hasText: 'Next'});
  await dropdown.hover();
  await dropdown.locator('a.dropdown__link', {hasText: '1.0 (Juju 3.6 LTS)'}).click();
  await page.waitForURL(`${server!.url}/docs/charm-build`);
  // The URL changes before React re-renders the page: wait for the banner
  // to go rather than reading the DOM mid-transition.
  await page.locator('.theme-doc-version-banner').waitFor({state: 'detached', timeout: 10_000});
  assert.equal(await page.locator('.theme-doc-version-banner').count(), 0);
  assert.ok((await page.locator('article').textContent())?.includes(OLD_LISTING));
  // Same page session: the search box must now use 1.0's index.
  assert.equal((await search(page, OLD_TERM)).length, 1, 'search did not switch to 1.0');
  assert.deepEqual(await search(page, NEW_TERM), []);
  await page.context().close();
});

test('browser: an old page URL and a renamed heading id still land on the answer', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const page = await openPage('/docs/faq/why-flag#short-answer');
  await page.waitForURL(`${server!.url}/docs/faq/flag-answer#in-short`);
  await page.context().close();
});

test('browser: on the dev server the search box says why it finds nothing', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const port = await freePort();
  const dev = spawn(path.join(fx.dir, 'node_modules/.bin/docusaurus'), ['start', '--host', '127.0.0.1', '--port', String(port), '--no-open'], {
    cwd: fx.dir,
    env: {...process.env, DOCUSAURUS_NO_PERSISTENT_CACHE: 'true', BROWSER: 'none'},
    stdio: 'ignore',
    detached: true,
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/docs/next/charm-build`, 120_000);
    const context = await browser!.newContext();
    await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(`${base}/docs/next/charm-build`);
    await page.waitForSelector('html[data-has-hydrated="true"]', {timeout: 60_000});
    await page.keyboard.press('Control+k');
    await page.keyboard.type('docker', {delay: 20});
    const note = page.locator('[role="listbox"]', {hasText: 'only available when you run docusaurus build'});
    await note.waitFor({timeout: 30_000});
    await context.close();
  } finally {
    // The dev server and its children: the group this test started.
    if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (process.env.KEEP_FIXTURE) console.log(`fixture kept at ${fx.dir}`);
  else fx?.remove();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const {port} = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up in ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
