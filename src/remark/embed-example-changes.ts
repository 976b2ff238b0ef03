/**
 * Remark plugin: give each <ExampleChanges from="…" to="…" /> the changes
 * between two example folders of the doc's own version, computed at build
 * time (src/remark/folder-changes.ts):
 *
 *     <ExampleChanges from="04-juju-status" to="05-configuration" />
 *
 * gets a `changes` attribute: the file list with line counts and the URL of
 * the JSON that holds the diffs (emitted by src/plugins/example-changes.ts).
 * The summary is an expression in the page's own MDX, so it ships in that
 * page's chunk only; the diff text stays out of the page until a reader
 * opens a file. An unknown folder fails the build naming the doc and folder.
 *
 * The plugin also imports the component into each page that uses the tag,
 * instead of it being a global MDX component: a global one would ship its
 * code on every doc page (1.3 KiB gzip measured), for the six chapters that
 * use it.
 */
import path from 'node:path';
import {ExampleError, SITE_DIR, examplesRootFor} from './examples';
import {compareFolders, splitChanges} from './folder-changes';
import {expressionAttribute, isJsxTag, setAttributes, stringAttribute, whereIn, type Json, type MdxNode} from './mdx-jsx';

export const TAG = 'ExampleChanges';

type AnyNode = MdxNode;

/** from and to of a tag; throws unless both are plain strings. */
export function foldersOf(node: AnyNode): {from: string; to: string} {
  const from = stringAttribute(node, 'from');
  const to = stringAttribute(node, 'to');
  if (!from || !to) {
    throw new ExampleError(`<${TAG}> needs from="NN-slug" and to="NN-slug" as plain strings`);
  }
  return {from, to};
}

export interface Options {
  /** Compare in this examples root instead of the doc's own (for tests). */
  root?: string;
  /** Module the page imports the component from; false: none (for tests). */
  component?: string | false;
}

const COMPONENT = '@site/src/components/ExampleChanges';

/** `import ExampleChanges from '<source>';` as an MDX ESM node. */
function importNode(source: string): AnyNode {
  const declaration = {
    type: 'ImportDeclaration',
    specifiers: [{type: 'ImportDefaultSpecifier', local: {type: 'Identifier', name: TAG}}],
    source: {type: 'Literal', value: source, raw: JSON.stringify(source)},
  };
  return {
    type: 'mdxjsEsm',
    value: `import ${TAG} from ${JSON.stringify(source)};`,
    data: {estree: {type: 'Program', sourceType: 'module', body: [declaration]}},
  } as AnyNode;
}

export default function remarkExampleChanges(options: Options = {}) {
  return (tree: AnyNode, file: {path?: string}): void => {
    const docPath = file.path ? path.resolve(file.path) : SITE_DIR;
    const root = options.root ?? examplesRootFor(docPath);
    const component = options.component ?? COMPONENT;
    let used = false;
    const visit = (node: AnyNode): void => {
      if (isJsxTag(node, TAG)) {
        const where = whereIn(docPath, node);
        try {
          const {from, to} = foldersOf(node);
          used = true;
          const {summary} = splitChanges(compareFolders(root, from, to));
          setAttributes(node, [expressionAttribute('changes', summary as unknown as Json)]);
        } catch (err) {
          if (err instanceof ExampleError) throw new Error(`[example-changes] ${where}: ${err.message}`);
          throw err;
        }
      }
      node.children?.forEach(visit);
    };
    visit(tree);
    const imported = tree.children?.some((n) => n.type === 'mdxjsEsm' && new RegExp(`\\b${TAG}\\b`).test(n.value ?? ''));
    if (used && component && !imported) tree.children?.unshift(importNode(component));
  };
}
