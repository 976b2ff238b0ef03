/**
 * Old public URLs that moved, so links in forum posts keep landing.
 *
 * tests/url-contract.json lists every page and FAQ anchor a released version
 * has published; the url-contract test fails when a build no longer serves
 * one of them and no redirect below covers it.
 *
 * - `pages`: a page whose URL changed. Built by
 *   @docusaurus/plugin-client-redirects into a small HTML page at `from`
 *   that forwards to `to` (production build only).
 * - `anchors`: a heading id that changed (`#fragment`s never reach the
 *   server, so only the page itself can fix them). Keys and values are
 *   `/path#id`; src/clientModules/anchor-redirects.ts rewrites the address
 *   when a reader lands on a key.
 */
export interface PageRedirect {
  from: string;
  to: string;
}

export const pageRedirects: PageRedirect[] = [];

export const anchorRedirects: Record<string, string> = {};
