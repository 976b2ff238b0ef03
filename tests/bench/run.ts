/**
 * `npm run bench`: how this site compares with the bare Docusaurus classic
 * template of the same version, on this machine, in one run. Not a test:
 * times and scores vary between runs; the byte budgets that must hold are in
 * tests/build/page-weight.test.ts.
 *
 *   1. cold production builds (Docusaurus Faster) of the template and the
 *      site, median of --builds each
 *   2. per doc page: HTML bytes, JS+CSS needed to render and hydrate it, from
 *      the browser's network log (and the static count of page-weight.test.ts)
 *   3. Lighthouse mobile and desktop, median of N runs, served gzipped
 *   4. search index sizes, 5. the example suite's run time
 *
 * Prints one table and writes tests/bench/results.md.
 *
 *   npm run bench -- [--runs 3] [--builds 3] [--no-lighthouse] [--no-suite] [--template-dir DIR] [--keep] [--site-dir DIR]
 *
 * --template-dir reuses an installed template instead of scaffolding one.
 * --no-lighthouse and --no-suite leave out the two slow parts (the table
 * then says they were not run), for a quick look at builds and weights.
 * --site-dir measures another checkout of this site (with node_modules),
 * e.g. a `git archive HEAD` copy while the working tree is mid-edit.
 */
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type {Browser} from 'playwright-core';
import {CHROMIUM, CHROME_FLAGS, launch} from '../browser/browser';
import {startServer} from '../browser/server';
import {settle} from '../browser/site';
import {docPages, measurePage, searchIndexes} from '../build/assets';
import {chapters as tutorialChapters} from '../../src/data/chapters';

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(opt('--runs') ?? 3);
const BUILDS = Number(opt('--builds') ?? 3);
const LIGHTHOUSE = !args.includes('--no-lighthouse');
const SUITE = !args.includes('--no-suite');
const KiB = 1024;
/** The page-weight goal, gzip JS+CSS per page (tests/build/page-weight.test.ts enforces it). */
const WEIGHT_GOAL = 185 * KiB;
const gz = (b: Buffer) => zlib.gzipSync(b, {level: 9}).length;
const kib = (n: number) => (n / KiB).toFixed(1);

function log(msg: string) {
  console.log(`[bench] ${msg}`);
}

