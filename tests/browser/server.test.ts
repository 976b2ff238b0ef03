/**
 * The static server behaves like the static host the site is deployed to;
 * the browser tests are only as good as this. No browser needed.
 */
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import path from 'node:path';
import {startServer, type StaticServer} from './server';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'static-server-'));
let server: StaticServer;

before(async () => {
  fs.mkdirSync(path.join(root, 'docs'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
  fs.writeFileSync(path.join(root, '404.html'), '<h1>Page Not Found</h1>');
  fs.writeFileSync(path.join(root, 'docs', 'charm-build.html'), '<h1>charm build</h1>');
  fs.writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log("x");'.repeat(100));
  fs.writeFileSync(path.join(os.tmpdir(), 'outside.html'), 'secret');
  server = await startServer(root, {gzip: true});
});
after(async () => {
  await server.close();
  fs.rmSync(root, {recursive: true, force: true});
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(server.origin + p, {headers});

test('listens on 127.0.0.1 only', () => {
  assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('serves / and resolves trailingSlash:false URLs to .html files', async () => {
  assert.equal(await (await get('/')).text(), '<h1>home</h1>');
  const res = await get('/docs/charm-build');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(await res.text(), '<h1>charm build</h1>');
});

test('unknown paths get 404.html with status 404, and no path escapes the root', async () => {
  for (const p of ['/docs/nope', '/../outside.html', '/%2e%2e/outside.html', '/docs/charm-build/']) {
    const res = await get(p);
    assert.equal(res.status, 404, p);
    assert.equal(await res.text(), '<h1>Page Not Found</h1>', p);
  }
});

test('gzips text when asked to, and caches hashed assets for good', async () => {
  const res = await get('/assets/main.js', {'accept-encoding': 'gzip'});
  assert.equal(res.headers.get('content-encoding'), 'gzip'); // fetch decodes it
  assert.equal(await res.text(), 'console.log("x");'.repeat(100));
  assert.match(res.headers.get('cache-control') ?? '', /immutable/);
  const raw = await new Promise<{enc?: string; len: number}>((resolve) => {
    // fetch always asks for gzip; ask for nothing with plain http.
    http.get(server.origin + '/assets/main.js', (r) => {
      let len = 0;
      r.on('data', (c: Buffer) => (len += c.length));
      r.on('end', () => resolve({enc: r.headers['content-encoding'], len}));
    });
  });
  assert.deepEqual(raw, {enc: undefined, len: 1700});
});
