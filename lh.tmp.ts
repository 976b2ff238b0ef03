import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CHROMIUM, CHROME_FLAGS} from './tests/chromium';
import {startServer} from './tests/browser/server';
(async () => {
  const pages = (process.argv[2] ?? '/docs/docker-layer').split(',');
  const server = await startServer('build', {gzip: true});
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-'));
  const child = spawn(CHROMIUM, [...CHROME_FLAGS, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {stdio: ['ignore', 'ignore', 'pipe']});
  const port = await new Promise<number>((res) => { let e = ''; child.stderr!.on('data', (d) => { e += d; const m = /127\.0\.0\.1:(\d+)\//.exec(e); if (m) res(+m[1]); }); });
  const {default: lighthouse} = await import('lighthouse');
  for (const p of pages) for (let i = 0; i < 3; i++) {
    const r = await lighthouse(server.origin + p, {port, output: 'json', logLevel: 'error', onlyCategories: ['performance']});
    const a = r!.lhr.audits;
    console.log(p, 'perf', Math.round(r!.lhr.categories.performance.score! * 100), 'TBT', Math.round(a['total-blocking-time'].numericValue!), 'LCP', (a['largest-contentful-paint'].numericValue! / 1000).toFixed(2));
  }
  child.kill(); await server.close();
})();
