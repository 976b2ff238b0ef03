/**
 * Offline reading (src/plugins/pwa.ts) without a build: the precache URL
 * mapping, the web app manifest and its icons.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import {precacheUrl, pwaOptions, toReaderUrls} from '../../src/plugins/pwa';
import {ICON_SIZES, iconPath, renderIcon} from '../../src/scripts/pwa-icons';

test('pages are precached under the URL readers request (trailingSlash: false)', () => {
  assert.equal(precacheUrl('docs/charm-build.html'), 'docs/charm-build');
  assert.equal(precacheUrl('docs/next/faq/secrets.html'), 'docs/next/faq/secrets');
  assert.equal(precacheUrl('print.html'), 'print');
  // The service worker itself maps / and /x/ to index.html.
  assert.equal(precacheUrl('index.html'), 'index.html');
  assert.equal(precacheUrl('docs/x/index.html'), 'docs/x/index.html');
  assert.equal(precacheUrl('404.html'), '404.html');
  for (const asset of ['assets/js/main.1a2b.js', 'search-index.json', 'img/ch06/site-default.png']) {
    assert.equal(precacheUrl(asset), asset);
  }
  const {manifest} = toReaderUrls([{url: 'search.html', revision: 'abc', size: 10}]);
  assert.deepEqual(manifest, [{url: 'search', revision: 'abc', size: 10}]);
});

test('offline mode is on for every reader, not only for installed apps', () => {
  assert.deepEqual(pwaOptions.offlineModeActivationStrategies, ['always']);
});

const manifestFile = path.join(SITE_DIR, 'static', 'manifest.json');

test('the web app manifest has what browsers need to offer installing the site', () => {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
  for (const key of ['name', 'short_name', 'start_url', 'display', 'theme_color', 'background_color']) {
    assert.ok(typeof manifest[key] === 'string' && manifest[key] !== '', `static/manifest.json: "${key}" missing`);
  }
  assert.ok((manifest.short_name as string).length <= 15, 'short_name is cut on a home screen when longer than ~15 characters');
  const icons = manifest.icons as Array<{src: string; sizes: string; type: string}>;
  const sizes = icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), 'manifest needs 192 and 512 px icons');
  for (const icon of icons) {
    const file = path.join(SITE_DIR, 'static', icon.src);
    assert.ok(fs.existsSync(file), `static/manifest.json: icon ${icon.src} is not in static/`);
    const png = fs.readFileSync(file);
    // PNG IHDR: width and height at bytes 16..24.
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${w}x${h}`, icon.sizes, `${icon.src} is ${w}x${h}, the manifest says ${icon.sizes}`);
  }
  const head = pwaOptions.pwaHead ?? [];
  assert.ok(head.some((t) => t.tagName === 'link' && t.rel === 'manifest' && t.href === '/manifest.json'), 'pwaHead links the manifest');
  assert.ok(head.some((t) => t.tagName === 'meta' && t.name === 'theme-color' && t.content === manifest.theme_color), 'theme-color meta matches the manifest');
});

test('the committed icons are the current logo (npm run pwa-icons)', async () => {
  for (const size of ICON_SIZES) {
    const committed = fs.readFileSync(iconPath(size));
    assert.ok(committed.equals(await renderIcon(size)), `static/img/pwa/icon-${size}.png is stale: run npm run pwa-icons`);
  }
});
