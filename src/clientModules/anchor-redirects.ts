/**
 * Client module: when the reader lands on a heading id that was renamed
 * (listed in src/data/url-redirects.ts), move to the new one. Same page:
 * rewrite the hash in place and scroll to it. Another page: load it.
 */
import type {ClientModule} from '@docusaurus/types';
import {anchorRedirects} from '../data/url-redirects';

function normalise(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

export function anchorTarget(pathname: string, hash: string): string | null {
  if (!hash || hash === '#') return null;
  let id = hash;
  try {
    id = decodeURIComponent(hash);
  } catch {
    // keep the raw hash
  }
  return anchorRedirects[`${normalise(pathname)}${id}`] ?? null;
}

const clientModule: ClientModule = {
  onRouteDidUpdate({location}) {
    if (typeof window === 'undefined') return;
    const target = anchorTarget(location.pathname, location.hash);
    if (!target) return;
    const [targetPath, targetHash = ''] = target.split('#');
    if (normalise(targetPath) !== normalise(location.pathname)) {
      window.location.replace(target);
      return;
    }
    window.history.replaceState(window.history.state, '', `${location.pathname}${location.search}#${targetHash}`);
    // After the page has rendered, bring the renamed heading into view.
    window.requestAnimationFrame(() => document.getElementById(targetHash)?.scrollIntoView());
  },
};

export default clientModule;
