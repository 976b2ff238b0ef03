/**
 * Figures about the example layers, computed from the files themselves, so
 * that a page that says "the relation code is 40 lines" stays true when the
 * example changes. Used at build time by the remark plugin in
 * src/lib/remark-example-metrics.ts (the <ExampleMetric /> tag) and by
 * tests; nothing here runs in the browser.
 *
 * Paths are relative to an examples root: examples/ for the unreleased
 * docs, versioned_examples/version-X/ for a release (the plugin picks the
 * right one per doc). Every function throws an Error naming the file and
 * what is missing instead of returning a made-up number.
 *
 * What counts as a line:
 *
 * - "lines" are physical lines, blank ones included, with docs:region
 *   marker lines left out (readers never see them).
 * - "code lines" are the lines a reader has to read as code: not blank,
 *   not a comment, not part of a docstring. Comments are recognised for
 *   Python, YAML and shell (`#`); in other files every non-blank line
 *   counts.
 *
 * API (all synchronous):
 *
 *   countRegionLines(file, region, {kind, root})   lines inside a region
 *   countFunctionLines(file, name, {kind, root})   lines of a Python function
 *   listHandlers(file, {root}) / countHandlers(file, {decorator, hook, root})
 *   countHandlerLines(file, {decorator, kind, root}) lines of all handlers
 *   countOccurrences(fileOrFolder, text, {root})   code lines containing text
 *   functionsContaining(file, text, {root})        functions whose code has text
 *   fileStats(folder, {root, ext})                 per-file and total counts
 *   measure(request, root)                         one figure, by name (the tag)
 */
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR, parseMarker, regionNames} from '../remark/examples';

export const DEFAULT_ROOT = path.join(SITE_DIR, 'examples');

export interface RootOption {
  /** The examples root; defaults to the site's examples/ folder. */
  root?: string;
}

export interface LineOptions extends RootOption {
  /** 'code' (default): code lines only; 'all': every physical line. */
  kind?: 'code' | 'all';
}

/**
 * A file or folder of an examples root as messages name it, relative to
 * the site: examples/x or versioned_examples/version-1.0/x, so an error in
 * a released version's figures names the snapshot, not Next's file. (A root
 * outside the site, as in tests, is shown as examples/.)
 */
function shown(root: string, rel: string): string {
  const fromSite = path.relative(SITE_DIR, root);
  const base = fromSite === '' || fromSite.startsWith('..') || path.isAbsolute(fromSite) ? 'examples' : fromSite;
  return `${base}/${rel}`.split(path.sep).join('/');
}

function resolveIn(root: string, rel: string): string {
  const abs = path.resolve(root, rel);
  if (abs !== root && !abs.startsWith(root + path.sep)) {
    throw new Error(`${rel} points outside the examples folder`);
  }
  if (!fs.existsSync(abs)) throw new Error(`${shown(root, rel)} does not exist`);
  return abs;
}

function read(rel: string, root: string): string {
  const abs = resolveIn(root, rel);
  if (!fs.statSync(abs).isFile()) throw new Error(`${shown(root, rel)} is not a file`);
  return fs.readFileSync(abs, 'utf8').replace(/\r\n/g, '\n');
}

const HASH_COMMENTS = new Set(['.py', '.yaml', '.yml', '.sh', '.bash', '.txt', '']);

/**
 * For each line: is it a code line? Python docstrings (a string literal
 * that is a whole statement, opened with triple quotes at the start of the
 * line) are not code; neither are `#` comments in Python, YAML and shell.
 */
