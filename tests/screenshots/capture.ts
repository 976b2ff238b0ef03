/**
 * Screenshots of the example charm's web sites, for Part 6 (docs/
 * 06-config-changes.mdx). Nothing here is drawn by hand: each PNG is the
 * real site folder of the example layer, served from 127.0.0.1 and
 * rendered by headless Chromium.
 *
 *   npm run screenshots             writes static/img/ch06/site-<name>.png
 *   npx tsx tests/screenshots/capture.ts DIR    writes into DIR instead
 *
 * tests/screenshots/screenshots.test.ts captures again into a temporary
 * folder and compares pixels with the committed files, so a change to a
 * site's HTML or CSS that is not followed by `npm run screenshots` fails
 * the suite.
 *
 * Determinism: a fixed viewport and device scale factor, light colour
 * scheme, no network beyond our own server, and fonts from the
 * dejavu-fonts-ttf npm package only (a private fontconfig file hides the
 * machine's other fonts, so `system-ui` and `sans-serif` are DejaVu Sans on
 * every machine that ran `npm ci`).
 */
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {Browser} from 'playwright-core';
import {decodePng, diffImages} from './png';
import {CHROMIUM, CHROME_FLAGS} from '../chromium';

export {CHROMIUM};

export const SITE_DIR = path.resolve(__dirname, '..', '..');
export const OUT_DIR = path.join(SITE_DIR, 'static', 'img', 'ch06');

/** CSS pixels; the PNGs are VIEWPORT x SCALE, the page shows them at VIEWPORT. */
export const VIEWPORT = {width: 800, height: 520};
export const SCALE = 2;

const FLAGS = [
  ...CHROME_FLAGS,
  // Rendering switches that remove machine-dependent choices: no
  // sub-pixel (LCD) text, no font hinting, sRGB output, no scrollbars.
  '--disable-lcd-text',
  '--font-render-hinting=none',
  '--force-color-profile=srgb',
  '--hide-scrollbars',
];

/** One screenshot: a site folder under examples/ and the PNG name. */
export interface Shot {
  /** Output file name without .png, e.g. "site-default". */
  name: string;
  /** The folder served as the web root, relative to examples/. */
  folder: string;
}

/**
 * Part 6 shows the sites of examples/05-configuration: the `site` option
 * picks one of the folders in sites/<name>/ (or site/<name>/), and each
 * folder gets a screenshot named site-<name>.png. Until that folder exists
 * the tool falls back to Part 2's single site, so it could be built early.
 */
export function shots(examplesDir = path.join(SITE_DIR, 'examples')): Shot[] {
  const layer = path.join(examplesDir, '05-configuration');
  for (const dir of ['sites', 'site']) {
    const parent = path.join(layer, dir);
    if (!fs.existsSync(parent)) continue;
    const names = fs
      .readdirSync(parent, {withFileTypes: true})
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(parent, d.name, 'index.html')))
      .map((d) => d.name)
      .sort();
    if (names.length) {
      return names.map((name) => ({name: `site-${name}`, folder: path.join('05-configuration', dir, name)}));
    }
  }
  return [{name: 'site-default', folder: path.join('02-docker-layer', 'site')}];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

interface Server {
  origin: string;
  close(): Promise<void>;
}

