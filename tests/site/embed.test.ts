/**
 * The listing pipeline: regions are cut exactly, markers never leak, and
 * every kind of bad input fails with a message naming the MDX file and the
 * example path or region.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cutListing, regionNames, examplesRootFor, SITE_DIR} from '../../src/remark/examples';
import remarkEmbedExamples, {embeddedFiles, parseEmbedMeta} from '../../src/remark/embed-examples';
// The CommonJS loader the bundler uses; it must agree with embeddedFiles().
import loader from '../../src/remark/example-dependencies-loader.cjs';

const SAMPLE = [
  '# a config file',
  '# docs:region outer',
  'options:',
  '  # docs:region inner',
  '  port:',
  '    type: int',
  '  # docs:endregion inner',
  '# docs:endregion outer',
  'tail: 1',
].join('\n');

test('a whole file is shown without any marker lines', () => {
  const out = cutListing(SAMPLE, undefined, 'x.yaml');
  assert.equal(out, '# a config file\noptions:\n  port:\n    type: int\ntail: 1');
});

test('a region is cut, dedented, and nested markers are removed', () => {
  assert.equal(cutListing(SAMPLE, 'inner', 'x.yaml'), 'port:\n  type: int');
  assert.equal(cutListing(SAMPLE, 'outer', 'x.yaml'), 'options:\n  port:\n    type: int');
});

test('markers in other comment syntaxes are recognised', () => {
  const html = '<p>a</p>\n<!-- docs:region hero -->\n<h1>Hi</h1>\n<!-- docs:endregion hero -->';
  assert.equal(cutListing(html, 'hero', 'i.html'), '<h1>Hi</h1>');
  const css = '/* docs:region c */\nbody {}\n/* docs:endregion c */';
  assert.equal(cutListing(css, 'c', 's.css'), 'body {}');
});

test('a missing region names the file and lists the regions it has', () => {
  assert.throws(() => cutListing(SAMPLE, 'nope', 'examples/x.yaml'),
    /region "nope" not found in examples\/x\.yaml \(regions there: outer, inner\)/);
});

test('unbalanced markers are errors naming the file and line', () => {
  const unclosed = SAMPLE.replace('# docs:endregion outer\n', '');
  assert.throws(() => regionNames(unclosed, 'f.yaml'), /f\.yaml: region "outer" is never closed/);
  const crossed = '# docs:region a\n# docs:region b\n# docs:endregion a\n# docs:endregion b';
  assert.throws(() => regionNames(crossed, 'f.py'), /f\.py:3: "docs:endregion a" does not close the open region "b"/);
  assert.throws(() => regionNames('# docs:region a\n# docs:endregion a\n# docs:region a\n# docs:endregion a', 'f.py'),
    /region "a" is defined twice/);
});

test('fence meta: file and region are taken out, the rest kept', () => {
  assert.deepEqual(parseEmbedMeta('file=02-x/a.py region=r {2-3} showLineNumbers'),
    {file: '02-x/a.py', region: 'r', rest: '{2-3} showLineNumbers'});
  assert.equal(parseEmbedMeta('title="a"'), null);
  assert.throws(() => parseEmbedMeta('file=a.py title="b"'), /title/);
});

test('released versions read their own examples snapshot', () => {
  assert.equal(examplesRootFor(path.join(SITE_DIR, 'docs/a.mdx')), path.join(SITE_DIR, 'examples'));
  assert.equal(examplesRootFor(path.join(SITE_DIR, 'versioned_docs/version-1.0/a.mdx')),
    path.join(SITE_DIR, 'versioned_examples/version-1.0'));
});

interface SeenCode {lang: string; meta: string; value: string}

/**
 * Compile an MDX string as if it were docs/<name> with our plugin, and
 * record the code nodes as Docusaurus's CodeBlock would receive them.
 */
async function compileDoc(name: string, body: string, seen: SeenCode[] = []): Promise<string> {
  const capture = () => (tree: {children: SeenCode[] & {type?: string}[]}) => {
    for (const node of tree.children) if ((node as {type?: string}).type === 'code') seen.push(node as SeenCode);
  };
  // @mdx-js/mdx is ESM-only; this test file is compiled as CommonJS.
  const {compile} = await import('@mdx-js/mdx');
  const out = await compile({value: body, path: path.join(SITE_DIR, 'docs', name)}, {
    remarkPlugins: [remarkEmbedExamples, capture],
  });
  return String(out);
}

/** A throwaway example file under examples/, removed after the test. */
function withExample(rel: string, text: string | Buffer, fn: () => Promise<void>) {
  const abs = path.join(SITE_DIR, 'examples', rel);
  fs.mkdirSync(path.dirname(abs), {recursive: true});
  fs.writeFileSync(abs, text);
  return fn().finally(() => fs.rmSync(path.join(SITE_DIR, 'examples', rel.split('/')[0]), {recursive: true, force: true}));
}

test('an MDX fence is filled from the file and titled with its path', () =>
  withExample('zz-embed-test/conf.yaml', SAMPLE, async () => {
    const seen: SeenCode[] = [];
    const js = await compileDoc('probe.mdx', '```yaml file=zz-embed-test/conf.yaml region=inner {2}\n```\n', seen);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].value, 'port:\n  type: int');
    assert.equal(seen[0].meta, 'title="examples/zz-embed-test/conf.yaml" {2}');
    assert.doesNotMatch(js, /docs:region/);
  }));

