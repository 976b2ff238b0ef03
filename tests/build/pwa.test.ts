/**
 * The offline precache in build/sw.js (src/plugins/pwa.ts): it holds every
 * page of the sitemap under the URL readers request, both versions' search
 * indexes and every same-origin image the pages show; it leaves out
 * link-preview cards and downloads; every entry is a file the host serves.
 * Prints the precache's size and file count.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {SITE_DIR} from '../../src/remark/examples';
import {resolveFile} from '../browser/server';
import {precacheEntries, sitePaths} from '../browser/site';
import {searchIndexes} from './assets';

const BUILD = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build'));
const SW = path.join(BUILD, 'sw.js');

const built = fs.existsSync(SW);
test('the production build has a service worker', () => {
  assert.ok(built, `no ${SW}: run \`npx docusaurus build\` (with @docusaurus/plugin-pwa in the config)`);
});

if (built) {
  const entries = precacheEntries(BUILD);
  const urls = new Set(entries.map((e) => `/${e.url}`));

  test('precache: every page (the sitemap\'s and the print editions), under the URL readers request', () => {
    const missing = sitePaths(BUILD)
      .map((p) => (p === '/' ? '/index.html' : p.endsWith('/') ? `${p}index.html` : p))
      .filter((p) => !urls.has(p));
    assert.deepEqual(missing, [], 'sitemap pages the service worker cannot serve offline');
  });

  test('precache: the search index of every docs version', () => {
    const indexes = searchIndexes(BUILD).map((i) => `/${i.file}`);
    assert.ok(indexes.length >= 2, `expected a search index per version, found ${indexes.join(', ')}`);
    assert.deepEqual(indexes.filter((i) => !urls.has(i)), [], 'search indexes not precached');
  });

  test('precache: every same-origin image a page shows', () => {
    const missing = new Set<string>();
    for (const page of sitePaths(BUILD)) {
      const file = resolveFile(BUILD, page);
      assert.ok(file, `${page} is in the sitemap but not in build/`);
      const html = fs.readFileSync(file, 'utf8');
      for (const m of html.matchAll(/<img\b[^>]*\ssrc=(?:"([^"]+)"|([^\s>]+))/g)) {
        const src = m[1] ?? m[2];
        if (src.startsWith('/') && !src.startsWith('//') && !urls.has(src.split(/[?#]/)[0])) missing.add(`${src} (on ${page})`);
      }
    }
    assert.deepEqual([...missing], []);
  });

  test('precache: no link-preview cards, downloads or source maps', () => {
    const unwanted = [...urls].filter((u) => u.startsWith('/img/social-cards/') || u.startsWith('/downloads/') || u.endsWith('.map'));
    assert.deepEqual(unwanted, []);
  });

  test('precache: every entry is served by a static host, and the total is reported', (t) => {
    let raw = 0;
    let gzip = 0;
    const byKind = new Map<string, number>();
    for (const {url} of entries) {
      const file = resolveFile(BUILD, `/${url}`);
      assert.ok(file, `precached /${url} is not served from build/ (the service worker install would fail)`);
      const bytes = fs.readFileSync(file);
      raw += bytes.length;
      gzip += zlib.gzipSync(bytes).length;
      const kind = path.extname(file).slice(1) || 'other';
      byKind.set(kind, (byKind.get(kind) ?? 0) + bytes.length);
    }
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
    t.diagnostic(`precache: ${entries.length} files, ${mib(raw)} raw, ${mib(gzip)} gzip`);
    t.diagnostic(`by type: ${[...byKind].map(([k, v]) => `${k} ${mib(v)}`).join(', ')}`);
    // Files with a content hash in their name need no revision; everything
    // else must carry one, or an update would keep serving the old copy.
    const unrevisioned = entries.filter((e) => e.revision === null && !/\.[0-9a-f]{8,}\./.test(e.url)).map((e) => e.url);
    assert.deepEqual(unrevisioned, [], 'precached without revision or content hash');
  });

  test('every page links the web app manifest and sets a theme colour', () => {
    const html = fs.readFileSync(path.join(BUILD, 'index.html'), 'utf8');
    assert.match(html, /<link[^>]+rel=(?:"manifest"|manifest)[^>]+href=(?:"\/manifest\.json"|\/manifest\.json)/);
    assert.match(html, /<meta[^>]+name=(?:"theme-color"|theme-color)/);
    assert.ok(fs.existsSync(path.join(BUILD, 'manifest.json')), 'build/manifest.json missing');
  });
}
