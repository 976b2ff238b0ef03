/**
 * Figures on the pages are counted in the example files at build time
 * (src/lib/example-metrics.ts, the <ExampleMetric /> tag). These tests pin
 * the counting rules and prove that a figure follows its example: change
 * the file (in a temporary examples folder) and the number on the page
 * changes.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import {
  codeLineMask,
  countFunctionLines,
  countHandlers,
  countOccurrences,
  countRegionLines,
  fileStats,
  functionsContaining,
  listHandlers,
  measure,
  requestPaths,
} from '../../src/lib/example-metrics';
import remarkExampleMetrics, {TAG} from '../../src/lib/remark-example-metrics';
import loader from '../../src/remark/example-dependencies-loader.cjs';
import {listFiles} from './pasted-code';

const HANDLERS_PY = [
  '"""Module docstring.',
  '',
  'Spread over lines."""',
  'from charms.reactive import hook, when',
  "RUNNING = 'app.running'",
  '',
  '',
  "@hook('install')",
  'def install():',
  '    """One-line docstring."""',
  '    # a comment',
  '    log("installing")',
  '',
  '',
  '# docs:region relation-stub',
  '@hook(',
  "    '{requires:http}-relation-joined',",
  "    '{requires:http}-relation-changed',",
  ')',
  'def website_changed():',
  '    """Publish our address.',
  '',
  '    Longer text.',
  '    """',
  "    if not is_flag_set('docker.available'):",
  '        return',
  '',
  '    relation_set(hostname=address(),',
  '                 port=port())',
  '# docs:endregion relation-stub',
  '',
  '',
  "@when('docker.available')",
  '@when_not(RUNNING)',
  'def start():',
  "    if is_flag_set('docker.available'):  # guard",
  '        run()',
  '',
  '',
  'def helper(',
  '    a,',
  '):',
  '    return a',
  '',
].join('\n');

/** A throw-away examples root holding one layer, 99-demo/. */
function tempRoot(): {root: string; file: string; write(text: string): void; done(): void} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-'));
  const file = '99-demo/reactive/demo.py';
  fs.mkdirSync(path.join(root, '99-demo', 'reactive'), {recursive: true});
  fs.writeFileSync(path.join(root, '99-demo', 'README.md'), '# Demo\n\nA layer.\n');
  const write = (text: string) => fs.writeFileSync(path.join(root, file), text);
  write(HANDLERS_PY);
  return {root, file, write, done: () => fs.rmSync(root, {recursive: true, force: true})};
}

test('code lines leave out blanks, comments, docstrings and markers', () => {
  const lines = ['"""Doc', 'more"""', '', '# c', 'x = 1', "s = '''not a doc'''", '    r"""raw doc"""', '# docs:region a'];
  assert.deepEqual(codeLineMask(lines, '.py'), [false, false, false, false, true, true, false, false]);
  // Outside Python, YAML and shell, `#` is not a comment.
  assert.deepEqual(codeLineMask(['# heading', '', 'text'], '.md'), [true, false, true]);
});

test('regions, functions and handlers (constants resolved) are counted as a reader would', () => {
  const t = tempRoot();
  try {
    const o = {root: t.root};
    assert.equal(countRegionLines(t.file, 'relation-stub', o), 9);
    assert.equal(countRegionLines(t.file, 'relation-stub', {...o, kind: 'all'}), 14);
    assert.equal(countFunctionLines(t.file, 'install', o), 2);
    assert.equal(countFunctionLines(t.file, 'helper', o), 4);
    assert.deepEqual(listHandlers(t.file, o), [
      {name: 'install', line: 9, kinds: ['hook'], hooks: ['install'], flags: []},
      {
        name: 'website_changed',
        line: 20,
        kinds: ['hook'],
        hooks: ['{requires:http}-relation-joined', '{requires:http}-relation-changed'],
        flags: [],
      },
      {name: 'start', line: 35, kinds: ['when', 'when_not'], flags: ['docker.available', 'app.running'], hooks: []},
    ]);
    assert.equal(countHandlers(t.file, {...o, decorator: 'hook'}), 2);
    assert.equal(countHandlers(t.file, {...o, hook: '-relation-changed'}), 1);
    assert.equal(countHandlers(t.file, {...o, hook: '-relation-'}), 1);
    assert.equal(countHandlers(t.file, {...o, hook: 'relation'}), 0);
    assert.equal(countHandlers(t.file, {...o, hook: 'install'}), 1);
    // install: def + log; website_changed: def, if, return, relation_set x2; start: def, if, run.
    assert.equal(measure({measure: 'handler-code-lines', file: t.file}, t.root), 2 + 5 + 3);
    assert.equal(measure({measure: 'handler-code-lines', file: t.file, decorator: 'when'}, t.root), 3);
    // The comment after the code does not hide the line; the docstring is not code.
    assert.equal(countOccurrences('99-demo', "is_flag_set('docker.available')", o), 2);
    assert.deepEqual(functionsContaining(t.file, "is_flag_set('docker.available')", o), ['website_changed', 'start']);
    assert.deepEqual(fileStats('99-demo', o).totals, {files: 2, lines: 44, codeLines: 25});
  } finally {
    t.done();
  }
});

