/**
 * Extra service-worker code (@docusaurus/plugin-pwa's `swCustom`, bundled
 * into build/sw.js): a page the worker has not stored, asked for with no
 * network, gets the site's own 404 page instead of the browser's "no
 * internet" page.
 *
 * The plugin answers every stored URL itself, from the precache list of the
 * worker that is active. This listener must run after the plugin's, and
 * act only on what the plugin left unanswered (respondWith() throws when a
 * response was already given). The plugin runs this module before it adds
 * its own listeners, so this module wraps addEventListener until the
 * plugin's fetch listener is added, then adds its own right after it. It answers page navigations only (no file extension:
 * pages are /docs/x, not /docs/x.html), so a zip or llms.txt fetched
 * offline still fails as a download would, rather than saving an HTML page.
 *
 * Plain JavaScript: the plugin compiles only .js/.mjs files for the worker.
 */
/* eslint-disable no-restricted-globals */

const NOT_FOUND_PAGE = '404.html';

async function notFoundPage() {
  // Precached under a key with a revision parameter (?__WB_REVISION__=...).
  const stored = await caches.match(new URL(NOT_FOUND_PAGE, self.registration.scope).href, {ignoreSearch: true});
  if (!stored) return Response.error();
  return new Response(await stored.blob(), {status: 404, statusText: 'Not Found', headers: {'Content-Type': 'text/html; charset=utf-8'}});
}

function isPageNavigation(request) {
  if (request.mode !== 'navigate' || request.method !== 'GET') return false;
  const url = new URL(request.url);
  return url.origin === self.location.origin && !/\.[a-z0-9]+$/i.test(url.pathname);
}

function onFetch(event) {
  if (!isPageNavigation(event.request)) return;
  try {
    event.respondWith(fetch(event.request).catch(() => notFoundPage()));
  } catch {
    // The plugin already answered from its precache.
  }
}

export default function offlinePages(params) {
  if (!params.offlineMode) return;
  const add = self.addEventListener;
  self.addEventListener = function addThenOurs(type, listener, options) {
    add.call(self, type, listener, options);
    if (type !== 'fetch') return;
    self.addEventListener = add;
    add.call(self, 'fetch', onFetch);
  };
}
