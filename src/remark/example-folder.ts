/**
 * Remark plugin for `<ExampleFolder folder="05-configuration" />`:
 *
 * - checks that the folder exists in the doc's own examples root
 *   (examples/ for Next, versioned_examples/version-X/ for a release), and
 *   fails the build with the doc, its line and the folder otherwise;
 * - adds `files={N} bytes={B}`: the number of files in that folder's zip
 *   and the zip's size, computed here from the same function that writes
 *   the zip (src/plugins/example-downloads.ts), so the page states what the
 *   download really holds. The figures land in the page's own props, so no
 *   other page pays for them.
 *
 * The page depends on the folder (src/remark/watch-examples-loader.cjs), so
 * adding or editing a file there recomputes the figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR, examplesRootFor} from './examples';
import {isFolderName, zipFolder} from '../lib/example-downloads';

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

/** A JSX attribute `name={value}` holding a number literal. */
function numberAttribute(name: string, value: number): JsxAttribute {
  return {
    type: 'mdxJsxAttribute',
    name,
    value: {
      type: 'mdxJsxAttributeValueExpression',
      value: String(value),
      data: {
        estree: {
          type: 'Program',
          sourceType: 'module',
          body: [{type: 'ExpressionStatement', expression: {type: 'Literal', value, raw: String(value)}}],
        },
      },
    },
  };
}

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
            ...(node.attributes ?? []).filter((a) => a.name !== 'files' && a.name !== 'bytes'),
            numberAttribute('files', zip.entries.length),
            numberAttribute('bytes', zip.bytes.length),
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
