/**
 * Docusaurus plugin for <ExampleChanges /> (see src/remark/embed-example-
 * changes.ts, which puts each page's summary into the page; each doc
 * depends on the two folders its tags compare through
 * src/remark/example-dependencies-loader.cjs):
 *
 * - emits, in the client build, one JSON asset per compared pair with the
 *   diffs and whole files, under the content-hashed name the page's summary
 *   points at. Emitting it as a bundler asset serves it from memory on the
 *   dev server and writes it to build/ in a production build, and it is
 *   recomputed on every compilation, so a persistent cache cannot leave a
 *   page pointing at a missing file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {Plugin} from '@docusaurus/types';
import {SITE_DIR} from '../remark/examples';
import {compareFolders, splitChanges} from '../remark/folder-changes';
import {exampleChangesTags} from '../remark/example-dependencies-loader.cjs';

const DOC_DIRS = ['docs', 'versioned_docs'].map((d) => path.join(SITE_DIR, d));

function mdxFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) return mdxFiles(abs);
    return /\.mdx?$/.test(entry.name) ? [abs] : [];
  });
}

/** Every asset the docs' tags need: name -> JSON text. */
export function changeAssets(): Map<string, {json: string; folders: string[]}> {
  const assets = new Map<string, {json: string; folders: string[]}>();
  for (const doc of DOC_DIRS.flatMap(mdxFiles)) {
    for (const {root, from, to} of exampleChangesTags(fs.readFileSync(doc, 'utf8'), doc)) {
      let asset;
      try {
        ({asset} = splitChanges(compareFolders(root, from, to)));
      } catch {
        // The remark plugin fails the build for this tag, naming the doc and line.
        continue;
      }
      assets.set(asset.name, {json: asset.json, folders: [path.join(root, from), path.join(root, to)]});
    }
  }
  return assets;
}

interface CompilerLike {
  webpack: {
    sources: {RawSource: new (source: string) => unknown};
    Compilation: {PROCESS_ASSETS_STAGE_ADDITIONAL: number};
  };
  hooks: {thisCompilation: {tap(name: string, fn: (compilation: CompilationLike) => void): void}};
}

interface CompilationLike {
  hooks: {processAssets: {tap(options: {name: string; stage: number}, fn: () => void): void}};
  emitAsset(name: string, source: unknown): void;
  contextDependencies: {add(dir: string): void};
}

/** Bundler plugin that emits the diff assets (Rspack and webpack alike). */
class EmitExampleChanges {
  apply(compiler: CompilerLike): void {
    const {sources, Compilation} = compiler.webpack;
    compiler.hooks.thisCompilation.tap('EmitExampleChanges', (compilation) => {
      compilation.hooks.processAssets.tap(
        {name: 'EmitExampleChanges', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL},
        () => {
          for (const [name, {json, folders}] of changeAssets()) {
            compilation.emitAsset(name, new sources.RawSource(json));
            folders.forEach((dir) => compilation.contextDependencies.add(dir));
          }
        },
      );
    });
  }
}

export default function exampleChangesPlugin(): Plugin {
  return {
    name: 'example-changes',
    configureWebpack(_config, isServer) {
      return {
        // The server build renders HTML only; the browser fetches the asset.
        plugins: isServer ? [] : [new EmitExampleChanges()],
      };
    },
  };
}
