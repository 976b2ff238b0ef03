/**
 * What changed between two example folders: every file added, removed,
 * changed or left as it was, with a unified diff (3 lines of context) of
 * each changed file.
 *
 * Both sides are read as readers see listings: `docs:region` marker lines
 * are removed with cutListing(), so a diff never shows a marker and never
 * counts a moved marker as a change.
 *
 * The result is split in two (see splitChanges): a small summary that the
 * remark plugin puts into the page, and the diff bodies and whole files,
 * which src/plugins/example-changes.ts emits as a JSON asset that the page
 * fetches only when a reader opens a file. The two agree on the asset's
 * name because both derive it from the same content here.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {structuredPatch} from 'diff';
import {ExampleError, SITE_DIR, cutListing} from './examples';

export type ChangeStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface FileChange {
  /** POSIX path inside the folder, e.g. "reactive/docker_webapp.py". */
  path: string;
  status: ChangeStatus;
  /** Lines added and removed (0 for unchanged files). */
  added: number;
  removed: number;
  /** Prism language of the file, for "show whole file". */
  language: string;
  /** Unified diff, hunks only (the path is the block's title). */
  diff?: string;
  /** The new file as listings show it (changed and added files). */
  whole?: string;
}

export interface FolderChanges {
  from: string;
  to: string;
  files: FileChange[];
}

/** What the page itself carries: no diff text. */
export type FileSummary = Omit<FileChange, 'diff' | 'whole'>;

export interface ChangesSummary {
  from: string;
  to: string;
  files: FileSummary[];
  /** URL path (without baseUrl) of the JSON that holds the bodies. */
  bodies: string;
}

/** The fetched JSON: diff and whole file of each added, removed or changed path. */
export type ChangeBodies = Record<string, {diff: string; whole?: string}>;

/**
 * Files the examples' .gitignore leaves out; a release snapshot copies
 * committed files only, so these must not show up as changes either.
 */
const IGNORED = /(^|\/)(__pycache__\/|\.DS_Store$)|\.pyc$/;

function filesIn(dir: string, base = ''): string[] {
  return fs
    .readdirSync(path.join(dir, base), {withFileTypes: true})
    .flatMap((entry) => {
      const rel = base ? `${base}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return filesIn(dir, rel);
      return entry.isFile() ? [rel] : [];
    })
    .filter((rel) => !IGNORED.test(rel))
    .sort();
}

/** The folder's absolute path; an unknown folder is an ExampleError naming it. */
function folderIn(root: string, folder: string): string {
  const abs = path.resolve(root, folder);
  const where = path.relative(SITE_DIR, root) || root;
  if (path.dirname(abs) !== root || !fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    const known = fs.existsSync(root)
      ? fs.readdirSync(root, {withFileTypes: true}).filter((d) => d.isDirectory()).map((d) => d.name)
      : [];
    throw new ExampleError(
      `no example folder "${folder}" in ${where}/` + (known.length ? ` (folders there: ${known.join(', ')})` : ''),
    );
  }
  return abs;
}

/** The text a listing of the whole file shows ('' for an empty file). */
function listingText(abs: string, label: string): string {
  const text = fs.readFileSync(abs, 'utf8');
  return text.trim() === '' ? '' : cutListing(text, undefined, label);
}

/** Prism language for a file, as the chapters' fences name it. */
export function languageOf(file: string): string {
  const name = path.posix.basename(file);
  if (/\.conf(\.template)?$/.test(name)) return 'nginx';
  const byExt: Record<string, string> = {
    py: 'python',
    yaml: 'yaml',
    yml: 'yaml',
    html: 'html',
    css: 'css',
    md: 'markdown',
    json: 'json',
    sh: 'bash',
  };
  return byExt[path.posix.extname(name).slice(1)] ?? 'text';
}

/** Hunks of a unified diff with `context` lines around each change. */
function unifiedDiff(before: string, after: string): {diff: string; added: number; removed: number} {
  // A final newline on both sides keeps "\ No newline at end of file" out.
  const withEnd = (s: string) => (s === '' ? '' : `${s}\n`);
  const patch = structuredPatch('a', 'b', withEnd(before), withEnd(after), '', '', {context: 3});
  const lines: string[] = [];
  let added = 0;
  let removed = 0;
  // An empty side's range starts at line 0, as in GNU diff and jsdiff's formatPatch.
  const range = (start: number, count: number) => `${count === 0 ? start - 1 : start},${count}`;
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
      lines.push(line);
    }
  }
  return {diff: lines.join('\n'), added, removed};
}

/**
 * Compare `from` and `to`, two folders under an examples root. Known limit:
 * files are read as UTF-8 text; the examples hold no binary files.
 */
export function compareFolders(root: string, from: string, to: string): FolderChanges {
  const fromDir = folderIn(root, from);
  const toDir = folderIn(root, to);
  const before = new Set(filesIn(fromDir));
  const after = new Set(filesIn(toDir));
  const label = (dir: string, rel: string) => path.relative(SITE_DIR, path.join(dir, rel));
  const files = [...new Set([...before, ...after])].sort().map((rel): FileChange => {
    const old = before.has(rel) ? listingText(path.join(fromDir, rel), label(fromDir, rel)) : '';
    const now = after.has(rel) ? listingText(path.join(toDir, rel), label(toDir, rel)) : '';
    const status: ChangeStatus = !before.has(rel)
      ? 'added'
      : !after.has(rel)
        ? 'removed'
        : old === now
          ? 'unchanged'
          : 'changed';
    const language = languageOf(rel);
    if (status === 'unchanged') return {path: rel, status, added: 0, removed: 0, language};
    const {diff, added, removed} = unifiedDiff(old, now);
    return {path: rel, status, added, removed, language, diff, ...(status === 'removed' ? {} : {whole: now})};
  });
  return {from, to, files};
}

/**
 * Split changes into the page's summary and the fetched bodies. The asset
 * is named after a hash of its content, like the bundler's own assets, so a
 * host may cache it for good and a page never gets bodies of another build.
 */
export function splitChanges(changes: FolderChanges): {summary: ChangesSummary; asset: {name: string; json: string}} {
  const bodies: ChangeBodies = {};
  for (const f of changes.files) {
    if (f.diff !== undefined) bodies[f.path] = {diff: f.diff, ...(f.whole !== undefined ? {whole: f.whole} : {})};
  }
  const json = JSON.stringify(bodies);
  const hash = crypto.createHash('sha256').update(json).digest('hex').slice(0, 10);
  const name = `assets/example-changes/${changes.from}..${changes.to}.${hash}.json`;
  const files = changes.files.map(({diff: _diff, whole: _whole, ...rest}) => rest);
  return {summary: {from: changes.from, to: changes.to, files, bodies: `/${name}`}, asset: {name, json}};
}
