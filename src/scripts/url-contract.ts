/**
 * The URL contract: every public URL a released version has published
 * (its pages, and the heading anchors of its FAQ answers) must keep
 * working. tests/url-contract.json lists them; a build keeps the contract
 * when each one is still served, directly or through a redirect in
 * src/data/url-redirects.ts.
 *
 *   npm run url-contract                 check build/ against the contract
 *   npm run url-contract -- --write      add the released URLs found in
 *                                        build/ to the contract (run by
 *                                        `npm run release`)
 *   options: --build DIR  --contract FILE
 *
 * `--write` only ever adds: a URL leaves the contract only by hand, with a
 * reason in the commit message. URLs of "Next" (unreleased) are never in it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {anchorRedirects as defaultAnchorRedirects} from '../data/url-redirects';

const SITE_DIR = path.resolve(__dirname, '..', '..');
export const DEFAULT_CONTRACT = path.join(SITE_DIR, 'tests', 'url-contract.json');
export const DEFAULT_BUILD = path.join(SITE_DIR, 'build');

export interface Contract {
  comment?: string;
  /** Sorted, unique: `/docs/page` or `/docs/faq/page#anchor`. */
  urls: string[];
}

const COMMENT =
  'Public URLs of released docs versions (pages and FAQ anchors). Checked by ' +
  'tests/versioning/built-site.test.ts; extended by `npm run url-contract -- --write` ' +
  '(run by `npm run release`). Moved URLs need a redirect in src/data/url-redirects.ts.';

function walkHtml(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkHtml(abs));
    else if (entry.name.endsWith('.html')) out.push(abs);
  }
  return out;
}

/** URL path of a built HTML file (trailingSlash: false layout). */
function urlOf(buildDir: string, file: string): string {
  const rel = '/' + path.relative(buildDir, file).split(path.sep).join('/');
  if (rel === '/index.html') return '/';
  return rel.replace(/\/index\.html$/, '').replace(/\.html$/, '');
}

/** The built file serving a URL path, or null. */
export function fileFor(buildDir: string, urlPath: string): string | null {
  const clean = decodeURI(urlPath).replace(/\/+$/, '') || '/';
  const candidates =
    clean === '/'
      ? [path.join(buildDir, 'index.html')]
      : [path.join(buildDir, `${clean}.html`), path.join(buildDir, clean, 'index.html')];
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}

function htmlClasses(html: string): string[] {
  const m = /<html\b[^>]*\bclass=(?:"([^"]*)"|([^\s>]+))/.exec(html);
  return m ? (m[1] ?? m[2]).split(/\s+/) : [];
}

