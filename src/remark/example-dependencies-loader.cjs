/**
 * One pass-through webpack/Rspack loader, placed before the MDX loader,
 * that makes each doc depend on everything under examples/ (or
 * versioned_examples/version-X/) that its page is made from:
 *
 * - files embedded by code fences (`file=...`): embeddedFiles(), the twin
 *   of embeddedFiles() in embed-examples.ts (tests/site/embed.test.ts
 *   checks that both agree on every doc);
 * - folders named by <ExampleFolder folder="..." />, whose zip's file count
 *   and size the page shows (src/remark/example-folder.ts);
 * - files and folders an <ExampleMetric /> counts (src/lib/example-metrics.ts);
 * - both folders an <ExampleChanges from="..." to="..." /> compares
 *   (src/remark/embed-example-changes.ts; src/plugins/example-changes.ts
 *   also uses exampleChangesTags() to find the pairs whose diffs it emits).
 *
 * Why a loader: the MDX loader only tracks the .mdx file, and remark
 * plugins cannot declare dependencies. With them declared, an edited,
 * added or removed example file rebuilds the page on the dev server and
 * invalidates the persistent build cache. Folders are context
 * dependencies, so an added or removed file counts too.
 *
 * Plain CommonJS because the bundler `require`s loaders without a
 * TypeScript step. src/plugins/example-dependencies.ts registers it.
 */
'use strict';
const path = require('node:path');

const {examplesRootFor} = require('./examples-root.cjs');

const FENCE_META = /^\s*(?:`{3,}|~{3,})\S*[ \t]+(.*)$/gm;

/** Absolute paths of the example files a doc's code fences embed. */
function embeddedFiles(source, docPath) {
  const root = examplesRootFor(docPath);
  const files = new Set();
  for (const m of source.matchAll(FENCE_META)) {
    const file = /(?:^|\s)file=(\S+)/.exec(m[1]);
    if (file) files.add(path.resolve(root, file[1]));
  }
  return [...files];
}

/** Absolute paths of the folders named by <ExampleFolder folder="..." />. */
function exampleFolderDirs(source, docPath) {
  const root = examplesRootFor(docPath);
  const dirs = new Set();
  for (const m of source.matchAll(/<ExampleFolder\b[^>]*?\bfolder="([^"]*)"/g)) {
    dirs.add(path.resolve(root, m[1]));
  }
  return [...dirs];
}

/** {files, folders}: absolute paths the doc's <ExampleMetric /> tags read. */
function metricDependencies(source, docPath) {
  const root = examplesRootFor(docPath);
  const files = new Set();
  const folders = new Set();
  for (const tag of source.matchAll(/<ExampleMetric\b[^>]*>/g)) {
    for (const m of tag[0].matchAll(/\b(file|folder)="([^"]*)"/g)) {
      (m[1] === 'file' ? files : folders).add(path.resolve(root, m[2]));
    }
  }
  return {files: [...files], folders: [...folders]};
}

/** [{root, from, to}] for every <ExampleChanges /> tag in a doc's source. */
function exampleChangesTags(source, docPath) {
  const root = examplesRootFor(docPath);
  const tags = [];
  for (const tag of source.matchAll(/<ExampleChanges\b[^>]*>/g)) {
    const from = /\bfrom="([^"]*)"/.exec(tag[0]);
    const to = /\bto="([^"]*)"/.exec(tag[0]);
    if (from && to) tags.push({root, from: from[1], to: to[1]});
  }
  return tags;
}

/** Everything a doc's page is made from: {files, folders}, absolute paths. */
function exampleDependencies(source, docPath) {
  const metrics = metricDependencies(source, docPath);
  const changes = exampleChangesTags(source, docPath).flatMap(({root, from, to}) => [path.resolve(root, from), path.resolve(root, to)]);
  return {
    files: [...new Set([...embeddedFiles(source, docPath), ...metrics.files])],
    folders: [...new Set([...exampleFolderDirs(source, docPath), ...metrics.folders, ...changes])],
  };
}

module.exports = function exampleDependenciesLoader(source) {
  const {files, folders} = exampleDependencies(source, this.resourcePath);
  files.forEach((file) => this.addDependency(file));
  folders.forEach((dir) => this.addContextDependency(dir));
  return source;
};
module.exports.embeddedFiles = embeddedFiles;
module.exports.exampleFolderDirs = exampleFolderDirs;
module.exports.metricDependencies = metricDependencies;
module.exports.exampleChangesTags = exampleChangesTags;
module.exports.exampleDependencies = exampleDependencies;
