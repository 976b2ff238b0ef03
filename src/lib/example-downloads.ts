/**
 * "Download this chapter's code": one zip per example folder, built from
 * the files themselves. Node only (the build and the tests); the page gets
 * the zip's URL from download-path.ts and its file count and size from the
 * remark plugin src/remark/example-folder.ts.
 *
 * Which files: the folder's files as the repository has them. In a git
 * checkout that is `git ls-files` (tracked files, with their working-tree
 * content; a tracked file deleted from the work tree is left out), so build
 * leftovers such as __pycache__/ or an editor's swap file never end up in a
 * reader's download. Outside a git checkout (a source tarball), or for a
 * folder git does not track at all, the folder is walked instead, skipping
 * IGNORED names (a fallback: it cannot know a project's other ignore rules).
 *
 * The zip is deterministic, so two builds of the same files give the same
 * bytes: entries sorted by path (code-unit order, not the locale's), one
 * fixed timestamp, Unix modes normalised to 0644 or 0755 (what git
 * records), maximum compression, no directory entries, no extra fields.
 * Entries are rooted at `<folder>/`, so unzipping gives one folder.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {zipSync, type Zippable} from 'fflate';

/**
 * Names the directory walk skips (the git path needs no list). Kept in
 * step with the site's .gitignore; anything else a build leaves behind
 * would be zipped by the fallback.
 */
export const IGNORED = [/^__pycache__$/, /\.py[co]$/, /^\.DS_Store$/, /^\.pytest_cache$/, /^\.git$/, /\.sw[a-p]$/, /~$/];

/**
 * Every entry's timestamp, 2000-01-01 12:00. Zip stores local date and
 * time fields, and fflate fills them from a Date's local getters, so the
 * Date is made from local fields, at each call (the time zone can change
 * while a process runs): the same bytes in every time zone.
 */
const fixedMtime = () => new Date(2000, 0, 1, 12, 0, 0);

/** Thrown for a folder that cannot be offered; the message names it. */
export class DownloadError extends Error {}

/** A folder name a doc may use: one path segment, no dots leading. */
const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isFolderName(name: string): boolean {
  return FOLDER_NAME.test(name);
}

/** The folders of an examples root that get a zip (every subfolder). */
export function exampleFolders(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  // In a git checkout, a folder with no tracked file is not part of the
  // tutorial (an empty folder, or one holding only __pycache__ left by a
  // test run): it gets no zip rather than failing the build. A chapter that
  // names it still fails, in <ExampleFolder>'s check.
  const tracked = trackedFiles(root);
  return fs
    .readdirSync(root, {withFileTypes: true})
    .filter((d) => d.isDirectory() && isFolderName(d.name))
    .map((d) => d.name)
    .filter((name) => tracked === null || tracked.some((f) => f.startsWith(`${name}/`)))
    .sort();
}

/** The git index file of the checkout holding dir (a worktree's too), or null. */
function gitIndexOf(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    if (fs.existsSync(dotGit)) {
      if (fs.statSync(dotGit).isDirectory()) return path.join(dotGit, 'index');
      // A worktree or submodule: `.git` is a file saying where its git dir is.
      const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      return m ? path.join(path.resolve(d, m[1].trim()), 'index') : null;
    }
    if (path.dirname(d) === d) return null;
  }
}

/**
 * Tracked files of a whole examples root, from one `git ls-files` (a build
 * asks for every folder of both versions, for the zips and for each
 * chapter's file count). Kept until git's index file changes, so the dev
 * server sees a newly added file.
 */
const trackedCache = new Map<string, {stamp: string; files: string[] | null}>();

function trackedFiles(root: string): string[] | null {
  const index = gitIndexOf(root);
  const stat = index && fs.existsSync(index) ? fs.statSync(index) : null;
  const stamp = stat ? `${stat.mtimeMs}:${stat.size}` : '';
  const cached = trackedCache.get(root);
  if (cached && stamp && cached.stamp === stamp) return cached.files;
  const res = spawnSync('git', ['ls-files', '-z', '--cached', '--', '.'], {cwd: root, encoding: 'utf8'});
  const files = res.status !== 0 || res.error ? null : res.stdout.split('\0').filter(Boolean);
  trackedCache.set(root, {stamp, files});
  return files;
}

/** Tracked files under root/folder, relative to the folder; null if git cannot say. */
function gitFiles(root: string, folder: string): string[] | null {
  const prefix = `${folder}/`;
  const files = (trackedFiles(root) ?? [])
    .filter((f) => f.startsWith(prefix))
    .filter((f) => fs.existsSync(path.join(root, f)))
    .map((f) => f.slice(prefix.length));
  return files.length > 0 ? files : null;
}

/** The walk fallback: every regular file except IGNORED names. */
function walkedFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), {withFileTypes: true})) {
    if (IGNORED.some((re) => re.test(entry.name))) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walkedFiles(dir, child));
    else if (entry.isFile()) out.push(child);
  }
  return out;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The files of root/folder, relative to the folder, `/`-separated, sorted.
 * Throws DownloadError if the folder does not exist or has no files.
 */
export function folderFiles(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  if (!isFolderName(folder) || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DownloadError(`${folder}/ is not a folder of ${root}`);
  }
  const files = gitFiles(root, folder) ?? walkedFiles(dir);
  if (files.length === 0) {
    throw new DownloadError(`${dir} has no files to download: add (and commit) its files, or remove the folder`);
  }
  return files.sort(byPath);
}

export interface FolderZip {
  folder: string;
  /** Entry names, `<folder>/<path>`, in the zip's order. */
  entries: string[];
  bytes: Uint8Array;
}

/** Zip root/folder deterministically (see the module comment). */
export function zipFolder(root: string, folder: string): FolderZip {
  const data: Zippable = {};
  const mtime = fixedMtime();
  const entries: string[] = [];
  for (const rel of folderFiles(root, folder)) {
    const abs = path.join(root, folder, rel);
    const executable = (fs.statSync(abs).mode & 0o111) !== 0;
    const name = `${folder}/${rel}`;
    // Insertion order is the zip's order: keys contain "/", so none is an
    // integer-like key that JavaScript would move to the front.
    data[name] = [
      new Uint8Array(fs.readFileSync(abs)),
      {mtime, os: 3, attrs: (executable ? 0o100755 : 0o100644) << 16},
    ];
    entries.push(name);
  }
  return {folder, entries, bytes: zipSync(data, {level: 9})};
}
