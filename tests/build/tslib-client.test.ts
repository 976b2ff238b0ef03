/**
 * Client code gets a cut-down tslib (src/lib/tslib-client.ts, aliased by
 * src/plugins/tslib-client.ts). If a client dependency starts calling a
 * helper the cut-down module does not export, the page would throw at run
 * time; this reads the built client code for every tslib helper it calls.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {SITE_DIR} from '../../src/remark/examples';
import * as clientTslib from '../../src/lib/tslib-client';

const BUILD = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build'));
const JS = path.join(BUILD, 'assets', 'js');
const HELPERS = new Set(Object.keys(createRequire(__filename)('tslib') as object).filter((k) => k.startsWith('__')));

/** tslib helpers the built client code calls as a property (`x.__rest(`, CommonJS callers), with a file each. */
function helpersCalled(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of fs.readdirSync(JS).filter((f) => f.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(JS, file), 'utf8');
    for (const m of code.matchAll(/\.(__[A-Za-z]+)\b/g)) if (HELPERS.has(m[1]) && !found.has(m[1])) found.set(m[1], file);
  }
  return found;
}

const built = fs.existsSync(JS);
test('the production build exists', () => {
  assert.ok(built, `no ${JS}: run \`npx docusaurus build\` first`);
});

if (built) {
  test('every tslib helper the client code calls is in src/lib/tslib-client.ts', () => {
    const called = helpersCalled();
    assert.ok(called.size > 0, 'the built client code calls no tslib helper: the tslib-client alias may no longer be needed (src/plugins/tslib-client.ts)');
    const exported = new Set(Object.keys(clientTslib));
    for (const [helper, file] of called) {
      assert.ok(exported.has(helper), `build/assets/js/${file} calls tslib's ${helper}, which src/lib/tslib-client.ts does not export: add it there`);
    }
  });

  test('main.js holds no tslib helper beyond those', () => {
    const main = fs.readdirSync(JS).find((f) => /^main\.[0-9a-f]+\.js$/.test(f));
    assert.ok(main, 'no main.<hash>.js in build/assets/js');
    const code = fs.readFileSync(path.join(JS, main!), 'utf8');
    // Every helper of the whole library is named in its default export
    // object; one of them that the cut-down module does not export being
    // named in main.js means the whole library is back.
    for (const helper of ['__generator', '__awaiter', '__decorate', '__spreadArray']) {
      assert.ok(!code.includes(helper), `main.js names ${helper}: all of tslib is in the client bundle again`);
    }
  });
}