test('a missing region fails the compile naming the MDX file, line and region', () =>
  withExample('zz-embed-test/conf.yaml', SAMPLE, async () => {
    await assert.rejects(compileDoc('probe.mdx', 'Text\n\n```yaml file=zz-embed-test/conf.yaml region=gone\n```\n'),
      /docs\/probe\.mdx:3: region "gone" not found in examples\/zz-embed-test\/conf\.yaml/);
  }));

test('a missing file fails the compile naming the MDX file and the path', async () => {
  await assert.rejects(compileDoc('probe.mdx', '```python file=no-such/x.py\n```\n'),
    /docs\/probe\.mdx:1: examples\/no-such\/x\.py does not exist/);
});

test('a fence that names a file and also has pasted code is refused', () =>
  withExample('zz-embed-test/conf.yaml', SAMPLE, async () => {
    await assert.rejects(compileDoc('probe.mdx', '```yaml file=zz-embed-test/conf.yaml\npasted: 1\n```\n'),
      /has pasted content/);
  }));

test('paths may not escape examples/', async () => {
  await assert.rejects(compileDoc('probe.mdx', '```text file=../package.json\n```\n'), /outside examples/);
});

test('a symbolic link that leads out of examples/ is refused', () =>
  withExample('zz-embed-test/conf.yaml', SAMPLE, async () => {
    fs.symlinkSync(path.join(SITE_DIR, 'package.json'), path.join(SITE_DIR, 'examples', 'zz-embed-test', 'link.json'));
    await assert.rejects(compileDoc('probe.mdx', '```json file=zz-embed-test/link.json\n```\n'), /docs\/probe\.mdx:1: file=zz-embed-test\/link\.json is a link to .*package\.json, outside examples\//);
  }));

test('a misspelt file= or a region= alone is refused, not shown as an empty block', async () => {
  await assert.rejects(compileDoc('probe.mdx', 'Text\n\n```yaml flie=a/b.yaml\n```\n'), /docs\/probe\.mdx:3: an empty code block \(flie=a\/b\.yaml\)/);
  await assert.rejects(compileDoc('probe.mdx', '```yaml region=x\n```\n'), /docs\/probe\.mdx:1: region= without file=/);
});

test('a highlight range outside the listing is refused', () =>
  withExample('zz-embed-test/conf.yaml', SAMPLE, async () => {
    await assert.rejects(compileDoc('probe.mdx', '```yaml file=zz-embed-test/conf.yaml region=inner {2-3}\n```\n'),
      /highlight \{2-3\} is outside the listing: examples\/zz-embed-test\/conf\.yaml region "inner" has 2 lines/);
  }));

test('a file that is not UTF-8, has a NUL byte, or is a folder is refused naming it', async () => {
  await withExample('zz-embed-test/bad.txt', Buffer.from('fine\ncaf\xe9\n', 'latin1'), async () => {
    await assert.rejects(compileDoc('probe.mdx', '```text file=zz-embed-test/bad.txt\n```\n'), /examples\/zz-embed-test\/bad\.txt:2: not valid UTF-8/);
  });
  await withExample('zz-embed-test/nul.txt', 'one\ntwo\0\n', async () => {
    await assert.rejects(compileDoc('probe.mdx', '```text file=zz-embed-test/nul.txt\n```\n'), /examples\/zz-embed-test\/nul\.txt:2: a NUL byte/);
  });
  await withExample('zz-embed-test/sub/x.txt', 'x\n', async () => {
    await assert.rejects(compileDoc('probe.mdx', '```text file=zz-embed-test/sub\n```\n'), /examples\/zz-embed-test\/sub is a folder; file= names a file/);
  });
});

test('the one bundler loader makes a doc depend on its listings, zip folder, metrics and compared folders', () => {
  const doc = path.join(SITE_DIR, 'versioned_docs', 'version-9.9', 'x.mdx');
  const root = path.join(SITE_DIR, 'versioned_examples', 'version-9.9');
  const source = [
    '```py file=02-a/reactive/a.py region=x',
    '```',
    '<ExampleFolder folder="03-b" />',
    '<ExampleMetric measure="lines" file="04-c/layer.yaml" />',
    '<ExampleMetric measure="files" folder="05-d" />',
    '<ExampleChanges from="06-e" to="07-f" />',
  ].join('\n');
  const files: string[] = [];
  const dirs: string[] = [];
  const out = loader.call({resourcePath: doc, addDependency: (f) => files.push(f), addContextDependency: (d) => dirs.push(d)}, source);
  assert.equal(out, source, 'the loader must pass the source through unchanged');
  const rel = (list: string[]) => list.map((p) => path.relative(root, p)).sort();
  assert.deepEqual(rel(files), ['02-a/reactive/a.py', '04-c/layer.yaml']);
  assert.deepEqual(rel(dirs), ['03-b', '05-d', '06-e', '07-f']);
});

test('the bundler loader and the remark plugin agree on what each doc embeds', () => {
  const docsDir = path.join(SITE_DIR, 'docs');
  const docs = fs.existsSync(docsDir) ? fs.readdirSync(docsDir).filter((f) => /\.mdx?$/.test(f)) : [];
  for (const doc of docs) {
    const abs = path.join(docsDir, doc);
    const src = fs.readFileSync(abs, 'utf8');
    assert.deepEqual(loader.embeddedFiles(src, abs).sort(), embeddedFiles(src, abs).sort(), doc);
  }
  const tmp = path.join(os.tmpdir(), 'x.mdx');
  const src = '```py file=a/b.py region=x\n```\n~~~yaml file=c.yaml\n~~~\n';
  assert.deepEqual(loader.embeddedFiles(src, tmp), embeddedFiles(src, tmp));
  assert.equal(embeddedFiles(src, tmp).length, 2);
});
