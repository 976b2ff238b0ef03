/**
 * <ExampleFolder folder="..." /> at build time (src/remark/example-folder.ts):
 * a folder that does not exist fails the compile naming the doc, its line
 * and the folder; an existing one gets the file count and size of the zip
 * the site serves, recomputed when the folder changes. Also the zip itself
 * (src/lib/example-downloads.ts): which files, and the same bytes whatever
 * the files' timestamps, creation order or the machine's time zone.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {unzipSync} from 'fflate';
import {SITE_DIR} from '../../src/remark/examples';
import remarkExampleFolder, {TAG, docsVersionOf} from '../../src/remark/example-folder';
import {exampleFolders, folderFiles, zipFolder} from '../../src/lib/example-downloads';
import {describeZip, downloadPath} from '../../src/lib/download-path';
import loader from '../../src/remark/example-dependencies-loader.cjs';

/** A throwaway examples root (outside git, so the directory walk is used). */
function tempRoot(files: Record<string, string>, order: 'forward' | 'reverse' = 'forward') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'example-folder-'));
  const names = Object.keys(files);
  for (const rel of order === 'forward' ? names : names.reverse()) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), {recursive: true});
    fs.writeFileSync(path.join(root, rel), files[rel]);
  }
  return {root, done: () => fs.rmSync(root, {recursive: true, force: true})};
}

const DEMO = {
  '05-demo/layer.yaml': 'includes: ["layer:basic"]\n',
  '05-demo/reactive/demo.py': 'print("hello")\n',
  '05-demo/sites/default/index.html': '<p>hi</p>\n',
  // Build leftovers the download must not carry.
  '05-demo/reactive/__pycache__/demo.cpython-312.pyc': 'junk',
  '05-demo/.DS_Store': 'junk',
};

async function compileWith(root: string, body: string): Promise<string> {
  // @mdx-js/mdx is ESM-only; this test file is compiled as CommonJS.
  const {compile} = await import('@mdx-js/mdx');
  const out = await compile(
    {value: body, path: path.join(SITE_DIR, 'docs', 'probe.mdx')},
    {remarkPlugins: [[remarkExampleFolder, {root}]]},
  );
  return String(out);
}

test('a folder that does not exist fails the compile naming the doc, line and folder', async () => {
  const t = tempRoot(DEMO);
  try {
    await assert.rejects(
      compileWith(t.root, `# Probe\n\nText.\n\n<${TAG} folder="06-missing" />\n`),
      /\[example-folder\] docs\/probe\.mdx:5: <ExampleFolder folder="06-missing"> names .*06-missing\/, which does not exist/,
    );
    await assert.rejects(compileWith(t.root, `<${TAG} folder="../05-demo" />\n`), /must name one folder/);
    await assert.rejects(compileWith(t.root, `<${TAG} />\n`), /needs folder="NN-slug"/);
  } finally {
    t.done();
  }
});

test('an existing folder gets its zip’s URL, file count and size as props', async () => {
  const t = tempRoot(DEMO);
  try {
    const zip = zipFolder(t.root, '05-demo');
    const out = await compileWith(t.root, `<${TAG} folder="05-demo" />\n`);
    const props = (files: number, bytes: number) =>
      new RegExp(`folder: "05-demo",\\s*href: "/downloads/next/05-demo\\.zip",\\s*summary: "${describeZip(files, bytes)}"`);
    assert.match(out, props(3, zip.bytes.length));
    // One more file: the figures follow.
    fs.writeFileSync(path.join(t.root, '05-demo', 'config.yaml'), 'options: {}\n');
    const again = await compileWith(t.root, `<${TAG} folder="05-demo" />\n`);
    assert.match(again, props(4, zipFolder(t.root, '05-demo').bytes.length));
  } finally {
    t.done();
  }
});

