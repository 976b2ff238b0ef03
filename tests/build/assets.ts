/**
 * Which JS and CSS files a built page needs to render and hydrate, worked out
 * from build/ alone (no browser), and their raw and gzip sizes.
 *
 * A Docusaurus 3.10 page built with Rspack lists only the entry assets in its
 * HTML (<link rel=stylesheet>, runtime~main.js, main.js). Before hydrating,
 * the runtime loads the route's chunks: one per component and content module
 * of every route matched on the way down (docs root, version root, sidebar
 * root, the doc itself). Counting only the HTML tags would leave out the doc
 * layout and the page's content, so this module also reads, from the built
 * bundles:
 *
 *   main.js          the route tree (path, key, exact), routesChunkNames
 *                    (route key -> chunk names) and the registry (chunk name ->
 *                    the chunk ids its import loads);
 *   runtime~main.js  chunk id -> file name.
 *
 * Each parse fails loudly when the bundle format changes, rather than
 * under-counting. tests/bench/run.mjs checks the result against the
 * browser's network log for the same page.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {releasedVersions} from '../../src/data/versions';

export interface Asset {
  /** URL path, e.g. /assets/js/main.1234abcd.js */
  url: string;
  raw: number;
  gzip: number;
}

export interface PageWeight {
  page: string;
  html: {raw: number; gzip: number};
  assets: Asset[];
  js: {raw: number; gzip: number};
  css: {raw: number; gzip: number};
  total: {raw: number; gzip: number};
}

/** gzip size as a static host sends it (level 9, as tests/browser/server.ts). */
export function gzipSize(buf: Buffer): number {
  return zlib.gzipSync(buf, {level: 9}).length;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]).replace(/\/$/, '') : undefined;
}

/**
 * JS and CSS URLs an HTML page itself asks for: <script src>, stylesheets,
 * and script/style preloads. Works on the minified HTML Docusaurus writes
 * (unquoted attributes, `/>` endings).
 */
export function htmlAssets(html: string): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(m[0], 'src');
    if (src) urls.push(src);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(m[0], 'rel') ?? '').toLowerCase().split(/\s+/);
    const as = (attr(m[0], 'as') ?? '').toLowerCase();
    const href = attr(m[0], 'href');
    if (!href) continue;
    if (rel.includes('stylesheet') || rel.includes('modulepreload') || (rel.includes('preload') && (as === 'script' || as === 'style'))) {
      urls.push(href);
    }
  }
  return [...new Set(urls)];
}

interface Route {
  path: string;
  key: string;
  exact: boolean;
  routes: Route[];
}

export interface BundleMap {
  routes: Route[];
  chunkNames: Record<string, unknown>;
  /** chunk name -> chunk ids loaded by its import() */
  registry: Map<string, string[]>;
  /** chunk id -> /assets/js/... URL */
  chunkFile: (id: string) => string;
}

/** Index of the bracket closing the one at `from` (`{` or `[`), skipping strings. */
function closing(src: string, from: number): number {
  let depth = 0;
  let inString: string | null = null;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === inString) inString = null;
    } else if (c === '"' || c === "'" || c === '`') inString = c;
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if ((c === '}' || c === ']' || c === ')') && --depth === 0) return i;
  }
  throw new Error('unterminated literal');
}

/** The object literal starting at `from` (a `{`). */
function objectAt(src: string, from: number): string {
  return src.slice(from, closing(src, from) + 1);
}

/**
 * Parse a compiled routes array, `[{path:"/docs",component:d("/docs","b7f"),
 * routes:[...]},...]`, keeping nesting and order (react-router renders the
 * first matching sibling).
 */
