/**
 * "Download this chapter's code" as a reader uses it: on a chapter page of
 * each docs version, click the download link at the end, take the file the
 * browser saves, unzip it and compare it with that version's example
 * folder (file list from git, every file's bytes). The repository link
 * next to it must be pinned to a full commit hash, never a branch, and for a
 * release point into that release's examples snapshot.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {unzipSync} from 'fflate';
import {useSiteAndBrowser, browserTests, contextWithoutServiceWorker} from './browser';
import {settle, pageProblems} from './site';
import {SITE_DIR} from '../../src/remark/examples';
import {releasedVersions} from '../../src/data/versions';

/** The chapter whose download is tried, and the folder its summary names. */
const CHAPTER_SLUG = 'configuration';

interface Case {
  version: string;
  page: string;
  docFile: string;
  examplesDir: string;
  /** What the repository link's ref must look like. */
  pinned: RegExp;
}

function cases(): Case[] {
  const released = releasedVersions();
  const docFile = (dir: string) =>
    fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => /\.mdx?$/.test(f) && new RegExp(`^slug:\\s*/${CHAPTER_SLUG}\\s*$`, 'm').test(fs.readFileSync(f, 'utf8')));
  const out: Case[] = [
    {
      version: 'Next',
      page: released.length > 0 ? `/docs/next/${CHAPTER_SLUG}` : `/docs/${CHAPTER_SLUG}`,
      docFile: docFile(path.join(SITE_DIR, 'docs'))!,
      examplesDir: path.join(SITE_DIR, 'examples'),
      pinned: /\/tree\/[0-9a-f]{40}\/examples\//,
    },
    ...released.map((v, i) => ({
      version: v,
      page: i === 0 ? `/docs/${CHAPTER_SLUG}` : `/docs/${v}/${CHAPTER_SLUG}`,
      docFile: docFile(path.join(SITE_DIR, 'versioned_docs', `version-${v}`))!,
      examplesDir: path.join(SITE_DIR, 'versioned_examples', `version-${v}`),
      // The build commit, inside that version's examples snapshot.
      pinned: new RegExp(`/tree/[0-9a-f]{40}/versioned_examples/version-${v.replace(/\./g, '\\.')}/`),
    })),
  ];
  return out;
}

function gitTracked(dir: string): string[] {
  const res = spawnSync('git', ['ls-files', '-z', '--', '.'], {cwd: dir, encoding: 'utf8'});
  assert.equal(res.status, 0, `git ls-files failed in ${dir}: ${res.stderr}`);
  return res.stdout.split('\0').filter(Boolean).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

browserTests(() => {
  const site = useSiteAndBrowser();

  for (const c of cases()) {
    test(`${c.version}: ${c.page} downloads its example folder as a zip, and links the code at a fixed ref`, async () => {
      assert.ok(c.docFile, `no doc with slug /${CHAPTER_SLUG} for version ${c.version}`);
      const folder = /<ExampleFolder\b[^>]*\bfolder="([^"]+)"/.exec(fs.readFileSync(c.docFile, 'utf8'))?.[1];
      assert.ok(folder, `${c.docFile} has no <ExampleFolder folder="...">`);

      const context = await contextWithoutServiceWorker(site.browser, {acceptDownloads: true});
      const page = await context.newPage();
      const problems = await pageProblems(page, site.origin);
      await page.goto(site.origin + c.page);
      await settle(page);

      const link = page.getByRole('link', {name: new RegExp(`^Download examples/${folder}/ as a zip \\(\\d+ files?, [\\d.]+ (KB|bytes)\\)$`)});
      await link.scrollIntoViewIfNeeded();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), `${folder}.zip`);
      const saved = await download.path();
      const entries = unzipSync(new Uint8Array(fs.readFileSync(saved)));

      const expected = gitTracked(path.join(c.examplesDir, folder)).map((f) => `${folder}/${f}`);
      assert.deepEqual(Object.keys(entries), expected, 'the zip’s files differ from the folder’s');
      for (const name of expected) {
        assert.ok(
          Buffer.from(entries[name]).equals(fs.readFileSync(path.join(c.examplesDir, name))),
          `${name} in the download differs from ${path.relative(SITE_DIR, path.join(c.examplesDir, name))}`,
        );
      }
      // The label's count is the zip's.
      const label = (await link.textContent()) ?? '';
      assert.match(label, new RegExp(`\\(${expected.length} files?, `));

      // The finished-code paragraph links the folder, and so does the
      // "what changed" section of a chapter with a predecessor: all pinned.
      const repoLinks = await page.getByRole('link', {name: `examples/${folder}/`, exact: true}).all();
      assert.ok(repoLinks.length >= 1, `no repository link to examples/${folder}/`);
      for (const repoLink of repoLinks) {
        const repoHref = await repoLink.getAttribute('href');
        assert.match(repoHref ?? '', c.pinned, `repository link not pinned: ${repoHref}`);
        assert.ok(repoHref?.endsWith(`/${folder}`), `repository link not to the folder ${folder}: ${repoHref}`);
      }

      assert.deepEqual(problems(), []);
      await context.close();
    });
  }
});
