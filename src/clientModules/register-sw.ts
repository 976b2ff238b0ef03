/**
 * Registers the offline service worker (@docusaurus/plugin-pwa's
 * `swRegister` option). The plugin's own register module (Workbox window,
 * offline-mode strategies, install events) is about 1 KiB gzip; imported
 * here with import(), it leaves the main bundle every page loads and
 * arrives as its own chunk while the page hydrates. It registers the worker
 * after the load event in any case, so nothing is lost by loading it late.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

if (ExecutionEnvironment.canUseDOM && 'serviceWorker' in navigator) {
  import('@docusaurus/plugin-pwa/lib/registerSw.js').catch((e: unknown) => console.error('service worker registration failed to load', e));
}
