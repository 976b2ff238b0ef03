/**
 * Registers the offline service worker (@docusaurus/plugin-pwa's
 * `swRegister` option). The plugin's own register module (Workbox window,
 * offline-mode strategies, install events: about 3 KiB gzip with its
 * chunks) is loaded with import() once the page has finished loading, so
 * it is not part of main.js and does not compete with the chunks the page
 * needs to render and hydrate. Workbox registers the worker after the load
 * event anyway, so nothing is lost by loading it then.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

function loadRegistration(): void {
  import('@docusaurus/plugin-pwa/lib/registerSw.js').catch((e: unknown) => console.error('service worker registration failed to load', e));
}

if (ExecutionEnvironment.canUseDOM && 'serviceWorker' in navigator) {
  if (document.readyState === 'complete') loadRegistration();
  else window.addEventListener('load', loadRegistration, {once: true});
}