function run(cmd: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): {ok: boolean; out: string; secs: number} {
  const started = Date.now();
  const res = spawnSync(cmd[0], cmd.slice(1), {cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
  const out = (res.stdout ?? '') + (res.stderr ?? '');
  return {ok: res.status === 0, out, secs: (Date.now() - started) / 1000};
}

function docusaurusVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@docusaurus/core/package.json'), 'utf8')).version;
}

/** Scaffold the classic template (same version, TypeScript, Faster on) and install it. */
function scaffoldTemplate(version: string): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-bench-'));
  const dir = path.join(parent, 'template');
  log(`scaffolding create-docusaurus@${version} classic into ${dir}`);
  const made = run(['npx', '--yes', `create-docusaurus@${version}`, dir, 'classic', '--typescript', '--skip-install'], parent);
  if (!made.ok) throw new Error(`create-docusaurus failed:\n${made.out}`);
  const pkgFile = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const ours = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  pkg.dependencies['@docusaurus/faster'] = version;
  // The same pin as ours: newer @swc/html releases lack platform packages.
  pkg.overrides = {...(pkg.overrides ?? {}), '@swc/html': ours.overrides['@swc/html']};
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  const cfgFile = path.join(dir, 'docusaurus.config.ts');
  let cfg = fs.readFileSync(cfgFile, 'utf8');
  if (/future:\s*\{/.test(cfg)) cfg = cfg.replace(/future:\s*\{/, 'future: {\n    faster: true,');
  else cfg = cfg.replace(/const config: Config = \{/, 'const config: Config = {\n  future: {faster: true},');
  if (!cfg.includes('faster: true')) throw new Error('could not enable future.faster in the template config');
  fs.writeFileSync(cfgFile, cfg);
  log('installing the template with npm');
  const inst = run(['npm', 'install', '--no-audit', '--no-fund'], dir);
  if (!inst.ok) throw new Error(`npm install in the template failed:\n${inst.out}`);
  return dir;
}

/** Cold build: no .docusaurus, build/ or bundler cache left from before. */
function coldBuild(dir: string): number {
  for (const p of ['.docusaurus', 'build', 'node_modules/.cache']) fs.rmSync(path.join(dir, p), {recursive: true, force: true});
  const res = run(['npx', 'docusaurus', 'build'], dir);
  if (!res.ok) throw new Error(`build in ${dir} failed:\n${res.out.slice(-4000)}`);
  return res.secs;
}

interface Weight {
  page: string;
  html: number;
  htmlGz: number;
  raw: number;
  gzip: number;
  files: number;
  /** JS+CSS loaded after the load event, not needed to render or hydrate. */
  laterGzip: number;
  laterFiles: number;
  staticGzip?: number;
}

/**
 * JS+CSS the browser fetches to render and hydrate a page: what it asks for
 * before the load event (the HTML's assets and the route chunks the
 * runtime loads before hydrating). Prefetches of linked pages and what
 * loads after the load event (the service worker registration, the
 * progress toggle) are counted apart, as `later`.
 */
async function browserWeight(browser: Browser, origin: string, page: string): Promise<Weight> {
  // The worker is blocked but the page still loads its registration code,
  // as a reader's browser does (contextWithoutServiceWorker would hide it).
  const context = await browser.newContext({serviceWorkers: 'block'});
  const tab = await context.newPage();
  const bodies = new Map<string, Promise<Buffer>>();
  let html: Buffer = Buffer.alloc(0);
  tab.on('response', (res) => {
    // Docusaurus prefetches linked pages' chunks with <link rel=prefetch>;
    // the browser types those "other", so they are not counted here.
    const type = res.request().resourceType();
    if (type === 'script' || type === 'stylesheet') bodies.set(res.url(), res.body());
  });
  const res = await tab.goto(origin + page);
  if (res) html = await res.body();
  await settle(tab);
  const beforeLoad = new Set(
    await tab.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return performance.getEntriesByType('resource').filter((r) => r.startTime < nav.loadEventStart).map((r) => r.name);
    }),
  );
  const needed: Buffer[] = [];
  const later: Buffer[] = [];
  for (const [url, body] of bodies) (beforeLoad.has(url) ? needed : later).push(await body);
  await context.close();
  return {
    page,
    html: html.length,
    htmlGz: gz(html),
    raw: needed.reduce((n, b) => n + b.length, 0),
    gzip: needed.reduce((n, b) => n + gz(b), 0),
    files: needed.length,
    laterGzip: later.reduce((n, b) => n + gz(b), 0),
    laterFiles: later.length,
  };
}

interface LhResult {
  perf: number;
  a11y: number;
  bp: number;
  seo: number;
  lcp: number;
  tbt: number;
  cls: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Start Debian's Chromium with a DevTools port for Lighthouse (127.0.0.1 only). */
async function startChrome(): Promise<{port: number; stop: () => Promise<void>}> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-lh-profile-'));
  const child = spawn(
    CHROMIUM,
    [...CHROME_FLAGS, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    {stdio: ['ignore', 'ignore', 'pipe']},
  );
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`chromium gave no DevTools port:\n${err}`)), 20000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', () => reject(new Error(`chromium exited:\n${err}`)));
  });
  return {
    port,
    // Wait for Chromium to exit before deleting its profile, which it
    // writes to until the end.
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      fs.rmSync(profile, {recursive: true, force: true, maxRetries: 5});
    },
  };
}

