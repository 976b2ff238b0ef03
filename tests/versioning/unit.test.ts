/**
 * Fast checks of the versioning, search and link-preview pieces that need
 * no build: version options with and without releases, the code-aware
 * search tokenizer, which docs get a card, card text wrapping, the anchor
 * map lookup and the URL contract's HTML readers.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {docsVersionOptions, releasedVersions, versionLabel} from '../../src/data/versions';
import {codeAwareTerms} from '../../src/plugins/search-code-tokens';
import {cardFor, cardSvg, wrap} from '../../src/plugins/social-cards';
import {headingIds, redirectTarget} from '../../src/scripts/url-contract';
import {preflight} from '../../src/scripts/release';
import {anchorRedirects, pageRedirects} from '../../src/data/url-redirects';

test('no versions.json: one version, labelled Next, at /docs/, no banner', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-versions-'));
  try {
    assert.deepEqual(releasedVersions(dir), []);
    assert.deepEqual(docsVersionOptions([]), {versions: {current: {label: 'Next'}}});
  } finally {
    fs.rmSync(dir, {recursive: true});
  }
});

test('with releases: newest is the default, Next moves to /docs/next/, older ones are unmaintained', () => {
  const opts = docsVersionOptions(['1.1', '1.0']);
  assert.equal(opts.lastVersion, '1.1');
  assert.deepEqual(opts.versions.current, {label: 'Next', path: 'next', banner: 'unreleased'});
  assert.equal((opts.versions as Record<string, {banner: string}>)['1.1'].banner, 'none');
  assert.deepEqual((opts.versions as Record<string, unknown>)['1.0'], {label: '1.0 (Juju 3.6 LTS)', banner: 'unmaintained'});
  assert.equal(versionLabel('2.0'), '2.0');
});

test('search terms: dotted and underscored names stay whole and their parts are indexed too', () => {
  const terms = codeAwareTerms(`@when('docker.available')\nset_flag('payload-register')  # Ready.`);
  assert.deepEqual(
    terms.map((t) => t.term),
    ['when', 'docker.available', 'docker', 'available', 'set_flag', 'set', 'flag', 'payload', 'register', 'ready'],
  );
  const src = `@when('docker.available')`;
  const t = terms[1];
  assert.equal(src.slice(t.start, t.start + t.length), 'docker.available');
  assert.equal(codeAwareTerms('café crème')[0].term, 'café');
});

test('cards: every doc under faq/, or asking with social_card: generate, and no other', () => {
  const site = '/site';
  assert.equal(cardFor('/site/docs/faq/why.mdx', {title: 'Why?'}, site)?.image, '/img/social-cards/current/faq/why.png');
  assert.equal(
    cardFor('/site/versioned_docs/version-1.0/faq/why.mdx', {title: 'Why?'}, site)?.image,
    '/img/social-cards/1.0/faq/why.png',
  );
  assert.ok(cardFor('/site/docs/charm-build.mdx', {social_card: 'generate'}, site));
  assert.equal(cardFor('/site/docs/charm-build.mdx', {}, site), null);
  assert.equal(cardFor('/site/docs/faq/why.mdx', {social_card: 'none'}, site), null);
  assert.equal(cardFor('/site/docs/faq/why.mdx', {image: '/img/own.png'}, site), null);
  assert.equal(cardFor('/site/src/pages/faq/x.mdx', {}, site), null);
});

test('card text wraps, is cut with an ellipsis, and is XML-escaped', () => {
  const lines = wrap('one two three four five six seven eight nine ten', 300, 30, 0.5, 2);
  assert.equal(lines.length, 2);
  assert.ok(lines[1].endsWith('…'));
  const svg = cardSvg({title: 'A <b> & "c"', description: '', section: 'FAQ', versionLabel: 'Next', siteTitle: 'S'});
  assert.ok(svg.includes('A &lt;b&gt; &amp; &quot;c&quot;'));
  assert.match(svg, /width="1200" height="630"/);
});

test('URL contract readers understand minified HTML and client-redirect pages', () => {
  assert.deepEqual(headingIds('<h2 class="anchor x" id=short-answer>A</h2><h3 id="b-c">B</h3><h1 id=t>'), ['short-answer', 'b-c']);
  assert.equal(redirectTarget('<meta http-equiv="refresh" content="0; url=/docs/new">'), '/docs/new');
  assert.equal(redirectTarget('<html><body>page</body></html>'), null);
});

test('the redirect map is well-formed: absolute paths, anchors as /path#id', () => {
  for (const r of pageRedirects) {
    assert.match(r.from, /^\/[^#]*$/);
    assert.match(r.to, /^\/[^#]*$/);
  }
  for (const [from, to] of Object.entries(anchorRedirects)) {
    assert.match(from, /^\/[^#]*#[\w-]+$/);
    assert.match(to, /^\/[^#]*#[\w-]+$/);
  }
});

test('release preflight refuses a bad version name before touching git', () => {
  assert.deepEqual(preflight('v1'), ['"v1" is not a version like 1.0 or 1.0.1']);
});
