/**
 * A small static file server for the production build, used by the browser
 * tests and the benchmark. It serves build/ the way a static host does for a
 * `trailingSlash: false` Docusaurus site:
 *
 *   /docs/charm-build  -> build/docs/charm-build.html
 *   /docs/             -> build/docs/index.html
 *   /assets/js/x.js    -> build/assets/js/x.js
 *   anything else      -> build/404.html with status 404
 *
 * It listens on 127.0.0.1 only, on a random port, and optionally gzips text
 * responses (`docusaurus serve` does not compress, which would make
 * Lighthouse measure a transfer no real host sends).
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type {AddressInfo} from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  // Example folders offered for download (src/plugins/example-downloads.ts).
  '.zip': 'application/zip',
};

/** Types worth compressing; images and fonts are already compressed. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

export interface StaticServer {
  /** Origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  origin: string;
  /** Every request path served, with its status (for tests of the server). */
  log: Array<{path: string; status: number}>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** gzip compressible responses when the client accepts it. */
  gzip?: boolean;
}

/**
 * Map a URL path to a file in root, or null. Never leaves root: the path is
 * decoded, normalised and checked to stay inside it.
 */
export function resolveFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const abs = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (abs !== root && !abs.startsWith(root + path.sep)) return null;
  const isFile = (p: string) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (decoded.endsWith('/')) return isFile(path.join(abs, 'index.html')) ? path.join(abs, 'index.html') : null;
  if (isFile(abs)) return abs;
  if (isFile(abs + '.html')) return abs + '.html';
  if (isFile(path.join(abs, 'index.html'))) return path.join(abs, 'index.html');
  return null;
}

export async function startServer(root: string, options: ServerOptions = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const log: StaticServer['log'] = [];
  // Compress each file once: level 9 is slow and Lighthouse asks many times.
  const gzipped = new Map<string, Buffer>();
  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    let file = req.method === 'GET' || req.method === 'HEAD' ? resolveFile(base, urlPath) : null;
    let status = 200;
    if (!file) {
      status = 404;
      file = path.join(base, '404.html');
    }
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      status = 404;
      body = Buffer.from('Not found');
      file = 'x.txt';
    }
    log.push({path: urlPath, status});
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': type,
      // Docusaurus hashes asset names, so a host caches them forever and
      // revalidates the HTML, which keeps its name across deploys.
      'Cache-Control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (options.gzip && COMPRESSIBLE.test(type)) {
      headers['Vary'] = 'Accept-Encoding';
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        const raw = body;
        body = gzipped.get(file) ?? zlib.gzipSync(raw, {level: 9});
        gzipped.set(file, body);
        headers['Content-Encoding'] = 'gzip';
      }
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  // Loopback only, random free port: nothing outside this machine can reach
  // it and parallel test files never collide.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
