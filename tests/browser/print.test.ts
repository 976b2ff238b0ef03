/**
 * The print edition as a printer sees it (print media emulated): no
 * navbar, sidebar, footer or copy buttons, each chapter on a new page,
 * dark text on white even when the reader uses dark mode, and Chromium's
 * PDF of it has more pages than chapters. A chapter page printed alone
 * loses its navigation too.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright-core';
import {useSiteAndBrowser, browserTests, contextWithoutServiceWorker} from './browser';
import {guardRequests, settle, sitemapPaths, printEditionPaths, pageProblems} from './site';

/** Number of pages in a PDF Chromium wrote (one /Type /Page object each). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

/** Whether an element is laid out at all (display: none on it or a parent). */
async function hiddenCount(page: Page, selector: string): Promise<{total: number; shown: number}> {
  return page.locator(selector).evaluateAll((els) => ({
    total: els.length,
    shown: els.filter((el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed' && getComputedStyle(el).display !== 'none').length,
  }));
}

/**
 * Luminance (0 dark .. 1 light) of body text and listing text and of the
 * backgrounds behind them. A string, not a function: the test runner's
 * transpiler would wrap named inner functions in a helper the page lacks.
 */
const PRINT_COLOURS = `(() => {
  const luminance = (css) => {
    const [r, g, b] = (css.match(/[\\d.]+/g) || ['0', '0', '0']).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  const bg = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return luminance(c);
    }
    return 1;
  };
  const code = document.querySelector('main pre code .token-line span') || document.querySelector('main pre code');
  const para = document.querySelector('main section p:not([class])');
  return {codeText: luminance(getComputedStyle(code).color), codeBg: bg(code), text: luminance(getComputedStyle(para).color), pageBg: bg(para)};
})()`;

browserTests(() => {
  const site = useSiteAndBrowser();

  const paths = sitemapPaths();
  const editions = printEditionPaths();

  test('a print edition is built per docs version', () => {
    const versions = paths.some((p) => p.startsWith('/docs/next/')) ? 2 : 1;
    assert.equal(editions.length, versions, `print editions in the build: ${editions.join(', ')}`);
  });

  test('on an edition the version menu shows that edition and leads to the others', async () => {
    for (const edition of editions) {
      const html = await (await fetch(site.origin + edition)).text();
      const menu = /<ul class=["']?dropdown__menu["']?>([\s\S]*?)<\/ul>/.exec(html)?.[1];
      assert.ok(menu, `${edition}: no version menu`);
      const items = [...menu.matchAll(/<a([^>]*)>([^<]*)<\/a>/g)].map((m) => ({
        href: /href=["']?([^"'\s>]+)/.exec(m[1])?.[1],
        active: /dropdown__link--active/.test(m[1]),
        label: m[2],
      }));
      assert.deepEqual(items.map((i) => i.href).sort(), [...editions].sort(), `${edition}: the menu does not list the editions`);
      const active = items.find((i) => i.active);
      assert.equal(active?.href, edition, `${edition}: the menu marks ${active?.href} as current`);
      const button = />([^<]+)<\/a><ul class=["']?dropdown__menu/.exec(html)?.[1];
      assert.equal(button, active.label, `${edition}: the menu button says "${button}", not "${active.label}"`);
    }
  });

  for (const edition of editions) {
    for (const mode of ['light', 'dark'] as const) {
      test(`${edition} (${mode}): printed without site navigation, chapters on new pages, dark on white`, async () => {
        // No service worker: page.route (guardRequests) must see every request.
        const context = await contextWithoutServiceWorker(site.browser, {colorScheme: mode});
        const page = await context.newPage();
        const problems = await pageProblems(page, site.origin);
        try {
          await page.goto(`${site.origin}${edition}?docusaurus-theme=${mode}`);
          await settle(page);
          const chapters = await page.locator('main section[id^="chapter-"]').count();
          assert.ok(chapters >= 2, `${edition}: found ${chapters} chapter sections`);
          // On screen the navbar and footer are there ...
          assert.ok(await page.locator('nav.navbar').isVisible(), 'navbar not visible on screen');

          await page.emulateMedia({media: 'print'});
          // ... on paper they are not, nor copy buttons or heading hash links.
          for (const selector of ['nav.navbar', 'footer.footer', '.theme-code-block button', 'a.hash-link', 'main button']) {
            const {total, shown} = await hiddenCount(page, selector);
            assert.equal(shown, 0, `${edition}: ${shown} of ${total} "${selector}" still shown in print`);
          }
          // What needs a screen is gone: the changed files' closed boxes.
          const {total: fileLists, shown: fileListsShown} = await hiddenCount(page, 'main ul:has(> li > details)');
          assert.ok(fileLists > 0 && fileListsShown === 0, `${edition}: ${fileListsShown} of ${fileLists} changed-file lists shown on paper`);
          // Where things are, since paper cannot be clicked: each download,
          // and each page outside the edition, with its full address.
          const testOrigin = await page.evaluate(() => location.origin);
          const addresses = await page.locator('main .print-only-url').evaluateAll((els) =>
            els.filter((el) => getComputedStyle(el).display !== 'none').map((el) => el.textContent ?? ''),
          );
          const downloads = await page.locator('main a[download]').count();
          assert.ok(downloads > 0, `${edition}: no download links`);
          assert.equal(addresses.filter((a) => /\/downloads\/.+\.zip\)$/.test(a)).length, downloads, `${edition}: a download link without its address on paper`);
          assert.ok(addresses.some((a) => /\/docs\/(?:next\/)?faq\//.test(a)), `${edition}: no FAQ link with its address on paper`);
          assert.ok(addresses.every((a) => !a.includes(testOrigin)), 'addresses should name the public site URL, not the test server');
          // Glossary links read as plain words on paper.
          const glossary = await page.locator('main section a[href*="/glossary#"]').first().evaluate((a) => {
            const parent = a.parentElement!;
            return {link: getComputedStyle(a).color, text: getComputedStyle(parent).color, line: getComputedStyle(a).textDecorationLine};
          });
          assert.ok(glossary.link === glossary.text && glossary.line === 'none', `${edition}: a glossary link still looks like a link on paper: ${JSON.stringify(glossary)}`);

          const breaks = await page.locator('main section[id^="chapter-"]').evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
          assert.deepEqual(new Set(breaks), new Set(['page']), `${edition}: not every chapter starts a new page`);

          // Dark text on a light page, listings included, in either mode.
          const colours = (await page.evaluate(PRINT_COLOURS)) as Record<string, number>;
          assert.ok(colours.text < 0.35 && colours.codeText < 0.5, `${edition} (${mode}): light text in print: ${JSON.stringify(colours)}`);
          assert.ok(colours.pageBg > 0.85 && colours.codeBg > 0.85, `${edition} (${mode}): dark background in print: ${JSON.stringify(colours)}`);

          // One PDF is enough (and about a minute of Chromium's time).
          if (mode === 'light' && edition === editions[0]) {
            const pdf = await page.pdf({format: 'A4', printBackground: false});
            const pages = pdfPageCount(pdf);
            assert.ok(pages > chapters + 1, `${edition}: the PDF has ${pages} pages for ${chapters} chapters`);
            console.log(`${edition}: ${chapters} chapters, ${pages} PDF pages, ${(pdf.length / 1024).toFixed(0)} KiB`);
          }
          assert.deepEqual(problems(), []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('a chapter printed on its own keeps only its content', async () => {
    const chapter = paths.find((p) => /^\/docs\/[^/]+$/.test(p) && p !== '/docs/faq');
    assert.ok(chapter, 'no chapter in the sitemap');
    const context = await contextWithoutServiceWorker(site.browser);
    const page = await context.newPage();
    try {
      await page.goto(site.origin + chapter);
      await settle(page);
      await page.emulateMedia({media: 'print'});
      for (const selector of ['nav.navbar', '.theme-doc-sidebar-container', '.theme-doc-toc-desktop', 'nav.pagination-nav', 'footer.footer']) {
        const {total, shown} = await hiddenCount(page, selector);
        assert.ok(total > 0 || selector !== 'nav.navbar', `${chapter}: no ${selector} on the page at all`);
        assert.equal(shown, 0, `${chapter}: "${selector}" still shown in print`);
      }
      assert.ok(await page.locator('article h1').isVisible(), `${chapter}: the title is hidden in print`);
    } finally {
      await context.close();
    }
  });
});
