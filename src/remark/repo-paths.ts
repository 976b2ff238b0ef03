/**
 * Remark plugin: every repository path a doc links through its components
 * exists, so no page links a folder that is not there.
 * - <RepoLink path="..."> (and no path: the repository itself);
 * - <ExampleComparison left="..." right="..."> (example folders).
 * A path is looked up where the link goes (src/lib/repo-href.ts):
 * examples/ in a release's docs means its versioned_examples/version-X/.
 * A missing one fails the build naming the doc and line. The other components check their own
 * folders (<ExampleFolder>, <ExampleChanges>, <ExampleMetric>).
 */
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from './examples';
import {docsVersionOf} from './example-folder';
import {repoPath} from '../lib/repo-href';
import {isJsxTag, stringAttribute, whereIn, type MdxNode} from './mdx-jsx';

/** A tag's attribute as a plain string, undefined when absent; any other form is an error. */
function plainAttribute(docPath: string, node: MdxNode, name: string): string | undefined {
  const value = stringAttribute(node, name);
  if (value === undefined && node.attributes?.some((a) => a.name === name)) {
    throw new Error(`[repo-paths] ${whereIn(docPath, node)}: <${node.name}> ${name}= must be a plain string`);
  }
  return value;
}

/**
 * Fails unless `linked` (a path as a doc writes it, examples/...) exists at
 * the place the link goes: repoPath() is the very rule <RepoLink> links by.
 */
function check(docPath: string, node: MdxNode, written: string, linked: string): void {
  const onDisk = path.join(SITE_DIR, repoPath(docsVersionOf(docPath), linked));
  const inside = path.relative(SITE_DIR, onDisk);
  if (inside.startsWith('..') || path.isAbsolute(inside) || !fs.existsSync(onDisk)) {
    throw new Error(`[repo-paths] ${whereIn(docPath, node)}: <${node.name} ${written}> names ${inside}, which is not in the repository`);
  }
}

export default function remarkRepoPaths() {
  return (tree: MdxNode, file: {path?: string}): void => {
    const docPath = file.path ? path.resolve(file.path) : path.join(SITE_DIR, 'docs', 'unknown.mdx');
    const visit = (node: MdxNode): void => {
      if (isJsxTag(node, 'RepoLink')) {
        const linked = plainAttribute(docPath, node, 'path');
        if (linked !== undefined) check(docPath, node, `path="${linked}"`, linked);
      }
      if (isJsxTag(node, 'ExampleComparison')) {
        for (const side of ['left', 'right']) {
          const folder = plainAttribute(docPath, node, side);
          if (folder === undefined) throw new Error(`[repo-paths] ${whereIn(docPath, node)}: <ExampleComparison> needs ${side}="..."`);
          check(docPath, node, `${side}="${folder}"`, `examples/${folder}`);
        }
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}
