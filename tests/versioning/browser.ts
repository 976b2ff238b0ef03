/**
 * Helpers for the browser tests on a built site: a static file server on
 * 127.0.0.1 (an ephemeral port, stopped by the test) that serves a build
 * the way the host does (`/docs/x` -> docs/x.html, 404.html otherwise), and
 * Debian's Chromium driven through playwright-core.
 */
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import type {Browser} from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveBuild(buildDir: string): Promise<StaticServer> {
  const root = path.resolve(buildDir);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const clean = path.normalize(urlPath).replace(/\/+$/, '');
    const candidates = [
      path.join(root, clean),
      path.join(root, `${clean}.html`),
      path.join(root, clean, 'index.html'),
    ];
    const file = candidates.find(
      (f) => (f === root || f.startsWith(root + path.sep)) && fs.existsSync(f) && fs.statSync(f).isFile(),
    );
    const served = file ?? path.join(root, '404.html');
    res.writeHead(file ? 200 : 404, {'content-type': TYPES[path.extname(served)] ?? 'application/octet-stream'});
    fs.createReadStream(served).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Launch Chromium, or explain why not. Under CI=true a missing browser is a
 * failure (the suite must not pass by skipping); elsewhere the caller may
 * skip with the returned reason.
 */
export async function launchChromium(): Promise<{browser: Browser} | {missing: string}> {
  if (!fs.existsSync(CHROMIUM)) {
    const reason = `${CHROMIUM} is missing (bash tests/setup.sh installs the chromium package)`;
    if (process.env.CI === 'true') throw new Error(reason);
    return {missing: reason};
  }
  const {chromium} = await import('playwright-core');
  const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true});
  return {browser};
}