function parseRoutes(src: string, from: number): Route[] {
  const end = closing(src, from);
  const out: Route[] = [];
  let i = from + 1;
  while (i < end) {
    if (src[i] !== '{') {
      i++;
      continue;
    }
    const objEnd = closing(src, i);
    const obj = src.slice(i, objEnd + 1);
    // Children first, then blank them out so their fields are not read as ours.
    let children: Route[] = [];
    let own = obj;
    const r = /[{,]routes:\[/.exec(obj);
    if (r) {
      const arrStart = i + r.index + r[0].length - 1;
      children = parseRoutes(src, arrStart);
      own = obj.slice(0, r.index + 1) + obj.slice(closing(src, arrStart) - i + 1);
    }
    const m = /[{,]path:"([^"]*)",component:[\w$]+\("\1"(?:,"(\w+)")?\)/.exec(own);
    if (m) out.push({path: m[1], key: `${m[1]}-${m[2] ?? ''}`, exact: /[{,]exact:!0/.test(own), routes: children});
    i = objEnd + 1;
  }
  return out;
}

/**
 * An object key as the minifier wrote it, back to the string it stands for:
 * numeric-looking names come out as numbers, even in hex (`0x11113f9` is the
 * chunk "17896441").
 */
function keyOf(quoted: string | undefined, bare: string | undefined): string {
  if (quoted !== undefined) return quoted;
  return /^(0x[0-9a-f]+|\d+)$/i.test(bare!) ? String(Number(bare)) : bare!;
}

function mapLiteral(literal: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of literal.matchAll(/(?:"([^"]+)"|([\w$]+)):"([^"]*)"/g)) out[keyOf(m[1], m[2])] = m[3];
  return out;
}

/** Read the route table, chunk names, registry and chunk file map. */
export function readBundles(buildDir: string, entryUrls: string[]): BundleMap {
  const file = (url: string) => path.join(buildDir, url.replace(/^\//, ''));
  const mainUrl = entryUrls.find((u) => /\/main\.[\w]+\.js$/.test(u));
  const runtimeUrl = entryUrls.find((u) => /\/runtime~main\.[\w]+\.js$/.test(u));
  if (!mainUrl || !runtimeUrl) throw new Error(`page does not load main.*.js and runtime~main.*.js: ${entryUrls.join(', ')}`);
  const main = fs.readFileSync(file(mainUrl), 'utf8');
  const runtime = fs.readFileSync(file(runtimeUrl), 'utf8');

  // The route table: the array holding the first `{path:"…",component:d(…)}`.
  const first = /\{path:"([^"]*)",component:[\w$]+\("\1","(\w+)"\)/.exec(main);
  if (!first) throw new Error(`no route table found in ${mainUrl}`);
  const routes = parseRoutes(main, main.lastIndexOf('[', first.index));
  if (routes.length === 0) throw new Error(`no routes parsed from ${mainUrl}`);

  // routesChunkNames: the JSON object holding the first route's key.
  const firstKey = JSON.stringify(`${first[1]}-${first[2]}`);
  const at = main.indexOf(`${firstKey}:{`);
  const start = main.lastIndexOf('{', at);
  if (at < 0 || start < 0) throw new Error(`routesChunkNames not found in ${mainUrl}`);
  const chunkNames = JSON.parse(objectAt(main, start)) as Record<string, unknown>;

  // Registry: `name:[()=>Promise.all([n.e("14"),n.e("785")]).then(...),"@theme/DocRoot",1633]`
  const registry = new Map<string, string[]>();
  for (const m of main.matchAll(/(?:"([\w-]+)"|([\w$]+)):\[\(\)=>(.*?)\.then\(/g)) {
    const ids = [...m[3].matchAll(/[\w$]+\.e\("?([\w-]+)"?\)/g)].map((e) => e[1]);
    registry.set(keyOf(m[1], m[2]), ids);
  }
  if (registry.size === 0) throw new Error(`no chunk registry found in ${mainUrl}`);

  // Chunk file names: `"assets/js/"+(({105:"27eee51a",...})[e]||e)+"."+({103:"d03ade40",...})[e]+".js"`
  const u = /"assets\/js\/"\+\(\(\{/.exec(runtime);
  if (!u) throw new Error(`chunk file map not found in ${runtimeUrl}`);
  const names = mapLiteral(objectAt(runtime, u.index + u[0].length - 1));
  const hashStart = runtime.indexOf('+"."+({', u.index);
  if (hashStart < 0) throw new Error(`chunk hash map not found in ${runtimeUrl}`);
  const hashes = mapLiteral(objectAt(runtime, hashStart + '+"."+('.length));
  const chunkFile = (id: string) => {
    if (!(id in hashes)) return '';
    return `/assets/js/${names[id] ?? id}.${hashes[id]}.js`;
  };
  return {routes, chunkNames, registry, chunkFile};
}

/** Whether a route `path` matches `page` (exactly, or as a layout above it). */
function routeMatches(route: Route, page: string): boolean {
  const strip = (p: string) => p.replace(/\/$/, '') || '/';
  const r = strip(route.path);
  const p = strip(page);
  if (r === p) return true;
  if (route.exact || r === '*') return false;
  return r === '/' ? true : p.startsWith(r + '/');
}

/** The routes react-router renders for `page`: first match at each level. */
export function matchRoutes(routes: Route[], page: string): Route[] {
  const hit = routes.find((r) => routeMatches(r, page));
  if (!hit) return [];
  return [hit, ...matchRoutes(hit.routes, page)];
}

/** Every chunk name under a routesChunkNames entry (nested values too). */
function namesIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) namesIn(v, out);
  return out;
}

/** JS and CSS URLs needed to render and hydrate `page`, from build/ alone. */
export function pageAssetUrls(buildDir: string, page: string, html: string, bundles?: BundleMap): string[] {
  const entry = htmlAssets(html);
  const b = bundles ?? readBundles(buildDir, entry);
  const urls = new Set(entry);
  // The layouts above the page and its leaf route, as react-router picks them.
  const matched = matchRoutes(b.routes, page);
  const leaf = matched[matched.length - 1];
  if (!leaf || leaf.routes.length > 0) throw new Error(`no leaf route matches ${page}`);
  for (const route of matched) {
    for (const name of namesIn(b.chunkNames[route.key])) {
      const ids = b.registry.get(name);
      if (!ids) throw new Error(`chunk ${name} of route ${route.key} is not in the registry`);
      for (const id of ids) {
        const url = b.chunkFile(id);
        // A chunk with no JS file holds only CSS, which Docusaurus puts in
        // the one stylesheet the HTML already links.
        if (url) urls.add(url);
      }
    }
  }
  return [...urls];
}

export function measurePage(buildDir: string, page: string, htmlFile: string, bundles?: BundleMap): PageWeight {
  const htmlBuf = fs.readFileSync(htmlFile);
  const urls = pageAssetUrls(buildDir, page, htmlBuf.toString('utf8'), bundles);
  const assets = urls.map((url) => {
    const f = path.join(buildDir, url.replace(/^\//, ''));
    if (!fs.existsSync(f)) throw new Error(`${page} needs ${url}, which is not in the build`);
    const buf = fs.readFileSync(f);
    return {url, raw: buf.length, gzip: gzipSize(buf)};
  });
  const sum = (list: Asset[]) => ({raw: list.reduce((n, a) => n + a.raw, 0), gzip: list.reduce((n, a) => n + a.gzip, 0)});
  const js = sum(assets.filter((a) => a.url.endsWith('.js')));
  const css = sum(assets.filter((a) => a.url.endsWith('.css')));
  return {
    page,
    html: {raw: htmlBuf.length, gzip: gzipSize(htmlBuf)},
    assets,
    js,
    css,
    total: {raw: js.raw + css.raw, gzip: js.gzip + css.gzip},
  };
}

/**
 * Files of build/ outside assets/ (the hashed JS and CSS), as paths
 * relative to build/ with `/` separators.
 */
function buildFiles(buildDir: string, dir = buildDir): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === path.join(buildDir, 'assets') ? [] : buildFiles(buildDir, p);
    return [path.relative(buildDir, p).split(path.sep).join('/')];
  });
}

/** Doc pages in build/ (every version): HTML files whose <html> has docs-doc-page. */
export function docPages(buildDir: string): Array<{page: string; file: string; version: string}> {
  const out: Array<{page: string; file: string; version: string}> = [];
  for (const rel of buildFiles(buildDir).filter((f) => f.endsWith('.html'))) {
    const file = path.join(buildDir, rel);
    const head = fs.readFileSync(file, 'utf8').slice(0, 600);
    const cls = /<html[^>]*\sclass="([^"]*)"/.exec(head)?.[1] ?? '';
    if (!cls.split(/\s+/).includes('docs-doc-page')) continue;
    const version = /(?:^|\s)docs-version-(\S+)/.exec(cls)?.[1] ?? '?';
    const page = rel === 'index.html' || rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel.replace(/\.html$/, '')}`;
    out.push({page, file, version});
  }
  return out.sort((a, b) => a.page.localeCompare(b.page));
}

/**
 * The local search plugin's index files (one per docs version, fetched on
 * the first search): path relative to build/, raw and gzip bytes.
 */
export function searchIndexes(buildDir: string): Array<{file: string; raw: number; gzip: number}> {
  return buildFiles(buildDir)
    .filter((f) => /(?:^|\/)search-index[^/]*\.json$/.test(f))
    .map((file) => {
      const bytes = fs.readFileSync(path.join(buildDir, file));
      return {file, raw: bytes.length, gzip: gzipSize(bytes)};
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Each docs version's source folder and the URL path its pages are built
 * under: the latest release at /docs, older releases at /docs/<version>,
 * Next ('current') at /docs/next (/docs before the first release). The
 * docs plugin's own scheme, as src/data/versions.ts configures it.
 */
export function docsVersionFolders(siteDir: string): Array<{version: string; dir: string; urlPath: string}> {
  const released = releasedVersions(siteDir);
  return [
    {version: 'current', dir: path.join(siteDir, 'docs'), urlPath: released.length > 0 ? '/docs/next' : '/docs'},
    ...released.map((v, i) => ({
      version: v,
      dir: path.join(siteDir, 'versioned_docs', `version-${v}`),
      urlPath: i === 0 ? '/docs' : `/docs/${v}`,
    })),
  ];
}
