/**
 * Page-weight budgets, computed from build/ alone: for every doc page (every
 * version), the JS and CSS it needs to render and hydrate (the entry assets
 * its HTML lists plus the route chunks the runtime loads before hydrating;
 * see assets.ts), raw and gzip. Timings and Lighthouse scores are in the
 * benchmark (`npm run bench`), not here: they vary from run to run, bytes
 * do not.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import config from '../../docusaurus.config';
import {docPages, htmlAssets, matchRoutes, measurePage, readBundles, searchIndexes} from './assets';

const BUILD = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build'));
const KiB = 1024;

/**
 * Budget for gzip JS+CSS per doc page, search and version switching
 * included: the performance goal itself, 185 KiB (KB here is KiB, the unit
 * Lighthouse reports). What every doc page shares is about 163 KiB:
 * main.js 119 (React 19 and react-dom ~55, the Docusaurus runtime and
 * theme, a small Prism of the docs' languages, src/lib/prism-lite), the CSS
 * 17, the docs layout chunks 16, the version's sidebar data 5.5 and the
 * runtime 4 (the theme's doc footer, for tags, edit links and update dates
 * the site does not use, is replaced: src/theme/DocItem/Footer); the search bar loads on first use (src/theme/SearchBar), and
 * client code gets only the tslib helper it uses (src/lib/tslib-client.ts).
 * Listing-heavy chapters add up to 21 KiB of MDX. When this was set the
 * largest page (docker-layer) weighed 184.2 KiB and the bare classic
 * template's docs page 187.1 KiB. A page over it fails: trim something
 * every page loads, or make a component load on use.
 */
const GZIP_BUDGET = 185 * KiB;
/**
 * Raw (uncompressed) budget. gzip bytes decide download time, but parse and
 * compile time on a slow phone scale with the raw bytes; Docusaurus bundles
 * compress about 3.3:1, so 3.5 x the gzip budget catches a page that stays
 * under the gzip budget only by shipping highly repetitive code.
 */
const RAW_BUDGET = Math.round(3.5 * GZIP_BUDGET);

/**
 * Budget for each docs version's search index, gzip. It is fetched on the
 * first search only (src/theme/SearchBar), and the service worker stores it
 * for offline use. When this was set the indexes weighed 369 and 372 KiB
 * (1.42 / 1.44 MB raw): section text with lunr's word positions, which the
 * result highlighting needs; the code-aware tokenizer
 * (src/plugins/search-code-tokens.ts) adds about 4 %. The headroom is for
 * a few more chapters or FAQ answers; past it, look at what is indexed
 * (every docs version gets its own index) before raising it.
 */
const SEARCH_INDEX_GZIP_BUDGET = 420 * KiB;

const kib = (n: number) => `${(n / KiB).toFixed(1)} KiB`;

test('the asset parser reads minified Docusaurus HTML', () => {
  const html =
    '<head><link rel=stylesheet href=/assets/css/styles.1.css /><link rel=preload href=/assets/js/a.1.js as=script>' +
    '<link rel=icon href=/img/x.svg /><script src=/assets/js/runtime~main.1.js defer></script>' +
    '<script src="/assets/js/main.1.js" defer></script><script type=application/ld+json>{}</script></head>';
  assert.deepEqual(htmlAssets(html), [
    '/assets/js/runtime~main.1.js',
    '/assets/js/main.1.js',
    '/assets/css/styles.1.css',
    '/assets/js/a.1.js',
  ]);
});

test('route matching picks the first matching sibling at each level', () => {
  const leaf = (p: string) => ({path: p, key: p, exact: true, routes: []});
  const routes = [
    leaf('/search'),
    {path: '/docs', key: 'root', exact: false, routes: [
      {path: '/docs/next', key: 'next', exact: false, routes: [leaf('/docs/next/a')]},
      {path: '/docs', key: 'latest', exact: false, routes: [leaf('/docs/a')]},
    ]},
    leaf('/'),
  ];
  assert.deepEqual(matchRoutes(routes, '/docs/next/a').map((r) => r.key), ['root', 'next', '/docs/next/a']);
  assert.deepEqual(matchRoutes(routes, '/docs/a').map((r) => r.key), ['root', 'latest', '/docs/a']);
});

const built = fs.existsSync(path.join(BUILD, 'index.html'));
test('the production build exists', () => {
  assert.ok(built, `no build in ${BUILD}: run \`npx docusaurus build\` first`);
});

if (built) {
  const pages = docPages(BUILD);
  test('build/ has doc pages to weigh', () => {
    assert.ok(pages.length > 0, 'no HTML page in build/ is marked docs-doc-page');
  });
  const first = pages[0] && htmlAssets(fs.readFileSync(pages[0].file, 'utf8'));
  const bundles = first ? readBundles(BUILD, first) : undefined;
  for (const {page, file, version} of pages) {
    test(`${page} (${version}): JS+CSS within ${kib(GZIP_BUDGET)} gzip and ${kib(RAW_BUDGET)} raw`, () => {
      const w = measurePage(BUILD, page, file, bundles);
      const list = w.assets.map((a) => `  ${a.url}: ${kib(a.raw)} raw, ${kib(a.gzip)} gzip`).join('\n');
      // A page that loads no route chunk was mis-parsed, not light.
      assert.ok(w.js.raw > 0 && w.css.raw > 0, `${page}: found no JS or no CSS:\n${list}`);
      assert.ok(w.assets.length > 3, `${page}: only the entry assets were found, route chunks missing:\n${list}`);
      assert.ok(w.total.gzip <= GZIP_BUDGET, `${page}: ${kib(w.total.gzip)} gzip JS+CSS > budget ${kib(GZIP_BUDGET)}:\n${list}`);
      assert.ok(w.total.raw <= RAW_BUDGET, `${page}: ${kib(w.total.raw)} raw JS+CSS > budget ${kib(RAW_BUDGET)}:\n${list}`);
    });
  }
}

test('search indexes leave out text a reader does not see on screen: <noscript> notes and print-only addresses', () => {
  const indexes = searchIndexes(BUILD);
  assert.ok(indexes.length > 0, `no search-index*.json in ${BUILD}`);
  for (const index of indexes) {
    const text = fs.readFileSync(path.join(BUILD, index.file), 'utf8');
    assert.doesNotMatch(text, /needs JavaScript/, `${index.file}: indexes the <noscript> note of <ExampleChanges>`);
    assert.ok(!text.includes(`${config.url}/downloads/`), `${index.file}: indexes the print-only download addresses`);
  }
});

test('every docs version\'s search index is within its budget', () => {
  const indexes = searchIndexes(BUILD);
  assert.ok(indexes.length > 0, `no search-index*.json in ${BUILD}`);
  for (const index of indexes) {
    console.log(`search index ${index.file}: ${kib(index.raw)} raw, ${kib(index.gzip)} gzip`);
    assert.ok(
      index.gzip <= SEARCH_INDEX_GZIP_BUDGET,
      `${index.file} is ${kib(index.gzip)} gzip, over the ${kib(SEARCH_INDEX_GZIP_BUDGET)} budget`,
    );
  }
});
