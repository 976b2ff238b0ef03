/**
 * Remark plugin: every repository path a doc links through its components
 * exists, so no page links a folder that is not there.
 * - <RepoLink path="..."> (and no path: the repository itself);
 * - <ExampleComparison left="..." right="..."> (example folders).
 * A path under examples/ is looked up in the examples tree of the doc's
 * version (versioned_examples/version-X/ for a release, as RepoLink links
 * it); any other path in the site's own folder. A missing one fails the
 * build naming the doc and line. The other components check their own
 * folders (<ExampleFolder>, <ExampleChanges>, <ExampleMetric>).
 */
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR, examplesRootFor} from './examples';
import {isJsxTag, stringAttribute, whereIn, type MdxNode} from './mdx-jsx';

/** The file or folder a repository path names, for a doc of the given version tree. */
export function repoPathOnDisk(repoPath: string, docPath: string): string {
  const m = /^examples(?:\/(.*))?$/.exec(repoPath);
  return m ? path.join(examplesRootFor(docPath), m[1] ?? '') : path.join(SITE_DIR, repoPath);
}

function check(docPath: string, node: MdxNode, attribute: string, value: string | undefined, repoPath = value): void {
  const had = node.attributes?.some((a) => a.name === attribute);
  if (value === undefined || repoPath === undefined) {
    if (had) throw new Error(`[repo-paths] ${whereIn(docPath, node)}: <${node.name}> ${attribute}= must be a plain string`);
    return;
  }
  const onDisk = repoPathOnDisk(repoPath, docPath);
  const inside = path.relative(SITE_DIR, onDisk);
  if (inside.startsWith('..') || path.isAbsolute(inside) || !fs.existsSync(onDisk)) {
    throw new Error(`[repo-paths] ${whereIn(docPath, node)}: <${node.name} ${attribute}="${value}"> names ${inside}, which is not in the repository`);
  }
}

export default function remarkRepoPaths() {
  return (tree: MdxNode, file: {path?: string}): void => {
    const docPath = file.path ? path.resolve(file.path) : path.join(SITE_DIR, 'docs', 'unknown.mdx');
    const visit = (node: MdxNode): void => {
      if (isJsxTag(node, 'RepoLink')) check(docPath, node, 'path', stringAttribute(node, 'path'));
      if (isJsxTag(node, 'ExampleComparison')) {
        for (const side of ['left', 'right']) {
          const folder = stringAttribute(node, side);
          if (folder === undefined) throw new Error(`[repo-paths] ${whereIn(docPath, node)}: <ExampleComparison> needs ${side}="..."`);
          check(docPath, node, side, folder, `examples/${folder}`);
        }
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}
