/**
 * Make code listings searchable by the names readers type.
 *
 * The local-search plugin indexes a page's text, listings included, but
 * builds its index with lunr's default tokenizer, which splits only on
 * spaces and hyphens. A listing line such as `@when('docker.available')`
 * then becomes the single term `when('docker.available` and a search for
 * `docker.available` (or for `payload-register` inside
 * `set_flag('payload-register')`) finds nothing. The plugin has no option
 * for this, so this build-time addition swaps the tokenizer of the very
 * lunr instance the search plugin loads for one that:
 *
 * - keeps dotted and underscored names whole (`docker.available`,
 *   `set_flag`), since the search box sends them whole;
 * - also indexes their parts (`docker`, `available`, `set`, `flag`);
 * - splits on everything else (quotes, brackets, `@`, `:`, `=`, `/`, `-`).
 *
 * Queries are unaffected: the search box already splits them on spaces and
 * hyphens, and the index stems terms the same way for both.
 */
import {createRequire} from 'node:module';
import type {Plugin} from '@docusaurus/types';

interface LunrToken {
  new (str: string, metadata: Record<string, unknown>): unknown;
}
interface Lunr {
  Token: LunrToken;
  utils: {clone(o: unknown): Record<string, unknown> | undefined; asString(o: unknown): string};
  tokenizer: ((obj: unknown, metadata?: Record<string, unknown>) => unknown[]) & {
    separator?: RegExp;
    codeAware?: boolean;
  };
}

/** A word: letters, digits, `_` and inner dots. */
const WORD = /[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?/gu;
const PART = /[\p{L}\p{N}]+/gu;

/** Terms of a text with their [start, length] positions. */
export function codeAwareTerms(text: string): Array<{term: string; start: number; length: number}> {
  const out: Array<{term: string; start: number; length: number}> = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const start = m.index ?? 0;
    out.push({term: m[0], start, length: m[0].length});
    if (/[._]/.test(m[0])) {
      for (const p of m[0].matchAll(PART)) {
        if (p[0] !== m[0]) out.push({term: p[0], start: start + (p.index ?? 0), length: p[0].length});
      }
    }
  }
  return out;
}

/** The lunr module the search plugin itself requires. */
function searchPluginLunr(): Lunr {
  const pluginRequire = createRequire(require.resolve('@easyops-cn/docusaurus-search-local'));
  return pluginRequire('lunr') as Lunr;
}

export function installCodeAwareTokenizer(lunr: Lunr = searchPluginLunr()): void {
  if (lunr.tokenizer.codeAware) return;
  const original = lunr.tokenizer;
  const tokenizer: Lunr['tokenizer'] = (obj, metadata) => {
    if (obj == null || Array.isArray(obj)) return original(obj, metadata);
    return codeAwareTerms(String(obj)).map(
      (t, index) =>
        new lunr.Token(t.term, {...(lunr.utils.clone(metadata) ?? {}), position: [t.start, t.length], index}),
    );
  };
  tokenizer.separator = original.separator;
  tokenizer.codeAware = true;
  lunr.tokenizer = tokenizer;
}

export default function searchCodeTokensPlugin(): Plugin {
  // Installed when the site loads its plugins, before any index is built.
  installCodeAwareTokenizer();
  return {name: 'search-code-tokens'};
}