async function lighthouseRuns(url: string, formFactor: 'mobile' | 'desktop', port: number): Promise<LhResult> {
  const {default: lighthouse} = await import('lighthouse');
  const desktop = formFactor === 'desktop' ? (await import('lighthouse/core/config/desktop-config.js')).default : undefined;
  const runs: LhResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await lighthouse(
      url,
      {port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo']},
      desktop,
    );
    if (!result) throw new Error('lighthouse returned nothing');
    const {categories: c, audits: a} = result.lhr;
    if (result.lhr.runtimeError) throw new Error(`lighthouse: ${result.lhr.runtimeError.message}`);
    runs.push({
      perf: Math.round((c.performance.score ?? 0) * 100),
      a11y: Math.round((c.accessibility.score ?? 0) * 100),
      bp: Math.round((c['best-practices'].score ?? 0) * 100),
      seo: Math.round((c.seo.score ?? 0) * 100),
      lcp: (a['largest-contentful-paint'].numericValue ?? 0) / 1000,
      tbt: a['total-blocking-time'].numericValue ?? 0,
      cls: a['cumulative-layout-shift'].numericValue ?? 0,
    });
  }
  const pick = (k: keyof LhResult) => median(runs.map((r) => r[k]));
  return {perf: pick('perf'), a11y: pick('a11y'), bp: pick('bp'), seo: pick('seo'), lcp: pick('lcp'), tbt: pick('tbt'), cls: pick('cls')};
}

