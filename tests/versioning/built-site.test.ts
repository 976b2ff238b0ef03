/**
 * Checks on the production build of the real site (run after
 * `docusaurus build`): the URL contract of released versions is kept, and
 * every doc page has a canonical URL, og:url, and (FAQ answers) a
 * generated link-preview card.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import {CARD_HEIGHT, CARD_WIDTH} from '../../src/plugins/social-cards';
import {DEFAULT_CONTRACT, checkContract, readContract, redirectTarget} from '../../src/scripts/url-contract';
import {listFiles} from '../site/pasted-code';

const BUILD = process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build');
const SITE_URL = (process.env.SITE_URL ?? 'https://charming-with-docker.example.org').replace(/\/$/, '');

test('the production build exists', () => {
  assert.ok(fs.existsSync(path.join(BUILD, 'index.html')), 'run `npx docusaurus build` first');
});

test('the URL contract (tests/url-contract.json) is kept: every released URL is served or redirected', () => {
  const contract = readContract(DEFAULT_CONTRACT);
  if (contract.urls.length === 0) {
    console.log('# url contract: no released version yet, nothing to check');
  }
  assert.deepEqual(checkContract(contract, BUILD), []);
});

test('an anchor redirect to a heading that does not exist is reported, contract or not', () => {
  const problems = checkContract({...readContract(DEFAULT_CONTRACT), urls: []}, BUILD, {
    '/docs/configuration#old-name': '/docs/configuration#no-such-heading',
    '/docs/configuration#older-name': '/docs/no-such-page#x',
  });
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /"\/docs\/configuration#old-name" -> \/docs\/configuration#no-such-heading: no heading with id "no-such-heading"/);
  assert.match(problems[1], /"\/docs\/configuration#older-name" -> \/docs\/no-such-page#x/);
});

const docPages = fs.existsSync(BUILD)
  ? listFiles(path.join(BUILD, 'docs'))
      .filter((f) => f.endsWith('.html'))
      .map((f) => ({file: f, html: fs.readFileSync(f, 'utf8')}))
      .filter((p) => !redirectTarget(p.html))
  : [];

function urlPathOf(file: string): string {
  return '/' + path.relative(BUILD, file).split(path.sep).join('/').replace(/(\/index)?\.html$/, '');
}

const attr = (html: string, re: RegExp) => re.exec(html)?.[1];

test('every doc page has a canonical URL and og:url equal to its address', () => {
  assert.ok(docPages.length > 0, 'no doc pages in the build');
  const bad: string[] = [];
  for (const {file, html} of docPages) {
    const want = SITE_URL + urlPathOf(file);
    const canonical = attr(html, /<link[^>]*\brel="?canonical"?[^>]*\bhref="?([^"\s>]+)/);
    const ogUrl = attr(html, /property="?og:url"?\s+content="?([^"\s>]+)/);
    if (canonical !== want) bad.push(`${urlPathOf(file)}: canonical ${canonical}`);
    if (ogUrl !== want) bad.push(`${urlPathOf(file)}: og:url ${ogUrl}`);
  }
  assert.deepEqual(bad, []);
});

test('FAQ answers (and docs asking for one) have a generated 1200x630 link-preview card', () => {
  const bad: string[] = [];
  for (const {file, html} of docPages) {
    const image = attr(html, /property="?og:image"?\s+content="?([^"\s>]+)/);
    const isFaq = /docs-doc-id-faq\//.test(html);
    if (!image?.includes('/img/social-cards/')) {
      if (isFaq) bad.push(`${urlPathOf(file)}: FAQ page without a generated card (og:image ${image})`);
      continue;
    }
    const png = path.join(BUILD, new URL(image).pathname);
    if (!fs.existsSync(png)) {
      bad.push(`${urlPathOf(file)}: ${image} was not generated`);
      continue;
    }
    const buf = fs.readFileSync(png);
    const size = [buf.readUInt32BE(16), buf.readUInt32BE(20)];
    if (size[0] !== CARD_WIDTH || size[1] !== CARD_HEIGHT) bad.push(`${png}: ${size.join('x')}`);
    if (!new RegExp(`name="?twitter:image"?\\s+content="?${image}`).test(html)) {
      bad.push(`${urlPathOf(file)}: twitter:image missing`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the sitemap lists every doc page', () => {
  const sitemap = fs.readFileSync(path.join(BUILD, 'sitemap.xml'), 'utf8');
  const missing = docPages
    .map(({file}) => SITE_URL + urlPathOf(file))
    .filter((u) => !sitemap.includes(`<loc>${u}</loc>`));
  assert.deepEqual(missing, []);
});