/** Serve one folder read-only on 127.0.0.1 (a free port), as nginx would. */
async function serveFolder(root: string): Promise<Server> {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    let file = path.join(root, path.normalize(urlPath));
    if (file !== root && !file.startsWith(root + path.sep)) file = '';
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, {'content-type': 'text/plain'});
      res.end('not found');
      return;
    }
    res.writeHead(200, {'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream'});
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fontconfig setup that knows only the DejaVu fonts from node_modules. */
function privateFontconfig(tmp: string): string {
  const fonts = path.dirname(require.resolve('dejavu-fonts-ttf/package.json'));
  const alias = (generic: string, family: string) =>
    `  <alias binding="same"><family>${generic}</family><prefer><family>${family}</family></prefer></alias>`;
  const conf = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    `  <dir>${path.join(fonts, 'ttf')}</dir>`,
    `  <cachedir>${path.join(tmp, 'fc-cache')}</cachedir>`,
    alias('sans-serif', 'DejaVu Sans'),
    alias('system-ui', 'DejaVu Sans'),
    alias('serif', 'DejaVu Serif'),
    alias('monospace', 'DejaVu Sans Mono'),
    // Chromium asks for its default families by name (Arial, Times New
    // Roman, ...); map them, and anything unknown, to DejaVu as well.
    alias('Arial', 'DejaVu Sans'),
    alias('Helvetica', 'DejaVu Sans'),
    alias('Liberation Sans', 'DejaVu Sans'),
    alias('Times New Roman', 'DejaVu Serif'),
    alias('Courier New', 'DejaVu Sans Mono'),
    '  <match target="pattern">',
    '    <edit name="family" mode="append_last"><string>DejaVu Sans</string></edit>',
    '  </match>',
    '  <match target="font">',
    '    <edit name="antialias" mode="assign"><bool>true</bool></edit>',
    '    <edit name="hinting" mode="assign"><bool>false</bool></edit>',
    '    <edit name="rgba" mode="assign"><const>none</const></edit>',
    '  </match>',
    '</fontconfig>',
    '',
  ].join('\n');
  const file = path.join(tmp, 'fonts.conf');
  fs.writeFileSync(file, conf);
  return file;
}

export async function launch(fontsConf: string): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing (bash tests/setup.sh installs the chromium package)`);
  }
  const {chromium} = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    env: {...process.env, FONTCONFIG_FILE: fontsConf} as Record<string, string>,
  });
}

/**
 * Render one site folder to a PNG buffer. Fails if the page asks for
 * anything outside its own folder (a web font, a CDN script), because the
 * served sites must work offline and the picture must not depend on them.
 */
async function renderSite(browser: Browser, folder: string): Promise<Buffer> {
  const server = await serveFolder(folder);
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: SCALE,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.origin + '/')) return route.continue();
      problems.push(`request outside the site: ${url}`);
      return route.abort();
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    await page.goto(`${server.origin}/`, {waitUntil: 'load'});
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (problems.length) {
      throw new Error(`${path.relative(SITE_DIR, folder)}:\n  ${problems.join('\n  ')}`);
    }
    return await page.screenshot({type: 'png', animations: 'disabled', caret: 'hide'});
  } finally {
    await context.close();
    await server.close();
  }
}

export interface CaptureResult {
  name: string;
  file: string;
  /** False when an existing file already had the same pixels. */
  written: boolean;
}

/**
 * Capture every shot into outDir. A file whose pixels did not change is
 * left alone (PNG bytes can differ between encoder versions), so rerunning
 * the script does not dirty the working tree. With `prune`, site-*.png files
 * that no shot produces any more are deleted.
 */
export async function capture(
  outDir: string,
  opts: {examplesDir?: string; prune?: boolean} = {},
): Promise<CaptureResult[]> {
  const examplesDir = opts.examplesDir ?? path.join(SITE_DIR, 'examples');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-shots-'));
  fs.mkdirSync(outDir, {recursive: true});
  const browser = await launch(privateFontconfig(tmp));
  const results: CaptureResult[] = [];
  try {
    for (const shot of shots(examplesDir)) {
      const png = await renderSite(browser, path.join(examplesDir, shot.folder));
      const file = path.join(outDir, `${shot.name}.png`);
      let same = false;
      if (fs.existsSync(file)) {
        try {
          same = diffImages(decodePng(fs.readFileSync(file)), decodePng(png), 0).differing === 0;
        } catch {
          same = false; // unreadable or a different size: replace it
        }
      }
      if (!same) fs.writeFileSync(file, png);
      results.push({name: shot.name, file, written: !same});
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  if (opts.prune) {
    const keep = new Set(results.map((r) => path.basename(r.file)));
    for (const f of fs.readdirSync(outDir)) {
      if (/^site-.*\.png$/.test(f) && !keep.has(f)) fs.rmSync(path.join(outDir, f));
    }
  }
  return results;
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? OUT_DIR);
  capture(outDir, {prune: outDir === OUT_DIR}).then(
    (results) => {
      for (const r of results) {
        console.log(`${r.written ? 'wrote    ' : 'unchanged'} ${path.relative(process.cwd(), r.file)}`);
      }
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