async function main() {
  const version = docusaurusVersion();
  const lines: string[] = [];
  const row = (...cells: Array<string | number>) => lines.push(`| ${cells.join(' | ')} |`);
  const ok = (good: boolean) => (good ? 'yes' : '**NO**');
  const notes: string[] = [];

  const loadAtStart = os.loadavg();
  // 1. Template and cold builds.
  const templateDir = opt('--template-dir') ?? scaffoldTemplate(version);
  // Cold builds alternate (template, site, template, ...) so that a busy
  // moment of the machine does not fall on one side only; the median of
  // BUILDS each is reported, every time is printed.
  const siteDir = path.resolve(opt('--site-dir') ?? ROOT);
  const templateTimes: number[] = [];
  const siteTimes: number[] = [];
  for (let i = 1; i <= BUILDS; i++) {
    templateTimes.push(coldBuild(templateDir));
    siteTimes.push(coldBuild(siteDir));
    log(`cold builds ${i}/${BUILDS}: template ${templateTimes.at(-1)!.toFixed(1)} s, site (${siteDir}) ${siteTimes.at(-1)!.toFixed(1)} s`);
  }
  const templateSecs = median(templateTimes);
  const siteSecs = median(siteTimes);
  const siteBuild = path.join(siteDir, 'build');
  const templateBuild = path.join(templateDir, 'build');

  // 2. Page weights: every doc page of the version readers get at /docs/
  // (the latest release), tutorial chapters first in reading order.
  const allPages = docPages(siteBuild);
  const latest = allPages.find((p) => p.page === tutorialChapters[0].to)?.version;
  if (!latest) throw new Error(`no doc page at ${tutorialChapters[0].to} in ${siteBuild}`);
  const order = (page: string) => {
    const i = tutorialChapters.findIndex((c) => c.to === page);
    return i < 0 ? tutorialChapters.length : i;
  };
  const chapters = allPages.filter((p) => p.version === latest).sort((a, b) => order(a.page) - order(b.page) || a.page.localeCompare(b.page));
  const otherVersions = allPages.filter((p) => p.version !== latest);
  // The template keeps Docusaurus' default trailing slash: /docs/intro/.
  const templateIntro = docPages(templateBuild).find((p) => p.page.replace(/\/$/, '') === '/docs/intro');
  if (!templateIntro) throw new Error('the template has no /docs/intro page');
  const siteServer = await startServer(siteBuild, {gzip: true});
  const templateServer = await startServer(templateBuild, {gzip: true});
  const browser = await launch();
  const weights: Weight[] = [];
  for (const c of chapters) {
    const w = await browserWeight(browser, siteServer.origin, c.page);
    w.staticGzip = measurePage(siteBuild, c.page, c.file).total.gzip;
    weights.push(w);
  }
  const tw = await browserWeight(browser, templateServer.origin, templateIntro.page);
  tw.staticGzip = measurePage(templateBuild, templateIntro.page, templateIntro.file).total.gzip;
  await browser.close();
  for (const w of [...weights, tw]) {
    if (w.staticGzip !== w.gzip) notes.push(`${w.page}: static count ${kib(w.staticGzip!)} KiB gzip, browser ${kib(w.gzip)} KiB (page-weight.test.ts differs from the browser)`);
  }

  // 3. Lighthouse.
  const loadBeforeLighthouse = os.loadavg();
  const lh = new Map<string, {mobile: LhResult; desktop: LhResult}>();
  let lhError = '';
  if (LIGHTHOUSE) {
    let chrome: {port: number; stop: () => Promise<void>} | undefined;
    try {
      chrome = await startChrome();
      // Lighthouse on the tutorial chapters (the FAQ pages are lighter
      // versions of the same layout), then the template's docs page.
      const targets = [
        ...chapters.filter((c) => order(c.page) < tutorialChapters.length).map((c) => ({key: c.page, url: siteServer.origin + c.page})),
        {key: 'template', url: templateServer.origin + templateIntro.page},
      ];
      for (const t of targets) {
        log(`lighthouse ${t.key} (mobile, desktop; ${RUNS} runs each)`);
        lh.set(t.key, {mobile: await lighthouseRuns(t.url, 'mobile', chrome.port), desktop: await lighthouseRuns(t.url, 'desktop', chrome.port)});
      }
    } catch (e) {
      lhError = (e as Error).message;
      console.log(`\n*** LIGHTHOUSE COULD NOT RUN: ${lhError} ***\n`);
    } finally {
      await chrome?.stop();
    }
  } else {
    lhError = 'skipped with --no-lighthouse';
  }
  await siteServer.close();
  await templateServer.close();

  // 4. Search indexes. 5. Example suite.
  const indexes = searchIndexes(siteBuild);
  const suite = SUITE ? (log('example suite: node tests/run-all.mjs harness'), run(['node', 'tests/run-all.mjs', 'harness'], siteDir)) : undefined;
  const stageTimes = [...(suite?.out ?? '').matchAll(/^=== (.+): (ok|FAILED) \((\d+) passed, (\d+) failed, ([\d.]+)s\)$/gm)].map(
    (m) => `${m[1]}: ${m[5]} s (${m[3]} passed, ${m[4]} failed)`,
  );

  // The tables.
  const maxGzip = Math.max(...weights.map((w) => w.gzip));
  const heaviest = weights.find((w) => w.gzip === maxGzip)!;
  const otherMax = otherVersions.length
    ? otherVersions.map((p) => ({page: p.page, gzip: measurePage(siteBuild, p.page, p.file).total.gzip})).sort((a, b) => b.gzip - a.gzip)[0]
    : undefined;
  const commit = siteDir === ROOT ? `at ${run(['git', 'rev-parse', '--short', 'HEAD'], ROOT).out.trim()}` : '(a copy; commit not recorded)';
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  lines.push(`Docusaurus ${version}, Node ${process.version}, ${os.cpus().length} CPUs, ${new Date().toISOString().slice(0, 16)}Z; site ${siteDir === ROOT ? 'working tree' : siteDir} ${commit}.`);
  lines.push(`Load average (1/5/15 min) at the start ${load(loadAtStart)}, before Lighthouse ${load(loadBeforeLighthouse)}, at the end ${load(os.loadavg())}.`);
  lines.push(`KiB = 1024 bytes; gzip at level 9, served gzip-compressed to Lighthouse; Lighthouse ${LIGHTHOUSE ? `median of ${RUNS}` : 'not run'}. Pages of the latest release (${latest}), as readers get them at /docs/.`);
  lines.push('', '### Summary', '');
  row('Metric', 'This site', 'Classic template', 'Goal', 'Met');
  row('---', '---', '---', '---', '---');
  const ratio = siteSecs / templateSecs;
  const times = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
  row(`Cold build, Faster (s, median of ${BUILDS})`, `${siteSecs.toFixed(1)} (${times(siteTimes)})`, `${templateSecs.toFixed(1)} (${times(templateTimes)})`, `site ≤ 2.0 × template (${ratio.toFixed(2)} ×)`, ok(ratio <= 2));
  row('Heaviest doc page, JS+CSS gzip (KiB)', `${kib(maxGzip)} (${heaviest.page})`, kib(tw.gzip), `≤ ${kib(WEIGHT_GOAL)}`, ok(maxGzip <= WEIGHT_GOAL));
  if (otherMax) row('Heaviest page of the other versions (static count, KiB gzip)', `${kib(otherMax.gzip)} (${otherMax.page})`, '', `≤ ${kib(WEIGHT_GOAL)}`, ok(otherMax.gzip <= WEIGHT_GOAL));
  for (const i of indexes) row(`Search index ${i.file} raw / gzip (KiB)`, `${kib(i.raw)} / ${kib(i.gzip)}`, 'no search', '', '');
  if (indexes.length === 0) row('Search index', 'none found in build/', '', '', '');
  row('Example suite (`npm test -- harness`) (s)', suite ? `${suite.secs.toFixed(1)}${suite.ok ? '' : ' (FAILED)'}` : 'not run (--no-suite)', 'n/a', '', '');
  for (const st of stageTimes) row(`  stage ${st.split(':')[0]}`, st.slice(st.indexOf(':') + 2), '', '', '');

  lines.push('', '### Page weight: what a page needs to render and hydrate', '');
  row('Page', 'HTML raw / gzip (KiB)', 'JS+CSS raw / gzip (KiB)', 'Files', 'Loaded after the load event (KiB gzip, files)', `≤ ${kib(WEIGHT_GOAL)} KiB gzip`);
  row('---', '---', '---', '---', '---', '---');
  const later = (w: Weight) => (w.laterFiles ? `${kib(w.laterGzip)} (${w.laterFiles})` : '–');
  for (const w of weights) row(w.page, `${kib(w.html)} / ${kib(w.htmlGz)}`, `${kib(w.raw)} / ${kib(w.gzip)}`, w.files, later(w), ok(w.gzip <= WEIGHT_GOAL));
  row(`Template ${templateIntro.page}`, `${kib(tw.html)} / ${kib(tw.htmlGz)}`, `${kib(tw.raw)} / ${kib(tw.gzip)}`, tw.files, later(tw), ok(tw.gzip <= WEIGHT_GOAL));

  lines.push('', '### Lighthouse (goal: Perf ≥ 98, A11y, BP and SEO 100, CLS 0, LCP ≤ 2.0 s)', '');
  if (lhError) lines.push(`Lighthouse not run: ${lhError.split('\n')[0]}`, '');
  else {
    const fmt = (x: LhResult) => `${x.perf} / ${x.a11y} / ${x.bp} / ${x.seo}`;
    const met = (x: LhResult) => x.perf >= 98 && x.a11y === 100 && x.bp === 100 && x.seo === 100 && x.cls === 0 && x.lcp <= 2.0;
    row('Page', 'Form factor', 'Perf / A11y / BP / SEO', 'LCP (s)', 'TBT (ms)', 'CLS', 'Met');
    row('---', '---', '---', '---', '---', '---', '---');
    for (const [key, r] of lh) {
      for (const ff of ['mobile', 'desktop'] as const) {
        const x = r[ff];
        row(key === 'template' ? `Template ${templateIntro.page}` : key, ff, fmt(x), x.lcp.toFixed(2), Math.round(x.tbt), x.cls.toFixed(3), ok(met(x)));
      }
    }
  }
  if (notes.length) lines.push('', 'Notes:', ...notes.map((n) => `- ${n}`));

  const table = lines.join('\n');
  console.log('\n' + table + '\n');
  const md = `# Benchmark results\n\nWritten by \`npm run bench\` (tests/bench/run.ts); numbers from one run on the machine named below.\n\n${table}\n`;
  fs.writeFileSync(path.join(__dirname, 'results.md'), md);
  log(`wrote ${path.relative(ROOT, path.join(__dirname, 'results.md'))}`);
  if (!opt('--template-dir') && !args.includes('--keep')) fs.rmSync(path.dirname(templateDir), {recursive: true, force: true});
  else log(`template kept in ${templateDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
