/**
 * "What changed since the previous part" (<ExampleChanges />): the diff of
 * two example folders computed at build time (src/remark/folder-changes.ts),
 * the remark plugin that puts its summary into the page, and the tags the
 * chapters carry. Folders are built in a temporary examples root, so each
 * expectation follows from files written here.
 */
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import {compareFolders, languageOf, splitChanges, type FolderChanges} from '../../src/remark/folder-changes';
import remarkExampleChanges from '../../src/remark/embed-example-changes';
import {exampleChangesTags} from '../../src/remark/example-dependencies-loader.cjs';
import {changeAssets} from '../../src/plugins/example-changes';
import {listFiles} from './pasted-code';

const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'example-changes-'));
after(() => fs.rmSync(ROOT, {recursive: true, force: true}));

function write(rel: string, text: string): void {
  const abs = path.join(ROOT, rel);
  fs.mkdirSync(path.dirname(abs), {recursive: true});
  fs.writeFileSync(abs, text);
}

// a -> b: one file kept, one kept apart from where its region markers sit,
// one changed (with markers), one removed, one added, and bytecode that
// must not count.
write('a/same.txt', 'one\ntwo\n');
write('a/moved-marker.py', 'x = 1\n# docs:region r\ny = 2\n# docs:endregion r\n');
write('b/moved-marker.py', '# docs:region r\nx = 1\ny = 2\n# docs:endregion r\n');
write('b/same.txt', 'one\ntwo\n');
write('a/app/main.py', ['import os', '', '# docs:region body', 'def run():', '    return 1', '# docs:endregion body', ''].join('\n'));
write('b/app/main.py', ['import os', '', '# docs:region body', 'def run():', '    return 2', '# docs:endregion body', ''].join('\n'));
write('a/old.yaml', 'gone: true\n');
write('b/new.md', '# Title\n\nText\n');
write('b/app/__pycache__/main.cpython-311.pyc', '\u0000bytes');

const byPath = (c: FolderChanges) => Object.fromEntries(c.files.map((f) => [f.path, f]));

test('files are sorted into added, removed, changed and unchanged, bytecode left out', () => {
  const files = byPath(compareFolders(ROOT, 'a', 'b'));
  assert.deepEqual(
    Object.fromEntries(Object.entries(files).map(([p, f]) => [p, f.status])),
    {'app/main.py': 'changed', 'moved-marker.py': 'unchanged', 'new.md': 'added', 'old.yaml': 'removed', 'same.txt': 'unchanged'},
  );
});

test('a changed file gets hunks with its +/- lines and counts, markers stripped', () => {
  const main = byPath(compareFolders(ROOT, 'a', 'b'))['app/main.py'];
  assert.equal(main.added, 1);
  assert.equal(main.removed, 1);
  assert.equal(main.language, 'python');
  const lines = main.diff!.split('\n');
  assert.match(lines[0], /^@@ -\d+,\d+ \+\d+,\d+ @@$/);
  assert.ok(lines.includes('-    return 1'), main.diff);
  assert.ok(lines.includes('+    return 2'), main.diff);
  assert.ok(lines.includes(' def run():'), 'unchanged context lines are kept');
  assert.doesNotMatch(main.diff!, /docs:(end)?region/);
  assert.doesNotMatch(main.diff!, /No newline at end of file/);
  assert.equal(main.whole, 'import os\n\ndef run():\n    return 2');
});

test('added and removed files are diffed against nothing', () => {
  const files = byPath(compareFolders(ROOT, 'a', 'b'));
  assert.deepEqual([files['new.md'].added, files['new.md'].removed], [3, 0]);
  assert.equal(files['new.md'].diff, '@@ -0,0 +1,3 @@\n+# Title\n+\n+Text');
  assert.equal(files['new.md'].whole, '# Title\n\nText');
  assert.deepEqual([files['old.yaml'].added, files['old.yaml'].removed], [0, 1]);
  assert.equal(files['old.yaml'].diff, '@@ -1,1 +0,0 @@\n-gone: true');
  assert.equal(files['old.yaml'].whole, undefined, 'a removed file has no new text');
});

test('three lines of context around a change, separate hunks far apart', () => {
  const long = Array.from({length: 30}, (_, i) => `line ${i + 1}`);
  write('c/long.txt', long.join('\n'));
  write('d/long.txt', long.map((l, i) => (i === 4 || i === 24 ? `${l} changed` : l)).join('\n'));
  const {diff} = byPath(compareFolders(ROOT, 'c', 'd'))['long.txt'];
  assert.deepEqual(diff!.split('\n').filter((l) => l.startsWith('@@')), ['@@ -2,7 +2,7 @@', '@@ -22,7 +22,7 @@']);
});

test('the page gets a summary without diff text; the asset holds it under a content hash', () => {
  const changes = compareFolders(ROOT, 'a', 'b');
  const {summary, asset} = splitChanges(changes);
  assert.doesNotMatch(JSON.stringify(summary), /return 2/);
  assert.equal(summary.bodies, `/${asset.name}`);
  assert.match(asset.name, /^assets\/example-changes\/a\.\.b\.[0-9a-f]{10}\.json$/);
  const bodies = JSON.parse(asset.json);
  assert.deepEqual(Object.keys(bodies).sort(), ['app/main.py', 'new.md', 'old.yaml']);
  assert.equal(bodies['app/main.py'].whole, 'import os\n\ndef run():\n    return 2');
  write('b/new.md', '# Title\n\nOther text\n');
  const again = splitChanges(compareFolders(ROOT, 'a', 'b'));
  write('b/new.md', '# Title\n\nText\n');
  assert.notEqual(again.asset.name, asset.name, 'new content, new name');
});

