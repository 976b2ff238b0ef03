/**
 * Cut a released docs version:
 *
 *   npm run release -- <version> [--no-build]
 *
 * 1. refuses if the version exists already (versions.json,
 *    versioned_docs/version-<v>/ or versioned_examples/version-<v>/), or if
 *    examples/ has changes that are not committed: the snapshot must be
 *    code a commit (and so the test suite) has seen;
 * 2. runs `docusaurus docs:version <v>` (snapshots docs/ and the sidebar);
 * 3. copies the committed files of examples/ to
 *    versioned_examples/version-<v>/, which that version's pages embed
 *    their listings from (see examplesRootFor() in src/remark/examples.ts);
 * 4. unless --no-build: builds the site and adds the new version's public
 *    URLs to tests/url-contract.json (`npm run url-contract -- --write`).
 *
 * It commits nothing: review and commit the result.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {releasedVersions, versionLabel} from '../data/versions';

const SITE_DIR = path.resolve(__dirname, '..', '..');

export class ReleaseError extends Error {}

function run(cmd: string, args: string[], cwd: string): void {
  const res = spawnSync(cmd, args, {cwd, stdio: 'inherit'});
  if (res.status !== 0) {
    throw new ReleaseError(`\`${cmd} ${args.join(' ')}\` failed (exit ${res.status ?? res.signal})`);
  }
}

function git(args: string[], cwd: string): string {
  const res = spawnSync('git', args, {cwd, encoding: 'utf8'});
  if (res.status !== 0) {
    throw new ReleaseError(
      `\`git ${args.join(' ')}\` failed: ${(res.stderr || res.error?.message || '').trim()}\n` +
        'The release command needs a git work tree to know which example files are committed.',
    );
  }
  return res.stdout;
}

/** Every reason the release cannot be cut now (empty: go ahead). */
export function preflight(version: string, siteDir = SITE_DIR): string[] {
  const problems: string[] = [];
  if (!/^\d+\.\d+(\.\d+)?$/.test(version)) {
    problems.push(`"${version}" is not a version like 1.0 or 1.0.1`);
    return problems;
  }
  if (releasedVersions(siteDir).includes(version)) {
    problems.push(`version ${version} is already in versions.json`);
  }
  for (const dir of [`versioned_docs/version-${version}`, `versioned_examples/version-${version}`]) {
    if (fs.existsSync(path.join(siteDir, dir))) problems.push(`${dir}/ exists already`);
  }
  const dirty = git(['status', '--porcelain', '--untracked-files=all', '--', 'examples'], siteDir)
    .split('\n')
    .filter(Boolean);
  if (dirty.length > 0) {
    problems.push(
      'examples/ has uncommitted changes; the snapshot would hold code that no commit ' +
        '(and so no test run) has seen. Commit or stash them first:\n' +
        dirty.map((l) => `    ${l}`).join('\n'),
    );
  }
  return problems;
}

/** Copy the committed files of examples/ into versioned_examples/version-<v>/. */
export function snapshotExamples(version: string, siteDir = SITE_DIR): number {
  const files = git(['ls-files', '-z', '--', 'examples'], siteDir).split('\0').filter(Boolean);
  if (files.length === 0) throw new ReleaseError('git lists no committed files under examples/');
  const dest = path.join(siteDir, 'versioned_examples', `version-${version}`);
  for (const file of files) {
    const rel = path.relative('examples', file);
    const to = path.join(dest, rel);
    fs.mkdirSync(path.dirname(to), {recursive: true});
    fs.copyFileSync(path.join(siteDir, file), to);
    fs.chmodSync(to, fs.statSync(path.join(siteDir, file)).mode);
  }
  return files.length;
}

export function release(version: string, {build = true, siteDir = SITE_DIR} = {}): void {
  const problems = preflight(version, siteDir);
  if (problems.length > 0) {
    throw new ReleaseError(`cannot release ${version}:\n- ${problems.join('\n- ')}`);
  }
  const bin = path.join(siteDir, 'node_modules', '.bin');
  console.log(`release: snapshotting docs/ as version ${version} ("${versionLabel(version)}")`);
  run(path.join(bin, 'docusaurus'), ['docs:version', version], siteDir);
  const n = snapshotExamples(version, siteDir);
  console.log(`release: copied ${n} committed file(s) of examples/ to versioned_examples/version-${version}/`);
  if (build) {
    run(path.join(bin, 'docusaurus'), ['build'], siteDir);
    run(path.join(bin, 'tsx'), [path.join(siteDir, 'src', 'scripts', 'url-contract.ts'), '--write'], siteDir);
  }
  console.log(
    `release: done. Review, then commit:\n` +
      `    git add versions.json versioned_docs versioned_sidebars versioned_examples tests/url-contract.json\n` +
      `    git commit -m "Release ${version}"`,
  );
}

function main(argv: string[]): number {
  const positional = argv.filter((a) => !a.startsWith('--'));
  if (positional.length !== 1) {
    console.error('usage: npm run release -- <version> [--no-build]');
    return 2;
  }
  try {
    release(positional[0], {build: !argv.includes('--no-build')});
    return 0;
  } catch (e) {
    if (e instanceof ReleaseError) {
      console.error(`release: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
