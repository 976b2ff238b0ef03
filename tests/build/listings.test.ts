/**
 * Checks on the production build (run after `docusaurus build`): every
 * listing a doc of any docs version asks for is on that version's built
 * page, with its file-path title and the exact text of the example region
 * from that version's examples, and no region marker leaks anywhere.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR, cutListing, examplesRootFor, readExample, resolveExample} from '../../src/remark/examples';
import {parseEmbedMeta} from '../../src/remark/embed-examples';
import {listFiles} from '../site/pasted-code';
import {docsVersionFolders} from './assets';

const BUILD = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build'));

/**
 * Visible text of an HTML page with all whitespace removed: Prism renders
 * each line in its own element, so line breaks do not survive as spaces.
 */
function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, '');
}

function slugOf(source: string, file: string): string {
  const fm = /^---\n([\s\S]*?)\n---/.exec(source);
  const slug = fm && /^slug:\s*(\S+)\s*$/m.exec(fm[1]);
  assert.ok(slug, `${file} has no slug in its front matter`);
  return slug[1].replace(/^\//, '');
}

test('the production build exists', () => {
  assert.ok(fs.existsSync(path.join(BUILD, 'index.html')), 'run `npx docusaurus build` first');
});

/** Each docs folder, with the build folder its pages land in. */
const docsFolders = docsVersionFolders(SITE_DIR);
const docs = docsFolders.flatMap(({dir, urlPath}) =>
  listFiles(dir)
    .filter((f) => /\.mdx?$/.test(f) && !path.basename(f).startsWith('_'))
    .map((file) => ({file, built: urlPath.slice(1)})),
);

test('the docs of every version are checked', () => {
  assert.ok(docsFolders.every(({dir}) => docs.some((d) => d.file.startsWith(dir + path.sep))), 'a docs folder has no doc');
});

for (const {file: doc, built} of docs) {
  const label = path.relative(SITE_DIR, doc);
  const source = fs.readFileSync(doc, 'utf8');
  const requests = [...source.matchAll(/^\s*(?:`{3,}|~{3,})\S*[ \t]+(.*)$/gm)]
    .map((m) => parseEmbedMeta(m[1]))
    .filter((r) => r !== null);
  if (requests.length === 0) continue;
  test(`${label}: every embedded listing is on the built page`, () => {
    const page = path.join(BUILD, built, `${slugOf(source, label)}.html`);
    assert.ok(fs.existsSync(page), `${label}: its page ${path.relative(BUILD, page)} was not built`);
    const html = fs.readFileSync(page, 'utf8');
    const text = pageText(html);
    for (const req of requests) {
      assert.ok(html.includes(`examples/${req.file}`), `${label}: title examples/${req.file} missing`);
      const abs = resolveExample(examplesRootFor(doc), req.file);
      const listing = cutListing(readExample(abs, req.file), req.region, req.file).replace(/\s+/g, '');
      assert.ok(text.includes(listing), `${label}: text of ${req.file}${req.region ? ` region ${req.region}` : ''} not found on the page`);
    }
  });
}

test('no docs:region marker appears in any built page', () => {
  const leaks = listFiles(BUILD)
    .filter((f) => /\.(html|js)$/.test(f))
    .filter((f) => /docs:(end)?region\s/.test(fs.readFileSync(f, 'utf8')));
  assert.deepEqual(leaks.map((f) => path.relative(BUILD, f)), []);
});
