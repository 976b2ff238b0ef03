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
 * The page depends on the folder (src/remark/example-dependencies-loader.cjs), so
 * adding or editing a file there recomputes the figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR, examplesRootFor} from './examples';
import {isFolderName, zipFolder} from '../lib/example-downloads';
import {describeZip, downloadPath} from '../lib/download-path';
import {isJsxTag, setAttributes, stringAttribute, whereIn, type MdxNode} from './mdx-jsx';

export const TAG = 'ExampleFolder';

type AnyNode = MdxNode;

/** Docs version name of a doc file: 'current' (docs/) or 'X' (versioned_docs/version-X/). */
export function docsVersionOf(docPath: string, siteDir = SITE_DIR): string {
  const rel = path.relative(siteDir, docPath).split(path.sep);
  return rel[0] === 'versioned_docs' && rel[1]?.startsWith('version-') ? rel[1].slice('version-'.length) : 'current';
}

/** The folder a tag names; throws if it is missing or not a plain name. */
export function folderOf(node: AnyNode): string {
  const folder = stringAttribute(node, 'folder');
  if (folder === undefined) {
    throw new Error(`<${TAG}> needs folder="NN-slug" as a plain string`);
  }
  if (!isFolderName(folder)) {
    throw new Error(`<${TAG} folder="${folder}"> must name one folder, like "05-configuration"`);
  }
  return folder;
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
      if (isJsxTag(node, TAG)) {
        const where = whereIn(docPath, node);
        try {
          const folder = folderOf(node);
          const dir = path.join(root, folder);
          if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
            throw new Error(
              `<${TAG} folder="${folder}"> names ${path.relative(SITE_DIR, dir)}/, which does not exist`,
            );
          }
          const zip = zipFolder(root, folder);
          // Computed here; a doc cannot set them itself.
          setAttributes(node, [
            {type: 'mdxJsxAttribute', name: 'href', value: downloadPath(docsVersionOf(docPath), folder)},
            {type: 'mdxJsxAttribute', name: 'summary', value: describeZip(zip.entries.length, zip.bytes.length)},
          ]);
        } catch (err) {
          throw new Error(`[example-folder] ${where}: ${(err as Error).message}`);
        }
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}
