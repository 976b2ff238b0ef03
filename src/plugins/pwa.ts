/**
 * Offline reading: the options of @docusaurus/plugin-pwa.
 *
 * After a reader's first visit, a service worker (built by the plugin,
 * Workbox precaching) has stored every page of every docs version, the
 * JS/CSS they need, both versions' search indexes and the images the
 * pages show, and serves them from the cache from then on, with or
 * without a network. The plugin's default only turns this on for installed
 * apps; `always` turns it on for everyone.
 *
 * The plugin fixes its glob patterns (all js/json/css/html, images and
 * fonts under build/); what readers do not need offline is removed here:
 * - link-preview cards (img/social-cards/): only other sites fetch them;
 * - downloads (downloads/, zips of the examples): big, fetched on demand.
 *
 * URLs: with `trailingSlash: false` a page is build/docs/x.html but is
 * requested as /docs/x. The plugin's service worker only looks up the URL
 * itself and <URL>/index.html, so the precache lists pages under the URL
 * readers use (the host serves /docs/x from docs/x.html, as Docusaurus
 * requires for this setting).
 */
import path from 'node:path';
import type {PluginOptions} from '@docusaurus/plugin-pwa';

/** Build paths (globs relative to build/) never precached. */
export const PRECACHE_IGNORES = ['img/social-cards/**', 'downloads/**', '**/*.map'];

/** The part of Workbox's manifest entry this transform reads and writes. */
export interface PrecacheEntry {
  url: string;
  revision: string | null;
  size: number;
}

/** build/ file path → the URL a reader requests for it. */
export function precacheUrl(file: string): string {
  if (!file.endsWith('.html')) return file;
  // index.html (also /docs/x/index.html) and 404.html keep their file name:
  // the service worker maps /x/ to /x/index.html itself, and 404.html is
  // not a page anyone navigates to.
  if (file === '404.html' || file === 'index.html' || file.endsWith('/index.html')) return file;
  return file.slice(0, -'.html'.length);
}

/** Workbox manifestTransform: page entries under their reader-facing URL. */
export function toReaderUrls(entries: PrecacheEntry[]): {manifest: PrecacheEntry[]; warnings: string[]} {
  return {manifest: entries.map((e) => ({...e, url: precacheUrl(e.url)})), warnings: []};
}

export const pwaOptions: Partial<PluginOptions> = {
  offlineModeActivationStrategies: ['always'],
  // Loads the plugin's register code lazily, out of the main bundle.
  swRegister: path.resolve(__dirname, '..', 'clientModules', 'register-sw.ts'),
  // Offline, a page that is not stored gets the site's 404 page (src/sw/offline-pages.js).
  swCustom: path.resolve(__dirname, '..', 'sw', 'offline-pages.js'),
  pwaHead: [
    {tagName: 'link', rel: 'manifest', href: '/manifest.json'},
    // Same blue as the navbar logo and --ifm-color-primary (light mode).
    {tagName: 'meta', name: 'theme-color', content: '#1d5a96'},
    {tagName: 'link', rel: 'apple-touch-icon', href: '/img/pwa/icon-192.png'},
  ],
  // The plugin sets swSrc/swDest itself (they cannot be overridden), which
  // the type still asks for.
  injectManifestConfig: {
    globIgnores: PRECACHE_IGNORES,
    manifestTransforms: [toReaderUrls],
    // The search indexes are about 1.4 MB each; keep headroom over
    // Workbox's 2 MB default so a growing index is not silently dropped.
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  } as PluginOptions['injectManifestConfig'],
};