/** Where a client-redirect page forwards to, or null for a real page. */
export function redirectTarget(html: string): string | null {
  const m = /<meta\s+http-equiv=["']?refresh["']?\s+content=["']?0;\s*url=([^"'\s>]+)/i.exec(html);
  return m ? m[1].replace(/&amp;/g, '&') : null;
}

/** Heading ids on a page (the anchors a reader can link to). */
export function headingIds(html: string): string[] {
  return [...html.matchAll(/<h[2-6]\b[^>]*\sid=(?:"([^"]+)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]);
}

/** Docs version a built page belongs to (`current`, `1.0`…), or null. */
function docsVersion(html: string): string | null {
  const cls = htmlClasses(html).find((c) => c.startsWith('docs-version-'));
  return cls ? cls.slice('docs-version-'.length) : null;
}

/** The public URLs of released versions in a build. */
export function releasedUrls(buildDir = DEFAULT_BUILD): string[] {
  const urls = new Set<string>();
  for (const file of walkHtml(buildDir)) {
    const html = fs.readFileSync(file, 'utf8');
    if (redirectTarget(html)) continue;
    const version = docsVersion(html);
    if (!version || version === 'current') continue;
    const url = urlOf(buildDir, file);
    urls.add(url);
    const isFaq = htmlClasses(html).some((c) => c.startsWith('docs-doc-id-faq/'));
    if (isFaq) for (const id of headingIds(html)) urls.add(`${url}#${id}`);
  }
  return [...urls].sort();
}

export function readContract(file = DEFAULT_CONTRACT): Contract {
  if (!fs.existsSync(file)) return {urls: []};
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Contract;
  if (!Array.isArray(data.urls)) throw new Error(`${file}: "urls" must be an array`);
  return data;
}

export function writeContract(urls: string[], file = DEFAULT_CONTRACT): void {
  const body: Contract = {comment: COMMENT, urls: [...new Set(urls)].sort()};
  fs.writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
}

/**
 * Follow client redirects from a URL path to the page that finally serves
 * it. Returns the final path and its HTML, or a reason it is not served.
 */
function resolvePage(buildDir: string, urlPath: string): {path: string; html: string} | {error: string} {
  let current = urlPath;
  for (let hops = 0; hops < 5; hops++) {
    const file = fileFor(buildDir, current);
    if (!file) {
      return {
        error:
          current === urlPath
            ? `${urlPath} is no longer served and has no redirect (add one to pageRedirects in src/data/url-redirects.ts)`
            : `${urlPath} redirects to ${current}, which is not served`,
      };
    }
    const html = fs.readFileSync(file, 'utf8');
    const target = redirectTarget(html);
    if (!target) return {path: current, html};
    current = new URL(target, 'http://site.invalid').pathname;
  }
  return {error: `${urlPath}: redirect loop`};
}

/** Why an anchor redirect's target ("/docs/x#id") is not a heading of the build, or null if it is. */
function redirectTargetProblem(buildDir: string, to: string): string | null {
  const [toPath, toHash = ''] = to.split('#');
  const target = resolvePage(buildDir, toPath);
  if ('error' in target) return target.error;
  return toHash && headingIds(target.html).includes(toHash) ? null : `no heading with id "${toHash}" there`;
}

/** Every contract URL the build breaks, as messages (empty: kept). */
export function checkContract(
  contract: Contract,
  buildDir = DEFAULT_BUILD,
  anchorRedirects: Record<string, string> = defaultAnchorRedirects,
): string[] {
  const problems: string[] = [];
  for (const url of contract.urls) {
    const [urlPath, hash] = url.split('#');
    const page = resolvePage(buildDir, urlPath);
    if ('error' in page) {
      problems.push(page.error);
      continue;
    }
    if (hash === undefined || headingIds(page.html).includes(hash)) continue;
    // A renamed anchor: the client module forwards it (from the old or the
    // redirected path) when the map names a target that exists.
    const mapped = anchorRedirects[`${urlPath}#${hash}`] ?? anchorRedirects[`${page.path}#${hash}`];
    if (!mapped) {
      problems.push(
        `${url}: no heading with id "${hash}" on ${page.path} and no entry for it in anchorRedirects (src/data/url-redirects.ts)`,
      );
      continue;
    }
    const problem = redirectTargetProblem(buildDir, mapped);
    if (problem) problems.push(`${url}: anchor redirect to ${mapped}: ${problem}`);
  }
  // Every entry of the map, whether a contract URL uses it yet or not: one
  // pointing nowhere would forward a reader to the top of a page.
  for (const [from, to] of Object.entries(anchorRedirects)) {
    const problem = redirectTargetProblem(buildDir, to);
    if (problem) problems.push(`anchorRedirects (src/data/url-redirects.ts) "${from}" -> ${to}: ${problem}`);
  }
  return problems;
}

function main(argv: string[]): number {
  const opt = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]) : fallback;
  };
  const buildDir = opt('--build', DEFAULT_BUILD);
  const contractFile = opt('--contract', DEFAULT_CONTRACT);
  if (!fs.existsSync(path.join(buildDir, 'index.html'))) {
    console.error(`url-contract: no build in ${buildDir}; run \`npm run build\` first`);
    return 2;
  }
  const contract = readContract(contractFile);
  if (argv.includes('--write')) {
    const found = releasedUrls(buildDir);
    const added = found.filter((u) => !contract.urls.includes(u));
    writeContract([...contract.urls, ...found], contractFile);
    console.log(
      `url-contract: ${path.relative(process.cwd(), contractFile)}: ${added.length} URL(s) added, ` +
        `${contract.urls.length + added.length} in total`,
    );
    if (found.length === 0) console.log('url-contract: the build has no released version yet');
  }
  const problems = checkContract(readContract(contractFile), buildDir);
  for (const p of problems) console.error(`url-contract: ${p}`);
  if (problems.length === 0) console.log(`url-contract: all ${readContract(contractFile).urls.length} contract URLs are served`);
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
