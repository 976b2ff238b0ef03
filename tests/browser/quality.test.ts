/**
 * Every page in build/sitemap.xml (every version), in light and in dark
 * mode: no axe-core violation, no console error or warning, no failed
 * request, and no request to any origin but the site's own (a font, an
 * analytics script or a CDN would leak readers' visits and break offline
 * use). All axe rules run; none is switched off.
 *
 * The offline service worker (src/plugins/pwa.ts) stays on, as for a
 * reader: each page registers it in a fresh context, and its own requests
 * (precaching, which page.route does not see) must not fail either while
 * the page is checked. It never answers for the page under test (it only
 * controls pages loaded after it activated), so guardRequests sees all of
 * the page's requests.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {BUILD_DIR, useSiteAndBrowser, browserTests} from './browser';
import {collectConsole, guardRequests, settle, sitePaths} from './site';

interface AxeResult {
  violations: Array<{id: string; impact: string; help: string; nodes: Array<{target: unknown[]; failureSummary?: string}>}>;
}

browserTests(() => {
  const site = useSiteAndBrowser();
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  // The sitemap's pages and the print editions it leaves out.
  const pages = sitePaths();
  const withServiceWorker = fs.existsSync(path.join(BUILD_DIR, 'sw.js'));
  test('the sitemap lists the home page and the docs', () => {
    assert.ok(pages.includes('/'), 'sitemap.xml lacks the home page');
    assert.ok(pages.some((p) => p.startsWith('/docs/')), 'sitemap.xml lists no doc page');
  });

  for (const mode of ['light', 'dark'] as const) {
    for (const pagePath of pages) {
      test(`${pagePath} (${mode}): axe-clean, no console errors, only same-origin requests`, async () => {
        const context = await site.browser.newContext({colorScheme: mode});
        const page = await context.newPage();
        const consoleLog = collectConsole(page);
        const requests = await guardRequests(page, site.origin);
        context.on('requestfailed', (req) => {
          if (req.serviceWorker()) requests.push(`service worker request failed: ${req.url()} (${req.failure()?.errorText ?? ''})`);
        });
        context.on('response', (res) => {
          if (res.request().serviceWorker() && res.status() >= 400) requests.push(`service worker got HTTP ${res.status()}: ${res.url()}`);
        });
        try {
          // The query parameter forces the mode even if the site stops
          // following the system preference.
          await page.goto(`${site.origin}${pagePath}?docusaurus-theme=${mode}`);
          await settle(page);
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), mode, 'page is not in the mode under test');
          if (withServiceWorker) {
            // Registration starts after the load event; give it a moment.
            await page
              .waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => r !== undefined), undefined, {timeout: 10000})
              .catch(() => assert.fail('the offline service worker did not register'));
          }
          await page.addScriptTag({content: axeSource});
          const result = (await page.evaluate(() =>
            (window as unknown as {axe: {run: (ctx: Document, o: object) => Promise<unknown>}}).axe.run(document, {
              resultTypes: ['violations'],
            }),
          )) as AxeResult;
          const violations = result.violations.map(
            (v) =>
              `${pagePath} (${mode}) axe ${v.id} [${v.impact}] ${v.help}:\n` +
              v.nodes.map((n) => `    ${JSON.stringify(n.target)}${n.failureSummary ? ` -- ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`).join('\n'),
          );
          assert.deepEqual([...violations, ...consoleLog, ...requests], []);
        } finally {
          await context.close();
        }
      });
    }
  }
});
