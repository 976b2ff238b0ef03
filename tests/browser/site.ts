/**
 * What the browser tests need to know about the built site, read from
 * build/ so the tests follow the site as chapters and versions are added.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {Page} from 'playwright-core';
import {BUILD_DIR} from './browser';
import {PRINT_BASE} from '../../src/data/print-edition';

/** URL paths of every page in build/sitemap.xml (all versions), in order. */
export function sitemapPaths(buildDir = BUILD_DIR): string[] {
  const xml = fs.readFileSync(path.join(buildDir, 'sitemap.xml'), 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1].trim()).pathname);
  return [...new Set(paths)];
}

/**
 * URL paths of the print editions in the build (/print, /print/next, ...).
 * They are noindex, so the sitemap leaves them out on purpose.
 */
export function printEditionPaths(buildDir = BUILD_DIR): string[] {
  const base = PRINT_BASE.replace(/^\//, '');
  const dir = path.join(buildDir, base);
  const nested = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => `${PRINT_BASE}/${f.replace(/\.html$/, '')}`)
    : [];
  return [...(fs.existsSync(path.join(buildDir, `${base}.html`)) ? [PRINT_BASE] : []), ...nested.sort()];
}

/** Every page a reader can open: the sitemap's, then the print editions. */
export function sitePaths(buildDir = BUILD_DIR): string[] {
  return [...new Set([...sitemapPaths(buildDir), ...printEditionPaths(buildDir)])];
}

/** Every console message of type error or warning, and uncaught page errors. */
export function collectConsole(page: Page): string[] {
  const out: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      const loc = msg.location();
      out.push(`console.${msg.type()}: ${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => out.push(`uncaught: ${err.message}`));
  return out;
}

/**
 * Every request that failed, returned >= 400, or went to an origin other
 * than the site's own. External requests are aborted, never sent: the
 * browser tests must not reach the internet (and must not pass because a
 * font host happened to be unreachable).
 */
export async function guardRequests(page: Page, origin: string): Promise<string[]> {
  const out: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    out.push(`request to another origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? '';
    if (reason.includes('BLOCKED_BY_CLIENT')) return; // already reported above
    // A same-origin route-chunk prefetch cut off because the test navigated
    // on: the browser dropped it, the site did not fail. (Docusaurus
    // prefetches the chunks of links as they scroll into view.)
    if (reason === 'net::ERR_ABORTED' && req.url().startsWith(origin + '/assets/js/')) return;
    out.push(`request failed: ${req.url()} (${reason})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) out.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return out;
}

/** Wait until the page is loaded, hydrated and the network is quiet. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => document.documentElement.dataset.hasHydrated === 'true', undefined, {timeout: 15000});
  await page.waitForLoadState('networkidle');
}

/**
 * The precache list Workbox injected into build/sw.js (@docusaurus/plugin-pwa):
 * URLs relative to the site root, with their revision (null for files with
 * a content hash in the name).
 */
export function precacheEntries(buildDir = BUILD_DIR): Array<{url: string; revision: string | null}> {
  const sw = fs.readFileSync(path.join(buildDir, 'sw.js'), 'utf8');
  return [...sw.matchAll(/\{"revision":(null|"[^"]*"),"url":"([^"]+)"\}/g)].map((m) => ({
    revision: m[1] === 'null' ? null : (JSON.parse(m[1]) as string),
    url: m[2],
  }));
}

/**
 * collectConsole and guardRequests together, read when asked: call the
 * returned function at the end of a test. (Spreading the two arrays into a
 * new one when the page opens would copy them while still empty, and the
 * check could never fail.)
 */
export async function pageProblems(page: Page, origin: string): Promise<() => string[]> {
  const consoleLog = collectConsole(page);
  const requests = await guardRequests(page, origin);
  return () => [...consoleLog, ...requests];
}
