/**
 * Remark plugin: fill empty code fences from files in examples/.
 *
 *     ```python file=02-docker-layer/reactive/docker_webapp.py region=reconcile {2-4}
 *     ```
 *
 * becomes a code block holding that region (markers removed), titled with
 * the file's path. Everything else in the meta (line highlights,
 * showLineNumbers) is passed on to Docusaurus's CodeBlock untouched.
 *
 * Any problem (missing file, missing region, unbalanced markers, a fence
 * that names a file but also has pasted content) throws, which fails the
 * build with a message naming the MDX file, its line and the example path.
 */
import path from 'node:path';
import {
  ExampleError,
  SITE_DIR,
  cutListing,
  examplesRootFor,
  readExample,
  resolveExample,
} from './examples';

interface CodeNode {
  type: 'code';
  lang?: string | null;
  meta?: string | null;
  value: string;
  position?: {start: {line: number}};
}

interface AnyNode {
  type: string;
  children?: AnyNode[];
}

interface VFileLike {
  path?: string;
}

export interface EmbedRequest {
  file: string;
  region?: string;
  rest: string;
}

/** Split `file=… region=… rest` out of a fence's meta string. */
export function parseEmbedMeta(meta: string | null | undefined): EmbedRequest | null {
  if (!meta) return null;
  const file = /(?:^|\s)file=(\S+)/.exec(meta);
  if (!file) return null;
  const region = /(?:^|\s)region=(\S+)/.exec(meta);
  const rest = meta
    .replace(/(?:^|\s)file=\S+/, ' ')
    .replace(/(?:^|\s)region=\S+/, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (/(?:^|\s)title=/.test(rest)) {
    throw new ExampleError(
      'a fence with file= gets its title from the file path; remove title=',
    );
  }
  return {file: file[1], region: region?.[1], rest};
}

/**
 * Line highlights ({3,5-7} in the fence) must fall inside the listing: when
 * an example shrinks, a stale range would mark the wrong lines or none.
 */
export function checkHighlights(rest: string, lineCount: number, label: string, region?: string): void {
  const ranges = /\{([\d,\s-]+)\}/.exec(rest)?.[1];
  if (!ranges) return;
  for (const part of ranges.split(',')) {
    const [from, to = from] = part.trim().split('-').map(Number);
    if (!(from >= 1 && to >= from && to <= lineCount)) {
      throw new ExampleError(
        `highlight {${part.trim()}} is outside the listing: ${label}${region ? ` region "${region}"` : ''} has ${lineCount} lines`,
      );
    }
  }
}

function walk(node: AnyNode, visit: (n: AnyNode) => void): void {
  visit(node);
  node.children?.forEach((child) => walk(child, visit));
}

/** Every example file a doc embeds (used to tell the bundler to watch them). */
export function embeddedFiles(mdxSource: string, docPath: string): string[] {
  const root = examplesRootFor(docPath);
  const files = new Set<string>();
  for (const m of mdxSource.matchAll(/^\s*(`{3,}|~{3,})\S*[ \t]+(.*)$/gm)) {
    try {
      const req = parseEmbedMeta(m[2]);
      if (req) files.add(resolveExample(root, req.file));
    } catch {
      // Malformed metas are reported by the remark plugin with context.
    }
  }
  return [...files];
}

export default function remarkEmbedExamples() {
  return (tree: AnyNode, file: VFileLike): void => {
    const docPath = file.path ? path.resolve(file.path) : SITE_DIR;
    const docLabel = path.relative(SITE_DIR, docPath);
    const root = examplesRootFor(docPath);
    walk(tree, (node) => {
      if (node.type !== 'code') return;
      const code = node as unknown as CodeNode;
      const where = `${docLabel}:${code.position?.start.line ?? '?'}`;
      try {
        const req = parseEmbedMeta(code.meta);
        if (!req) {
          // A misspelt file= (flie=) leaves an empty, untitled block.
          if (/(?:^|\s)region=/.test(code.meta ?? '')) throw new ExampleError('region= without file=');
          if (code.value.trim() === '') {
            throw new ExampleError(`an empty code block${code.meta ? ` (${code.meta})` : ''}: name an example with file=..., or write its content`);
          }
          return;
        }
        if (code.value.trim() !== '') {
          throw new ExampleError(
            `the fence names file=${req.file} but also has pasted content; ` +
              'leave the fence empty',
          );
        }
        const abs = resolveExample(root, req.file);
        const label = path.relative(SITE_DIR, abs);
        const text = readExample(abs, label);
        code.value = cutListing(text, req.region, label);
        checkHighlights(req.rest, code.value.split('\n').length, label, req.region);
        // Readers see the path as it is in the repository, whatever version
        // snapshot the text came from.
        const shown = path.posix.join('examples', req.file);
        code.meta = `title="${shown}"${req.rest ? ` ${req.rest}` : ''}`;
      } catch (err) {
        if (err instanceof ExampleError) {
          throw new Error(`[embed-examples] ${where}: ${err.message}`);
        }
        throw err;
      }
    });
  };
}
