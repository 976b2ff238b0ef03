/**
 * Every page has the front matter a chapter needs and an explicit id on
 * every heading, so links from forum posts keep working when a heading's
 * wording changes.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import {listFiles} from './pasted-code';

/** Markdown headings outside code fences, with their line numbers. */
export function headings(source: string): Array<{line: number; text: string}> {
  const out: Array<{line: number; text: string}> = [];
  let fence: string | null = null;
  source.split('\n').forEach((line, i) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
      return;
    }
    if (fence === null && /^#{1,6}\s/.test(line)) out.push({line: i + 1, text: line});
  });
  return out;
}

test('the heading scanner skips fenced code and finds missing ids', () => {
  const src = '## Good {#good}\n```bash\n# not a heading\n```\n### Bad\n';
  const missing = headings(src).filter((h) => !/\{#[\w-]+\}\s*$/.test(h.text));
  assert.deepEqual(missing, [{line: 5, text: '### Bad'}]);
});

const docs = ['docs', 'versioned_docs']
  .flatMap((d) => listFiles(path.join(SITE_DIR, d)))
  .filter((f) => /\.mdx?$/.test(f) && !path.basename(f).startsWith('_'));

for (const doc of docs) {
  const label = path.relative(SITE_DIR, doc);
  const source = fs.readFileSync(doc, 'utf8');
  test(`${label}: front matter has id, title, description and slug`, () => {
    const fm = /^---\n([\s\S]*?)\n---/.exec(source);
    assert.ok(fm, 'no front matter');
    for (const key of ['id', 'title', 'description', 'slug']) {
      assert.match(fm[1], new RegExp(`^${key}:\\s*\\S`, 'm'), `${label}: front matter lacks ${key}`);
    }
  });
  if (/^\d\d-/.test(path.basename(doc))) {
    test(`${label}: a chapter links to its finished code, which exists`, () => {
      const m = /<ExampleFolder folder="([^"]+)"/.exec(source);
      assert.ok(m, `${label}: add <ExampleFolder folder="NN-slug" /> to the summary`);
      const root = label.startsWith('versioned_docs/')
        ? path.join(SITE_DIR, 'versioned_examples', label.split('/')[1])
        : path.join(SITE_DIR, 'examples');
      assert.ok(fs.existsSync(path.join(root, m[1])), `${label}: examples folder ${m[1]} does not exist`);
    });
  }
  test(`${label}: asks for no tags, edit link or last-update date (the site's doc footer shows none)`, () => {
    const fm = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
    const asked = ['tags', 'custom_edit_url', 'last_update'].filter((key) => new RegExp(`^${key}:`, 'm').test(fm));
    assert.deepEqual(asked, [], `${label}: src/theme/DocItem/Footer replaces the theme's footer, which would show these; restore it first`);
  });
  test(`${label}: every heading has an explicit {#id}`, () => {
    const missing = headings(source).filter((h) => !/\{#[\w-]+\}\s*$/.test(h.text));
    assert.deepEqual(missing.map((h) => `${label}:${h.line}: ${h.text}`), []);
  });
}

test('the docs config asks for no edit links or last-update dates (the doc footer shows none)', () => {
  const config = fs.readFileSync(path.join(SITE_DIR, 'docusaurus.config.ts'), 'utf8') + fs.readFileSync(path.join(SITE_DIR, 'src', 'data', 'versions.ts'), 'utf8');
  for (const option of ['editUrl', 'showLastUpdateTime', 'showLastUpdateAuthor']) {
    assert.doesNotMatch(config, new RegExp(`\\b${option}\\s*:`), `${option} is set, but src/theme/DocItem/Footer replaces the theme's footer that would show it`);
  }
});
