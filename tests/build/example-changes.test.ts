/**
 * The diffs behind "What changed since Part N", as built: every asset a page
 * points at exists in build/, is JSON, and shows no docs:region marker
 * (listings never do, so neither may a diff of them).
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';

const BUILD = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build'));
const JS = path.join(BUILD, 'assets', 'js');

test('every example-changes asset a page refers to is built, parses, and has no region markers', () => {
  assert.ok(fs.existsSync(JS), `no build in ${BUILD}: run \`npx docusaurus build\` first`);
  const referenced = new Set<string>();
  for (const file of fs.readdirSync(JS)) {
    const js = fs.readFileSync(path.join(JS, file), 'utf8');
    for (const m of js.matchAll(/"(\/assets\/example-changes\/[^"]+\.json)"/g)) referenced.add(m[1]);
  }
  // Six chapters compare folders; versions with the same code share assets.
  assert.ok(referenced.size >= 6, `only ${referenced.size} example-changes assets referenced`);
  for (const url of referenced) {
    const abs = path.join(BUILD, url);
    assert.ok(fs.existsSync(abs), `${url} is referenced by a page but not in build/`);
    const bodies = JSON.parse(fs.readFileSync(abs, 'utf8')) as Record<string, {diff: string; whole?: string}>;
    assert.ok(Object.keys(bodies).length > 0, `${url} holds no file`);
    for (const [file, {diff, whole}] of Object.entries(bodies)) {
      assert.doesNotMatch(`${diff}\n${whole ?? ''}`, /docs:(end)?region\s/, `${url}: ${file} shows a region marker`);
    }
  }
});
