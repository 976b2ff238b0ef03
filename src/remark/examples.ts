/**
 * Where example files live and how a region is cut out of one.
 *
 * Shared by the remark plugin (build time), the webpack loader that tells
 * the bundler which example files a page depends on, and the tests.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SITE_DIR = path.resolve(__dirname, '..', '..');

/**
 * A marker line: `docs:region NAME` or `docs:endregion NAME` inside the
 * file's own comment syntax (#, //, --, ;, <!-- -->, /* *\/).
 */
const MARKER =
  /^\s*(?:#|\/\/|--|;|<!--|\/\*)\s*docs:(region|endregion)\s+([A-Za-z0-9_.-]+)\s*(?:-->|\*\/)?\s*$/;

export interface Marker {
  kind: 'region' | 'endregion';
  name: string;
}

export function parseMarker(line: string): Marker | null {
  const m = MARKER.exec(line);
  return m ? {kind: m[1] as Marker['kind'], name: m[2]} : null;
}

/** Thrown for any problem with an example file; the message says what. */
export class ExampleError extends Error {}

// Which examples tree a doc reads from: one rule, in CommonJS for the loaders.
export {examplesRootFor} from './examples-root.cjs';

/** Resolve `file=` against an examples root, refusing paths that escape it. */
export function resolveExample(root: string, file: string): string {
  const abs = path.resolve(root, file);
  if (abs !== root && !abs.startsWith(root + path.sep)) {
    throw new ExampleError(`file=${file} points outside examples/`);
  }
  // A symbolic link inside the tree may still lead out of it (and its
  // target would be shown on the page and shipped in the zip).
  if (fs.existsSync(abs)) {
    const real = fs.realpathSync(abs);
    const realRoot = fs.realpathSync(root);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      throw new ExampleError(`file=${file} is a link to ${real}, outside examples/`);
    }
  }
  return abs;
}

/** Check that every region marker in a file is balanced; return names. */
export function regionNames(text: string, fileLabel: string): string[] {
  const open: string[] = [];
  const seen: string[] = [];
  text.split('\n').forEach((line, i) => {
    const marker = parseMarker(line);
    if (!marker) return;
    if (marker.kind === 'region') {
      if (seen.includes(marker.name)) {
        throw new ExampleError(
          `${fileLabel}:${i + 1}: region "${marker.name}" is defined twice`,
        );
      }
      seen.push(marker.name);
      open.push(marker.name);
    } else {
      const top = open.pop();
      if (top !== marker.name) {
        throw new ExampleError(
          `${fileLabel}:${i + 1}: "docs:endregion ${marker.name}" does not ` +
            `close the open region${top ? ` "${top}"` : ' (none is open)'}`,
        );
      }
    }
  });
  if (open.length > 0) {
    throw new ExampleError(
      `${fileLabel}: region "${open[open.length - 1]}" is never closed ` +
        `(add a "docs:endregion ${open[open.length - 1]}" line)`,
    );
  }
  return seen;
}

/** Remove common leading indentation so a region reads flush-left. */
function dedent(lines: string[]): string[] {
  const indents = lines
    .filter((l) => l.trim() !== '')
    .map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut));
}

/** Drop leading and trailing blank lines. */
function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start++;
  while (end > start && lines[end - 1].trim() === '') end--;
  return lines.slice(start, end);
}

/**
 * The text a reader sees: the whole file, or one named region of it, with
 * every marker line removed (nested regions' markers included).
 */
export function cutListing(
  text: string,
  region: string | undefined,
  fileLabel: string,
): string {
  const names = regionNames(text, fileLabel);
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let body: string[];
  if (region === undefined) {
    body = lines;
  } else {
    if (!names.includes(region)) {
      throw new ExampleError(
        `region "${region}" not found in ${fileLabel}` +
          (names.length
            ? ` (regions there: ${names.join(', ')})`
            : ' (the file has no docs:region markers)'),
      );
    }
    const start = lines.findIndex((l) => {
      const m = parseMarker(l);
      return m?.kind === 'region' && m.name === region;
    });
    const end = lines.findIndex((l, i) => {
      const m = parseMarker(l);
      return i > start && m?.kind === 'endregion' && m.name === region;
    });
    body = lines.slice(start + 1, end);
  }
  const visible = body.filter((l) => parseMarker(l) === null);
  const out = trimBlankEdges(region === undefined ? visible : dedent(visible));
  if (out.length === 0) {
    throw new ExampleError(
      `${fileLabel}${region ? ` region "${region}"` : ''} is empty`,
    );
  }
  return out.join('\n');
}

export function readExample(abs: string, fileLabel: string): string {
  if (!fs.existsSync(abs)) throw new ExampleError(`${fileLabel} does not exist`);
  if (!fs.statSync(abs).isFile()) throw new ExampleError(`${fileLabel} is a folder; file= names a file`);
  return decodeExample(fs.readFileSync(abs), fileLabel);
}

/**
 * An example file's text. Bytes that are not UTF-8 would reach the page as
 * U+FFFD, and a NUL byte would vanish from the HTML but not from
 * llms-full.txt or the zip: both fail, with the line.
 */
export function decodeExample(bytes: Buffer, fileLabel: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    const bad = new TextDecoder('utf-8').decode(bytes).split('\n').findIndex((l) => l.includes('\uFFFD'));
    throw new ExampleError(`${fileLabel}:${bad + 1}: not valid UTF-8`);
  }
  const nul = text.split('\n').findIndex((l) => l.includes('\0'));
  if (nul >= 0) throw new ExampleError(`${fileLabel}:${nul + 1}: a NUL byte`);
  return text;
}
