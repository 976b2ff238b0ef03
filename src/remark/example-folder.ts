/**
 * Remark plugin for `<ExampleFolder folder="05-configuration" />`:
 *
 * - checks that the folder exists in the doc's own examples root
 *   (examples/ for Next, versioned_examples/version-X/ for a release), and
 *   fails the build with the doc, its line and the folder otherwise;
 * - adds `href` and `summary` props: the zip's site-relative URL for the
 *   doc's version (src/lib/download-path.ts) and "12 files, 15 KB", counted
 *   here with the same function that writes the zip
 *   (src/plugins/example-downloads.ts), so the page states what the
 *   download really holds. Both land in the page's own props, and the
 *   formatting code stays out of the browser bundle every page loads.
 *
 * The page depends on the folder (src/remark/watch-examples-loader.cjs), so
 * adding or editing a file there recomputes the figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR, examplesRootFor} from './examples';
import {isFolderName, zipFolder} from '../lib/example-downloads';
import {describeZip, downloadPath} from '../lib/download-path';

export const TAG = 'ExampleFolder';

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

interface AnyNode {
  type: string;
  name?: string | null;
  attributes?: JsxAttribute[];
  children?: AnyNode[];
  position?: {start: {line: number}};
}

/** Docs version name of a doc file: 'current' (docs/) or 'X' (versioned_docs/version-X/). */
export function docsVersionOf(docPath: string, siteDir = SITE_DIR): string {
  const rel = path.relative(siteDir, docPath).split(path.sep);
  return rel[0] === 'versioned_docs' && rel[1]?.startsWith('version-') ? rel[1].slice('version-'.length) : 'current';
}

/** Attributes the plugin sets; a doc cannot set them itself. */
const COMPUTED = ['href', 'summary'];

/** The folder a tag names; throws if it is missing or not a plain name. */
export function folderOf(node: AnyNode): string {
  const attr = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'folder');
  if (!attr || typeof attr.value !== 'string') {
    throw new Error(`<${TAG}> needs folder="NN-slug" as a plain string`);
  }
  if (!isFolderName(attr.value)) {
    throw new Error(`<${TAG} folder="${attr.value}"> must name one folder, like "05-configuration"`);
  }
  return attr.value;
}

export interface Options {
  /** Use this examples root instead of the doc's own (for tests). */
  root?: string;
}

export default function remarkExampleFolder(options: Options = {}) {
  return (tree: AnyNode, file: {path?: string}): void => {
    const docPath = file.path ? path.resolve(file.path) : SITE_DIR;
    const root = options.root ?? examplesRootFor(docPath);
    const visit = (node: AnyNode): void => {
      const isTag =
        (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === TAG;
      if (isTag) {
        const where = `${path.relative(SITE_DIR, docPath)}:${node.position?.start.line ?? '?'}`;
        try {
          const folder = folderOf(node);
          const dir = path.join(root, folder);
          if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
            throw new Error(
              `<${TAG} folder="${folder}"> names ${path.relative(SITE_DIR, dir)}/, which does not exist`,
            );
          }
          const zip = zipFolder(root, folder);
          node.attributes = [
            ...(node.attributes ?? []).filter((a) => !COMPUTED.includes(a.name ?? '')),
            {type: 'mdxJsxAttribute', name: 'href', value: downloadPath(docsVersionOf(docPath), folder)},
            {type: 'mdxJsxAttribute', name: 'summary', value: describeZip(zip.entries.length, zip.bytes.length)},
          ];
        } catch (err) {
          throw new Error(`[example-folder] ${where}: ${(err as Error).message}`);
        }
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}
