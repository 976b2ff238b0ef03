/**
 * The changes that keep pages light and quick to start stay invisible to the
 * reader: the search box (a look-alike until its code loads on first use)
 * works on the first Ctrl+K and does not move, and code colours still
 * follow dark mode without the code blocks being rebuilt after hydration.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright-core';
import type {PrismTheme} from 'prism-react-renderer';
import config from '../../docusaurus.config';
import {useSiteAndBrowser, browserTests, contextWithoutServiceWorker} from './browser';
import {settle, pageProblems} from './site';

const CHAPTER = '/docs/docker-layer';
const SEARCH_INPUT = 'input.navbar__search-input';

browserTests(() => {
  const site = useSiteAndBrowser();

  /** Open CHAPTER, hydrated and idle, and tag the search input in place now. */
  async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<{page: Page; problems: () => string[]}> {
    const context = await contextWithoutServiceWorker(site.browser, {colorScheme, viewport: {width: 1280, height: 800}});
    const page = await context.newPage();
    const problems = await pageProblems(page, site.origin);
    await page.goto(site.origin + CHAPTER);
    await settle(page);
    await page.locator(SEARCH_INPUT).evaluate((el) => ((el as HTMLElement).dataset.probe = 'look-alike'));
    return {page, problems};
  }

  /** Resolves once the real search box has replaced the tagged look-alike. */
  const realBoxLoaded = (page: Page) =>
    page.waitForFunction((sel) => {
      const el = document.querySelector<HTMLElement>(sel);
      return !!el && el.dataset.probe === undefined;
    }, SEARCH_INPUT, {timeout: 15000});

  test('the search box loads its code on first hover, and does not move', async () => {
    const {page, problems} = await open();
    await page.evaluate(() => {
      const w = window as unknown as {shifts: number};
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<PerformanceEntry & {value: number}>) w.shifts += e.value;
      }).observe({type: 'layout-shift'});
    });
    const box = page.locator('.navbar__search');
    const before = await box.boundingBox();
    // Idle after load, the look-alike is still there: nothing loaded it.
    await page.waitForTimeout(500);
    assert.equal(await page.locator(SEARCH_INPUT).getAttribute('data-probe'), 'look-alike', 'the search code loaded without any intent');
    const scripts: string[] = [];
    page.on('response', (r) => r.request().resourceType() === 'script' && scripts.push(r.url()));
    await page.locator(SEARCH_INPUT).hover();
    await realBoxLoaded(page);
    assert.ok(scripts.length > 0, 'the real search box arrived without fetching its code');
    assert.deepEqual(await box.boundingBox(), before, 'the search box moved or changed size');
    assert.equal(await page.evaluate(() => (window as unknown as {shifts: number}).shifts), 0, 'layout shift on the page');
    assert.deepEqual(problems(), []);
    await page.context().close();
  });

  test('Ctrl+K focuses search on the first press and finds pages', async () => {
    const {page, problems} = await open();
    await page.keyboard.press('Control+k');
    await realBoxLoaded(page);
    await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), SEARCH_INPUT, {timeout: 5000});
    await page.keyboard.type('docker', {delay: 20});
    await page.waitForSelector('[role="listbox"] [role="option"]');
    assert.ok((await page.locator('[role="listbox"] [role="option"]').count()) > 0);
    assert.deepEqual(problems(), []);
    await page.context().close();
  });

  test('text typed into the look-alike is carried over to the real box', async () => {
    const {page, problems} = await open();
    // Focus and type in one go, before the real box can have arrived.
    await page.locator(SEARCH_INPUT).evaluate((el) => {
      const input = el as HTMLInputElement;
      input.focus();
      input.value = 'dock';
    });
    await realBoxLoaded(page);
    await page.waitForFunction((sel) => document.querySelector<HTMLInputElement>(sel)?.value === 'dock', SEARCH_INPUT, {timeout: 5000});
    assert.ok(await page.locator(SEARCH_INPUT).evaluate((el) => document.activeElement === el), 'the real box did not get the focus');
    assert.deepEqual(problems(), []);
    await page.context().close();
  });

  test('keys typed while the real box replaces the look-alike are all kept, in order', async () => {
    // The swap takes a few milliseconds; to land keys in it every time, the
    // box's code is held back until the reader has typed a little, the CPU
    // is slowed down, and typing goes on without pause as the code arrives.
    // A key typed then used to be lost, or to make the look-alike's text be
    // dropped (about two runs in five at this slowdown); several tries keep
    // the chance that this test misses such a fault small.
    const TRIES = 5;
    const got: string[] = [];
    for (let i = 0; i < TRIES; i++) {
      const {page, problems} = await open();
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/*.js', async (route) => {
        await held;
        await route.continue();
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', {rate: 4});
      await page.locator(SEARCH_INPUT).click();
      await page.keyboard.type('pay');
      release();
      await page.keyboard.type('load-register');
      await realBoxLoaded(page);
      await cdp.send('Emulation.setCPUThrottlingRate', {rate: 1});
      // The hand-over runs in a timeout after the swap.
      await page.waitForTimeout(300);
      got.push(await page.locator(SEARCH_INPUT).inputValue());
      assert.ok(await page.locator(SEARCH_INPUT).evaluate((el) => document.activeElement === el), 'the real box did not keep the focus');
      assert.deepEqual(problems(), []);
      await page.context().close();
    }
    assert.deepEqual(got, Array(TRIES).fill('payload-register'), 'characters lost or reordered while the search box loaded');
  });

  /** The colour a theme gives a token of exactly these types, as the browser reports it. */
  function expectedColor(theme: PrismTheme, type: string): string {
    let color = theme.plain.color;
    for (const entry of theme.styles) {
      if (!entry.languages && entry.types.includes(type) && entry.style.color) color = entry.style.color;
    }
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? '');
    assert.ok(m, `theme colour for ${type} is not #rrggbb: ${color}`);
    return `rgb(${m.slice(1).map((h) => parseInt(h, 16)).join(', ')})`;
  }

  for (const mode of ['light', 'dark'] as const) {
    test(`code tokens take the ${mode} theme's colours after hydration`, async () => {
      const prism = (config.themeConfig as {prism: {theme: PrismTheme; darkTheme: PrismTheme}}).prism;
      const theme = mode === 'dark' ? prism.darkTheme : prism.theme;
      const {page, problems} = await open(mode);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), mode);
      const keyword = page.locator('article pre code .token[class="token keyword"]').first();
      assert.equal(await keyword.evaluate((el) => getComputedStyle(el).color), expectedColor(theme, 'keyword'));
      const comment = page.locator('article pre code .token[class="token comment"]').first();
      assert.equal(await comment.evaluate((el) => getComputedStyle(el).color), expectedColor(theme, 'comment'));
      assert.deepEqual(problems(), []);
      await page.context().close();
    });
  }

  test('listings keep the server-rendered lines through hydration, and a switch to dark mode redraws them once', async () => {
    // src/theme/CodeBlock/Content keeps the server's lines while hydrating.
    const {page, problems} = await open('light');
    const listings = () =>
      page.evaluate(() => [...document.querySelectorAll('article pre code')].map((c) => ({html: c.innerHTML, text: (c as HTMLElement).innerText})));
    const served = await page.evaluate(async (url) => {
      const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
      return [...doc.querySelectorAll('article pre code')].map((c) => c.innerHTML);
    }, site.origin + CHAPTER);
    const hydrated = await listings();
    assert.ok(served.length > 10, `expected the chapter's listings, found ${served.length}`);
    assert.equal(hydrated.length, served.length, 'not as many listings as served');
    const changed = served.findIndex((html, i) => hydrated[i].html !== html);
    assert.equal(changed, -1, `listing ${changed} differs from the served HTML after hydration (${hydrated[changed]?.html.length} characters, served ${served[changed]?.length})`);

    // Dark mode needs other token colours: the lines are drawn again, once.
    const toggle = page.locator('button[class*="toggleButton"]').first();
    for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== 'dark'; i++) await toggle.click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const prism = (config.themeConfig as {prism: {darkTheme: PrismTheme}}).prism;
    const keyword = page.locator('article pre code .token[class="token keyword"]').first();
    assert.equal(await keyword.evaluate((el) => getComputedStyle(el).color), expectedColor(prism.darkTheme, 'keyword'));
    const dark = await listings();
    const redrawn = hydrated.findIndex((l, i) => dark[i]?.text !== l.text);
    assert.equal(redrawn, -1, `listing ${redrawn} lost or repeated lines when redrawn for dark mode`);
    assert.deepEqual(problems(), []);
    await page.context().close();
  });
});