test('an unknown folder is an error naming the folder and the root', () => {
  assert.throws(() => compareFolders(ROOT, 'a', 'zz-missing'), /no example folder "zz-missing" in .*folders there: a, b/);
  assert.throws(() => compareFolders(ROOT, '../a', 'b'), /no example folder "\.\.\/a"/);
});

test('unbalanced region markers fail naming the file', () => {
  write('e/bad.py', '# docs:region open\nx = 1\n');
  write('f/bad.py', 'x = 1\n');
  assert.throws(() => compareFolders(ROOT, 'e', 'f'), /e\/bad\.py: region "open" is never closed/);
});

test('languages follow the chapters\' fences', () => {
  assert.deepEqual(
    ['a.py', 'config.yaml', 'site/index.html', 'x.css', 'README.md', 'nginx/templates/default.conf.template', 'copyright', 'outputs/x.txt'].map(languageOf),
    ['python', 'yaml', 'html', 'css', 'markdown', 'nginx', 'text', 'text'],
  );
});

/** Compile MDX with the plugin and return the props the component gets. */
async function propsOf(body: string, doc = path.join(SITE_DIR, 'docs', 'probe.mdx')): Promise<Record<string, unknown>> {
  // @mdx-js/mdx is ESM-only; this test file is compiled as CommonJS.
  const {evaluate} = await import('@mdx-js/mdx');
  let props: Record<string, unknown> | undefined;
  // A runtime that calls components at once, so the props can be read without React.
  const jsx = (type: unknown, p: Record<string, unknown>) => (typeof type === 'function' ? type(p) : null);
  const {default: Content} = await evaluate({value: body, path: doc}, {
    Fragment: Symbol('Fragment'),
    jsx,
    jsxs: jsx,
    remarkPlugins: [[remarkExampleChanges, {root: ROOT, component: false}]],
  } as never);
  Content({components: {ExampleChanges: (p: Record<string, unknown>) => void (props = p)}});
  assert.ok(props, 'ExampleChanges was not rendered');
  return props;
}

test('the remark plugin hands the component the summary as a prop', async () => {
  const props = await propsOf('## Changes\n\n<ExampleChanges from="a" to="b" />\n');
  const {summary} = splitChanges(compareFolders(ROOT, 'a', 'b'));
  assert.equal(props.from, 'a');
  assert.deepEqual(props.changes, summary);
});

test('a page using the tag imports the component itself; other pages do not', async () => {
  const {compile} = await import('@mdx-js/mdx');
  const js = async (body: string) =>
    String(await compile({value: body, path: path.join(SITE_DIR, 'docs', 'probe.mdx')}, {remarkPlugins: [[remarkExampleChanges, {root: ROOT}]]}));
  const importLine = /import ExampleChanges from "@site\/src\/components\/ExampleChanges"/;
  assert.match(await js('<ExampleChanges from="a" to="b" />\n'), importLine);
  assert.doesNotMatch(await js('No tag here.\n'), importLine);
});

test('an unknown folder fails the compile naming the doc, line and folder', async () => {
  await assert.rejects(
    propsOf('Text\n\n<ExampleChanges from="a" to="zz-nope" />\n'),
    /\[example-changes\] docs\/probe\.mdx:3: no example folder "zz-nope"/,
  );
  await assert.rejects(propsOf('<ExampleChanges from="a" />\n'), /needs from="NN-slug" and to="NN-slug"/);
});

// ---------------------------------------------------------------- the docs

const docs = ['docs', 'versioned_docs']
  .flatMap((d) => listFiles(path.join(SITE_DIR, d)))
  .filter((f) => /\.mdx?$/.test(f));

test('the loader finds every tag, and each chapter compares the previous folder with its own', () => {
  let found = 0;
  for (const doc of docs) {
    const label = path.relative(SITE_DIR, doc);
    const source = fs.readFileSync(doc, 'utf8');
    const tags = exampleChangesTags(source, doc);
    assert.equal(tags.length, (source.match(/<ExampleChanges\b/g) ?? []).length, `${label}: a tag the loader cannot read`);
    for (const {root, from, to} of tags) {
      found++;
      const folder = /<ExampleFolder folder="([^"]+)"/.exec(source)?.[1];
      assert.equal(to, folder, `${label}: <ExampleChanges to> should be the chapter's own folder`);
      assert.ok(from < to, `${label}: from="${from}" does not come before to="${to}"`);
      // Throws, naming the folder, if either is missing from this version.
      compareFolders(root, from, to);
    }
  }
  assert.ok(found >= 12, `expected the six chapters of both versions to carry a tag, found ${found}`);
});

test('the plugin emits one asset for each pair the docs compare', () => {
  const assets = changeAssets();
  const wanted = new Set(
    docs.flatMap((doc) =>
      exampleChangesTags(fs.readFileSync(doc, 'utf8'), doc).map((t) => splitChanges(compareFolders(t.root, t.from, t.to)).asset.name),
    ),
  );
  assert.deepEqual([...assets.keys()].sort(), [...wanted].sort());
});