test('the zip holds exactly the folder’s files, rooted at the folder, with their bytes', () => {
  const t = tempRoot(DEMO);
  try {
    const zip = zipFolder(t.root, '05-demo');
    const unzipped = unzipSync(zip.bytes);
    assert.deepEqual(Object.keys(unzipped), [
      '05-demo/layer.yaml',
      '05-demo/reactive/demo.py',
      '05-demo/sites/default/index.html',
    ]);
    assert.deepEqual(Object.keys(unzipped), zip.entries);
    for (const [name, bytes] of Object.entries(unzipped)) {
      assert.deepEqual(Buffer.from(bytes), fs.readFileSync(path.join(t.root, name)), name);
    }
  } finally {
    t.done();
  }
});

test('in a git checkout the zip lists the tracked files (real examples/)', () => {
  const files = folderFiles(path.join(SITE_DIR, 'examples'), '05-configuration');
  assert.ok(files.includes('reactive/docker_webapp.py'));
  assert.ok(!files.some((f) => /__pycache__|\.pyc$|\.DS_Store/.test(f)), files.join(', '));
  assert.deepEqual(files, [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
});

test('the zip is the same bytes whatever the timestamps, write order or time zone', () => {
  const a = tempRoot(DEMO, 'forward');
  const b = tempRoot(DEMO, 'reverse');
  const tz = process.env.TZ;
  try {
    const past = new Date('2001-02-03T04:05:06Z');
    for (const rel of Object.keys(DEMO)) fs.utimesSync(path.join(a.root, rel), past, past);
    const first = zipFolder(a.root, '05-demo').bytes;
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: a different local date
    const second = zipFolder(b.root, '05-demo').bytes;
    assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'two zips of the same files differ');
  } finally {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
    a.done();
    b.done();
  }
});

test('the download label and URL', () => {
  assert.equal(docsVersionOf(path.join(SITE_DIR, 'docs', '05-configuration.mdx')), 'current');
  assert.equal(docsVersionOf(path.join(SITE_DIR, 'versioned_docs', 'version-1.0', 'faq', 'x.mdx')), '1.0');
  assert.equal(describeZip(12, 15379), '12 files, 15 KB');
  assert.equal(describeZip(3, 2150), '3 files, 2.1 KB');
  assert.equal(describeZip(1, 500), '1 file, 500 bytes');
  assert.equal(downloadPath('current', '05-configuration'), '/downloads/next/05-configuration.zip');
  assert.equal(downloadPath('1.0', '05-configuration'), '/downloads/1.0/05-configuration.zip');
});

test('the loader makes a page depend on the folder its <ExampleFolder /> names', () => {
  const src = `Text.\n\n<${TAG} folder="05-configuration" />\n`;
  assert.deepEqual(loader.exampleFolderDirs(src, path.join(SITE_DIR, 'docs', 'x.mdx')), [
    path.join(SITE_DIR, 'examples', '05-configuration'),
  ]);
  assert.deepEqual(loader.exampleFolderDirs(src, path.join(SITE_DIR, 'versioned_docs', 'version-1.0', 'x.mdx')), [
    path.join(SITE_DIR, 'versioned_examples', 'version-1.0', '05-configuration'),
  ]);
});

test('a folder with no file in git gets no zip; in a checkout without git, an empty one fails naming the fix', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'folders-'));
  try {
    const root = path.join(repo, 'examples');
    fs.mkdirSync(path.join(root, '01-kept'), {recursive: true});
    fs.writeFileSync(path.join(root, '01-kept', 'layer.yaml'), 'includes: [layer:basic]\n');
    fs.mkdirSync(path.join(root, '02-empty'));
    fs.mkdirSync(path.join(root, '03-cache', '__pycache__'), {recursive: true});
    fs.writeFileSync(path.join(root, '03-cache', '__pycache__', 'x.pyc'), '');
    // Without git every folder counts, and the empty one is an error.
    assert.deepEqual(exampleFolders(root), ['01-kept', '02-empty', '03-cache']);
    assert.throws(() => folderFiles(root, '02-empty'), /02-empty has no files to download: add \(and commit\) its files, or remove the folder/);
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.email=t@example.test', '-c', 'user.name=t', ...args], {cwd: repo, encoding: 'utf8'});
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    git('add', 'examples/01-kept');
    assert.deepEqual(exampleFolders(root), ['01-kept']);
  } finally {
    fs.rmSync(repo, {recursive: true, force: true});
  }
});
