/**
 * A pass-through webpack/Rspack loader placed before the MDX loader. It
 * registers every example file a doc embeds as a dependency of that doc, so
 * editing an example rebuilds the page on the dev server and invalidates the
 * persistent build cache (the MDX loader alone only tracks the .mdx file).
 * It does the same for the folder an <ExampleFolder /> names.
 *
 * Plain CommonJS because the bundler `require`s loaders without a
 * TypeScript step. It mirrors `embeddedFiles()` in embed-examples.ts; the
 * test tests/site/embed.test.ts checks that both agree on every doc.
 */
'use strict';
const path = require('node:path');

const {examplesRootFor} = require('./examples-root.cjs');
const FENCE_META = /^\s*(?:`{3,}|~{3,})\S*[ \t]+(.*)$/gm;

function embeddedFiles(source, docPath) {
  const root = examplesRootFor(docPath);
  const files = new Set();
  for (const m of source.matchAll(FENCE_META)) {
    const file = /(?:^|\s)file=(\S+)/.exec(m[1]);
    if (file) files.add(path.resolve(root, file[1]));
  }
  return [...files];
}

/**
 * Folders named by <ExampleFolder folder="..." />: the page shows the file
 * count and size of the folder's zip (src/remark/example-folder.ts), so an
 * added, removed or edited file there must recompile it.
 */
function exampleFolderDirs(source, docPath) {
  const root = examplesRootFor(docPath);
  const dirs = new Set();
  for (const m of source.matchAll(/<ExampleFolder\b[^>]*?\bfolder="([^"]*)"/g)) {
    dirs.add(path.resolve(root, m[1]));
  }
  return [...dirs];
}

module.exports = function watchExamplesLoader(source) {
  for (const file of embeddedFiles(source, this.resourcePath)) {
    this.addDependency(file);
  }
  for (const dir of exampleFolderDirs(source, this.resourcePath)) {
    this.addContextDependency(dir);
  }
  return source;
};
module.exports.embeddedFiles = embeddedFiles;
module.exports.exampleFolderDirs = exampleFolderDirs;