test('every figure changes when the example file changes', () => {
  const t = tempRoot();
  try {
    const o = {root: t.root};
    const requests = [
      {measure: 'code-lines', file: t.file, region: 'relation-stub'},
      {measure: 'handlers', file: t.file},
      {measure: 'occurrences', folder: '99-demo', text: "is_flag_set('docker.available')"},
      {measure: 'folder-code-lines', folder: '99-demo'},
    ];
    const before = requests.map((r) => measure(r, t.root));
    t.write(
      HANDLERS_PY.replace(
        '# docs:endregion relation-stub',
        "    relation_set(extra=1)\n# docs:endregion relation-stub\n\n\n@hook('stop')\ndef stop():\n" +
          "    if is_flag_set('docker.available'):\n        rm()\n",
      ),
    );
    const after = requests.map((r) => measure(r, t.root));
    assert.deepEqual(after, [before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 5]);
    assert.equal(countHandlers(t.file, {...o, hook: 'stop'}), 1);
  } finally {
    t.done();
  }
});

test('bad requests fail with a message that names what is missing', () => {
  const t = tempRoot();
  try {
    assert.throws(() => measure({measure: 'code-lines', file: t.file, region: 'nope'}, t.root), /region "nope" not found.*relation-stub/);
    assert.throws(() => measure({measure: 'code-lines', file: t.file, function: 'nope'}, t.root), /no function nope\(\)/);
    assert.throws(() => measure({measure: 'code-lines', file: '99-demo/gone.py'}, t.root), /examples\/99-demo\/gone.py does not exist/);
    // A released version's figures name its snapshot, not Next's examples/.
    const snapshot = path.join(SITE_DIR, 'versioned_examples', 'version-1.0');
    assert.throws(() => measure({measure: 'code-lines', file: '99-demo/gone.py'}, snapshot), /^Error: versioned_examples\/version-1\.0\/99-demo\/gone\.py does not exist/);
    assert.throws(() => measure({measure: 'sizes', file: t.file}, t.root), /unknown measure="sizes"/);
    // An attribute the measure does not read (a misspelling lands here too, via the tag).
    assert.throws(() => measure({measure: 'files', folder: '99-demo', region: 'x'}, t.root), /measure="files" does not read region=/);
    assert.throws(() => measure({measure: 'handler-code-lines', file: t.file, hook: 'install'}, t.root), /does not read hook=/);
    assert.throws(() => measure({measure: 'occurrences', file: t.file}, t.root), /needs text=/);
    assert.throws(() => measure({measure: 'files', folder: '../..'}, t.root), /outside the examples folder/);
  } finally {
    t.done();
  }
});

async function compileWith(root: string, body: string): Promise<string> {
  // @mdx-js/mdx is ESM-only; this test file is compiled as CommonJS.
  const {compile} = await import('@mdx-js/mdx');
  const out = await compile(
    {value: body, path: path.join(SITE_DIR, 'docs', 'probe.mdx')},
    {remarkPlugins: [[remarkExampleMetrics, {root}]]},
  );
  return String(out);
}

test('the <ExampleMetric /> tag becomes the number, and follows the file', async () => {
  const t = tempRoot();
  try {
    const doc = `The stub is <${TAG} measure="code-lines" file="${t.file}" region="relation-stub" /> lines long.\n`;
    assert.match(await compileWith(t.root, doc), /The stub is 9 lines long\./);
    t.write(HANDLERS_PY.replace('# docs:endregion relation-stub', '    more()\n    more()\n# docs:endregion relation-stub'));
    assert.match(await compileWith(t.root, doc), /The stub is 11 lines long\./);
    // No component is left for the browser to render.
    assert.doesNotMatch(await compileWith(t.root, doc), new RegExp(TAG));
  } finally {
    t.done();
  }
});

test('a bad tag fails the compile naming the MDX file and line', async () => {
  const t = tempRoot();
  try {
    await assert.rejects(
      compileWith(t.root, `Intro.\n\nSee <${TAG} measure="code-lines" file="${t.file}" region="gone" />.\n`),
      /docs\/probe\.mdx:3: region "gone" not found/,
    );
    await assert.rejects(
      compileWith(t.root, `Intro.\n\nSee <${TAG} measure="code-lines" file="${t.file}" regoin="x" />.\n`),
      /docs\/probe\.mdx:3: <ExampleMetric> has no attribute regoin=/,
    );
  } finally {
    t.done();
  }
});

test('the loader registers what every tag of every doc reads', () => {
  const docs = ['docs', 'versioned_docs']
    .flatMap((d) => listFiles(path.join(SITE_DIR, d)))
    .filter((f) => /\.mdx?$/.test(f));
  const probe = `<${TAG} measure="files" folder="02-docker-layer" /> and <${TAG} measure="code-lines" file="02-docker-layer/config.yaml" />`;
  const deps = loader.metricDependencies(probe, path.join(SITE_DIR, 'docs', 'x.mdx'));
  assert.deepEqual(deps, {
    files: [path.join(SITE_DIR, 'examples', '02-docker-layer', 'config.yaml')],
    folders: [path.join(SITE_DIR, 'examples', '02-docker-layer')],
  });
  for (const doc of docs) {
    const source = fs.readFileSync(doc, 'utf8');
    const {files, folders} = loader.metricDependencies(source, doc);
    for (const tag of source.matchAll(new RegExp(`<${TAG}\\b[^>]*>`, 'g'))) {
      const attrs = Object.fromEntries([...tag[0].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      for (const rel of requestPaths(attrs as never)) {
        const known = [...files, ...folders].some((p) => p.endsWith(path.sep + rel.split('/').join(path.sep)));
        assert.ok(known, `${path.relative(SITE_DIR, doc)}: the loader does not track ${rel}`);
      }
    }
  }
});
