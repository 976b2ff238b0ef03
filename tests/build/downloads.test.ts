/**
 * The example downloads in build/ (src/plugins/example-downloads.ts): for
 * every docs version, every example folder has a zip whose entries are
 * exactly the folder's files as git tracks them, rooted at `<folder>/`, with
 * the files' bytes; rebuilding it gives the same bytes; and every chapter
 * page that names a folder links that version's zip with the zip's real
 * file count and size.
 *
 * The expected file list comes from `git ls-files` here, not from the
 * plugin's own listing, so a listing bug cannot hide itself.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {unzipSync} from 'fflate';
import {SITE_DIR} from '../../src/remark/examples';
import {releasedVersions} from '../../src/data/versions';
import {describeZip, downloadPath} from '../../src/lib/download-path';
import {zipFolder} from '../../src/lib/example-downloads';
import {listFiles} from '../site/pasted-code';

const BUILD = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build'));

interface Version {
  name: string;
  docsDir: string;
  examplesDir: string;
  /** Where this version's pages are in the build, e.g. docs/next. */
  pagesDir: string;
}

const RELEASED = releasedVersions();
const VERSIONS: Version[] = [
  {
    name: 'current',
    docsDir: path.join(SITE_DIR, 'docs'),
    examplesDir: path.join(SITE_DIR, 'examples'),
    pagesDir: RELEASED.length > 0 ? 'docs/next' : 'docs',
  },
  ...RELEASED.map((v, i) => ({
    name: v,
    docsDir: path.join(SITE_DIR, 'versioned_docs', `version-${v}`),
    examplesDir: path.join(SITE_DIR, 'versioned_examples', `version-${v}`),
    pagesDir: i === 0 ? 'docs' : `docs/${v}`,
  })),
];

/** Tracked files of a folder, relative to it, in code-unit order. */
function gitTracked(dir: string): string[] {
  const res = spawnSync('git', ['ls-files', '-z', '--', '.'], {cwd: dir, encoding: 'utf8'});
  assert.equal(res.status, 0, `git ls-files failed in ${dir}: ${res.stderr}`);
  return res.stdout.split('\0').filter(Boolean).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function subfolders(dir: string): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** {doc file, slug, folder} of every <ExampleFolder folder="..."> in a version's docs. */
function referencedFolders(v: Version): Array<{doc: string; slug: string; folder: string}> {
  return listFiles(v.docsDir)
    .filter((f) => /\.mdx?$/.test(f))
    .flatMap((doc) => {
      const source = fs.readFileSync(doc, 'utf8');
      const slug = /^slug:\s*\/?(\S+)\s*$/m.exec(/^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '')?.[1];
      return [...source.matchAll(/<ExampleFolder\b[^>]*\bfolder="([^"]+)"/g)].map((m) => ({
        doc: path.relative(SITE_DIR, doc),
        slug: slug ?? '',
        folder: m[1],
      }));
    });
}

const built = fs.existsSync(path.join(BUILD, 'index.html'));
test('the production build exists', () => {
  assert.ok(built, `no build in ${BUILD}: run \`npx docusaurus build\` first`);
});

if (built) {
  for (const v of VERSIONS) {
    for (const folder of subfolders(v.examplesDir)) {
      const url = downloadPath(v.name, folder);
      test(`${url} holds exactly ${path.relative(SITE_DIR, v.examplesDir)}/${folder}/`, () => {
        const file = path.join(BUILD, url);
        assert.ok(fs.existsSync(file), `${url} is missing from the build`);
        const zipped = fs.readFileSync(file);
        const entries = unzipSync(new Uint8Array(zipped));
        const names = Object.keys(entries);
        const expected = gitTracked(path.join(v.examplesDir, folder)).map((f) => `${folder}/${f}`);
        assert.ok(expected.length > 0, `git tracks no file in ${folder}/`);
        // Same names in the same (sorted) order: the order is part of the bytes.
        assert.deepEqual(names, expected);
        for (const name of names) {
          assert.ok(
            Buffer.from(entries[name]).equals(fs.readFileSync(path.join(v.examplesDir, name))),
            `${url}: ${name} differs from the file in the repository`,
          );
        }
        // Regenerated now, from the same files: the same bytes as the build's.
        assert.ok(Buffer.from(zipFolder(v.examplesDir, folder).bytes).equals(zipped), `${url} is not reproducible`);
      });
    }

    const refs = referencedFolders(v);
    test(`${v.name}: every chapter that names an example folder links its zip with the zip's real figures`, () => {
      assert.ok(refs.length > 0, `no <ExampleFolder> in ${path.relative(SITE_DIR, v.docsDir)}`);
      for (const {doc, slug, folder} of refs) {
        const page = path.join(BUILD, v.pagesDir, `${slug}.html`);
        assert.ok(fs.existsSync(page), `${doc}: built page ${path.relative(BUILD, page)} not found`);
        const html = fs.readFileSync(page, 'utf8');
        const url = downloadPath(v.name, folder);
        const anchor = new RegExp(`<a href="?${url.replace(/\./g, '\\.')}"? download[^>]*>([\\s\\S]*?)</a>`).exec(html);
        assert.ok(anchor, `${doc}: no <a href=${url} download> on ${path.relative(BUILD, page)}`);
        const zip = fs.readFileSync(path.join(BUILD, url));
        const files = Object.keys(unzipSync(new Uint8Array(zip))).length;
        const text = anchor[1].replace(/<!-- -->/g, '').replace(/<[^>]+>/g, '');
        assert.equal(text, `Download examples/${folder}/ as a zip (${describeZip(files, zip.length)})`, doc);
      }
    });
  }
}
