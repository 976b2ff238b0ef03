/**
 * No page of the build uses an id twice: a heading id repeated in a doc
 * ({#options} written twice) makes the second heading unreachable by link
 * and confuses the table of contents, and Docusaurus builds it silently.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import {listFiles} from '../site/pasted-code';

const BUILD = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build'));

/** Ids that appear more than once in an HTML page (scripts and styles left out). */
export function repeatedIds(html: string): string[] {
  const body = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const m of body.matchAll(/<[a-zA-Z][^>]*?\sid=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    const id = m[1] ?? m[2] ?? m[3];
    if (seen.has(id)) twice.add(id);
    seen.add(id);
  }
  return [...twice];
}

test('the id reader sees quoted and unquoted ids, and not ones in scripts', () => {
  assert.deepEqual(repeatedIds('<h2 id=a>x</h2><p id="a"></p><script>"<b id=b>"; "<b id=b>"</script><i id=c></i>'), ['a']);
});

test('no built page uses an id twice', () => {
  const pages = listFiles(BUILD).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > 20, `only ${pages.length} pages in ${BUILD}: run \`npx docusaurus build\` first`);
  const bad = pages
    .map((f) => ({page: path.relative(BUILD, f), ids: repeatedIds(fs.readFileSync(f, 'utf8'))}))
    .filter((p) => p.ids.length > 0)
    .map((p) => `${p.page}: ${p.ids.join(', ')}`);
  assert.deepEqual(bad, []);
});