export function codeLineMask(lines: string[], ext: string): boolean[] {
  const hash = HASH_COMMENTS.has(ext);
  const python = ext === '.py';
  const mask: boolean[] = [];
  let inDoc: string | null = null;
  for (const line of lines) {
    const t = line.trim();
    if (inDoc) {
      mask.push(false);
      if (t.includes(inDoc)) inDoc = null;
      continue;
    }
    if (t === '' || parseMarker(line) || (hash && t.startsWith('#'))) {
      mask.push(false);
      continue;
    }
    if (python) {
      const doc = /^[rRuUbB]?("""|''')/.exec(t);
      if (doc) {
        mask.push(false);
        const rest = t.slice(doc[0].length);
        if (!rest.includes(doc[1])) inDoc = doc[1];
        continue;
      }
    }
    mask.push(true);
  }
  return mask;
}

function countLines(lines: string[], ext: string, kind: 'code' | 'all'): number {
  if (kind === 'all') return lines.filter((l) => !parseMarker(l)).length;
  return codeLineMask(lines, ext).filter(Boolean).length;
}

/** The lines between `docs:region NAME` and its `docs:endregion` line. */
export function regionBody(file: string, region: string, opts: RootOption = {}): string[] {
  const root = opts.root ?? DEFAULT_ROOT;
  const text = read(file, root);
  const names = regionNames(text, shown(root, file));
  if (!names.includes(region)) {
    throw new Error(
      `region "${region}" not found in ${shown(root, file)}` +
        (names.length ? ` (regions there: ${names.join(', ')})` : ' (it has no docs:region markers)'),
    );
  }
  const lines = text.split('\n');
  const start = lines.findIndex((l) => {
    const m = parseMarker(l);
    return m?.kind === 'region' && m.name === region;
  });
  const end = lines.findIndex((l, i) => {
    const m = parseMarker(l);
    return i > start && m?.kind === 'endregion' && m.name === region;
  });
  return lines.slice(start + 1, end);
}

export function countRegionLines(file: string, region: string, opts: LineOptions = {}): number {
  return countLines(regionBody(file, region, opts), path.extname(file), opts.kind ?? 'code');
}

// ------------------------------------------------------------ Python structure

export interface PyFunction {
  name: string;
  /** 1-based line of the `def`. */
  line: number;
  /** Decorator source, e.g. "@hook('config-changed', 'start')", joined onto one line. */
  decorators: string[];
  /** The def line and its body, up to the next line at the same or lower indent. */
  body: string[];
}

const indentOf = (l: string) => /^[ \t]*/.exec(l)![0].length;

/** Every function (top level and nested) in a Python file, in order. */
export function pyFunctions(text: string): PyFunction[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: PyFunction[] = [];
  lines.forEach((line, i) => {
    const def = /^([ \t]*)(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/.exec(line);
    if (!def) return;
    const indent = def[1].length;
    // Decorators: the lines above, at the same indent, possibly spanning
    // several lines while their parentheses are open.
    const decorators: string[] = [];
    let pending: string[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const t = lines[j].trim();
      if (t === '' || parseMarker(lines[j])) break;
      if (indentOf(lines[j]) > indent || (indentOf(lines[j]) === indent && /^[)\]]/.test(t))) {
        pending.unshift(t); // maybe the continuation of a decorator above
        continue;
      }
      if (indentOf(lines[j]) < indent || !t.startsWith('@')) break;
      decorators.unshift([t, ...pending].join(' ').replace(/\(\s+/g, '(').replace(/,?\s+\)/g, ')'));
      pending = [];
    }
    // Body: until a non-blank line at the def's indent or less (the end of
    // a multi-line signature is indented more, or starts with ")").
    let end = i + 1;
    while (end < lines.length) {
      const l = lines[end];
      if (l.trim() !== '' && !parseMarker(l) && indentOf(l) <= indent && !/^\s*\)/.test(l)) break;
      end++;
    }
    while (end > i + 1 && lines[end - 1].trim() === '') end--;
    out.push({name: def[2], line: i + 1, decorators, body: lines.slice(i, end)});
  });
  return out;
}

function findFunction(file: string, name: string, root: string): PyFunction {
  const fns = pyFunctions(read(file, root)).filter((f) => f.name === name);
  if (fns.length === 0) throw new Error(`no function ${name}() in ${shown(root, file)}`);
  if (fns.length > 1) throw new Error(`${shown(root, file)} defines ${name}() ${fns.length} times`);
  return fns[0];
}

export function countFunctionLines(file: string, name: string, opts: LineOptions = {}): number {
  const fn = findFunction(file, name, opts.root ?? DEFAULT_ROOT);
  return countLines(fn.body, '.py', opts.kind ?? 'code');
}

/** charms.reactive decorators that make a function a handler. */
const HANDLER_DECORATORS = new Set([
  'hook', 'when', 'when_all', 'when_any', 'when_not', 'when_none', 'when_not_all',
  'when_file_changed', 'not_unless',
]);

export interface Handler {
  name: string;
  line: number;
  /** Decorator names, e.g. ['hook'] or ['when', 'when_not']. */
  kinds: string[];
  /** Hook names from @hook(...) decorators ('{requires:http}-relation-joined' kept as written). */
  hooks: string[];
  /** Flag names from @when*(...) decorators (constants resolved where they are plain strings). */
  flags: string[];
}

/**
 * The arguments of a decorator call: string literals as their value,
 * names of module-level string constants (STARTED = 'app.started') as the
 * constant's value, any other name as written.
 */
function decoratorArgs(decorator: string, constants: Map<string, string>): string[] {
  const inner = /\((.*)\)/.exec(decorator)?.[1] ?? '';
  return [...inner.matchAll(/(['"])(.*?)\1|([A-Za-z_][\w.]*)/g)].map((m) =>
    m[3] === undefined ? m[2] : constants.get(m[3]) ?? m[3],
  );
}

/** Module-level `NAME = 'string'` assignments. */
function stringConstants(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^([A-Z_][A-Z0-9_]*)\s*=\s*(['"])(.*?)\2\s*(?:#.*)?$/gm)) out.set(m[1], m[3]);
  return out;
}

export function listHandlers(file: string, opts: RootOption = {}): Handler[] {
  const handlers: Handler[] = [];
  const text = read(file, opts.root ?? DEFAULT_ROOT);
  const constants = stringConstants(text);
  for (const fn of pyFunctions(text)) {
    const kinds: string[] = [];
    const hooks: string[] = [];
    const flags: string[] = [];
    for (const d of fn.decorators) {
      const name = /^@(?:[\w.]*\.)?(\w+)/.exec(d)?.[1] ?? '';
      if (!HANDLER_DECORATORS.has(name)) continue;
      kinds.push(name);
      (name === 'hook' ? hooks : flags).push(...decoratorArgs(d, constants));
    }
    if (kinds.length) handlers.push({name: fn.name, line: fn.line, kinds, hooks, flags});
  }
  return handlers;
}

/**
 * Does a hook name match? `install` matches only `install`; a pattern that
 * starts or ends with a dash matches anywhere in the name, so
 * `-relation-` matches every relation hook and `-relation-joined` both
 * `website-relation-joined` and `{provides:http}-relation-joined`.
 */
export function hookMatches(hookName: string, pattern: string): boolean {
  if (pattern.startsWith('-') || pattern.endsWith('-')) return hookName.includes(pattern);
  return hookName === pattern;
}

/**
 * Handlers in a file; `decorator` keeps those with that decorator ('hook',
 * 'when', ...), `hook` those run by a hook that matches (see hookMatches).
 */
export function countHandlers(file: string, opts: RootOption & {decorator?: string; hook?: string} = {}): number {
  return listHandlers(file, opts).filter(
    (h) =>
      (!opts.decorator || h.kinds.includes(opts.decorator)) &&
      (!opts.hook || h.hooks.some((x) => hookMatches(x, opts.hook!))),
  ).length;
}

/**
 * Lines of all the handler functions in a file (decorators not counted),
 * optionally only those with `decorator`. Added for chapter 10's
 * comparison of the hook-era and the reactive charm.
 */
export function countHandlerLines(
  file: string,
  opts: LineOptions & {decorator?: string} = {},
): number {
  const root = opts.root ?? DEFAULT_ROOT;
  const wanted = new Set(
    listHandlers(file, {root})
      .filter((h) => !opts.decorator || h.kinds.includes(opts.decorator))
      .map((h) => h.line),
  );
  return pyFunctions(read(file, root))
    .filter((fn) => wanted.has(fn.line))
    .reduce((n, fn) => n + countLines(fn.body, '.py', opts.kind ?? 'code'), 0);
}

// ------------------------------------------------------------ text and folders

function filesUnder(abs: string): string[] {
  if (fs.statSync(abs).isFile()) return [abs];
  return fs
    .readdirSync(abs, {withFileTypes: true})
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? filesUnder(path.join(abs, d.name)) : [path.join(abs, d.name)]));
}

/** Code lines (comments and docstrings excluded) that contain `text`. */
export function countOccurrences(fileOrFolder: string, text: string, opts: RootOption & {ext?: string} = {}): number {
  const root = opts.root ?? DEFAULT_ROOT;
  let n = 0;
  for (const abs of filesUnder(resolveIn(root, fileOrFolder))) {
    const ext = path.extname(abs);
    if (opts.ext && ext !== opts.ext) continue;
    const lines = fs.readFileSync(abs, 'utf8').replace(/\r\n/g, '\n').split('\n');
    const mask = codeLineMask(lines, ext);
    n += lines.filter((l, i) => mask[i] && l.includes(text)).length;
  }
  return n;
}

/** Names of the functions whose code lines (own body, nested ones included) contain `text`. */
export function functionsContaining(file: string, text: string, opts: RootOption = {}): string[] {
  return pyFunctions(read(file, opts.root ?? DEFAULT_ROOT))
    .filter((fn) => {
      const mask = codeLineMask(fn.body, '.py');
      return fn.body.some((l, i) => i > 0 && mask[i] && l.includes(text));
    })
    .map((fn) => fn.name);
}

export interface FileStat {
  /** Path relative to the folder. */
  file: string;
  lines: number;
  codeLines: number;
}

export interface FolderStats {
  files: FileStat[];
  totals: {files: number; lines: number; codeLines: number};
}

/** Line counts for every file under a folder (or only those ending in `ext`). */
export function fileStats(folder: string, opts: RootOption & {ext?: string} = {}): FolderStats {
  const root = opts.root ?? DEFAULT_ROOT;
  const abs = resolveIn(root, folder);
  const files: FileStat[] = [];
  for (const f of filesUnder(abs)) {
    const ext = path.extname(f);
    if (opts.ext && ext !== opts.ext) continue;
    const buf = fs.readFileSync(f);
    if (buf.includes(0)) continue; // binary
    const lines = buf.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
    files.push({file: path.relative(abs, f), lines: countLines(lines, ext, 'all'), codeLines: countLines(lines, ext, 'code')});
  }
  return {
    files,
    totals: {
      files: files.length,
      lines: files.reduce((n, f) => n + f.lines, 0),
      codeLines: files.reduce((n, f) => n + f.codeLines, 0),
    },
  };
}

// ------------------------------------------------------------ one figure by name

/**
 * What an <ExampleMetric /> tag asks for. `measure` picks the figure:
 *
 *   code-lines | lines   file + region, or file + function, or a whole file
 *   handlers             file [+ decorator] [+ hook]
 *   handler-code-lines   file [+ decorator] [+ hook]: code lines of those handlers
 *   handler-code-lines   file [+ decorator]: code lines of those handlers
 *   occurrences          file or folder + text [+ ext]: code lines containing text
 *   functions-containing file + text: how many functions contain text
 *   files                folder [+ ext]: how many files
 *   folder-code-lines    folder [+ ext]: code lines of all its files
 */
export interface MetricRequest {
  measure: string;
  file?: string;
  folder?: string;
  region?: string;
  function?: string;
  decorator?: string;
  hook?: string;
  text?: string;
  ext?: string;
}

export const MEASURES = [
  'code-lines', 'lines', 'handlers', 'handler-code-lines', 'occurrences', 'functions-containing', 'files', 'folder-code-lines',
] as const;

/** The attributes each measure reads besides measure= itself. */
const READS: Record<(typeof MEASURES)[number], ReadonlyArray<keyof MetricRequest>> = {
  'code-lines': ['file', 'region', 'function'],
  lines: ['file', 'region', 'function'],
  handlers: ['file', 'decorator', 'hook'],
  'handler-code-lines': ['file', 'decorator'],
  occurrences: ['file', 'folder', 'text', 'ext'],
  'functions-containing': ['file', 'text'],
  files: ['folder', 'ext'],
  'folder-code-lines': ['folder', 'ext'],
};

/** An attribute the measure does not read would be ignored, and the figure silently wrong. */
function checkReads(req: MetricRequest): void {
  const reads = READS[req.measure as keyof typeof READS];
  if (!reads) return; // measure() reports the unknown measure
  for (const key of Object.keys(req) as Array<keyof MetricRequest>) {
    if (key !== 'measure' && req[key] !== undefined && !reads.includes(key)) {
      throw new Error(`measure="${req.measure}" does not read ${key}= (it reads ${reads.join(', ')})`);
    }
  }
}

function need<K extends keyof MetricRequest>(req: MetricRequest, key: K): string {
  const v = req[key];
  if (!v) throw new Error(`measure="${req.measure}" needs ${key}="..."`);
  return v;
}

export function measure(req: MetricRequest, root: string = DEFAULT_ROOT): number {
  checkReads(req);
  const kind = req.measure === 'lines' ? 'all' : 'code';
  switch (req.measure) {
    case 'code-lines':
    case 'lines': {
      const file = need(req, 'file');
      if (req.region && req.function) throw new Error('give region or function, not both');
      if (req.region) return countRegionLines(file, req.region, {root, kind});
      if (req.function) return countFunctionLines(file, req.function, {root, kind});
      return countLines(read(file, root).replace(/\n$/, '').split('\n'), path.extname(file), kind);
    }
    case 'handlers':
      return countHandlers(need(req, 'file'), {root, decorator: req.decorator, hook: req.hook});
    case 'handler-code-lines':
      return countHandlerLines(need(req, 'file'), {root, decorator: req.decorator});
    case 'occurrences':
      return countOccurrences(req.file ?? need(req, 'folder'), need(req, 'text'), {root, ext: req.ext});
    case 'functions-containing':
      return functionsContaining(need(req, 'file'), need(req, 'text'), {root}).length;
    case 'files':
      return fileStats(need(req, 'folder'), {root, ext: req.ext}).totals.files;
    case 'folder-code-lines':
      return fileStats(need(req, 'folder'), {root, ext: req.ext}).totals.codeLines;
    default:
      throw new Error(`unknown measure="${req.measure}" (one of: ${MEASURES.join(', ')})`);
  }
}

/** The example files and folders a request reads (for rebuild tracking). */
export function requestPaths(req: MetricRequest): string[] {
  return [req.file, req.folder].filter((p): p is string => Boolean(p));
}
