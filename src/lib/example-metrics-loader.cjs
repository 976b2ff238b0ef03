/**
 * A pass-through loader placed before the MDX loader: every file="..." and
 * folder="..." named by an <ExampleMetric /> tag becomes a dependency of the
 * doc (folders as context dependencies, so an added or removed file counts
 * too). The MDX loader alone only tracks the .mdx file, and the remark
 * plugin cannot declare dependencies. Plain CommonJS because the bundler
 * requires loaders without a TypeScript step; tests/site/example-metrics
 * .test.ts checks it against the tags of every doc.
 */
'use strict';
const path = require('node:path');

const {examplesRootFor} = require('../remark/examples-root.cjs');

/** {files, folders}: absolute paths the doc's metric tags read. */
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

module.exports = function exampleMetricsLoader(source) {
  const {files, folders} = metricDependencies(source, this.resourcePath);
  files.forEach((f) => this.addDependency(f));
  folders.forEach((d) => this.addContextDependency(d));
  return source;
};
module.exports.metricDependencies = metricDependencies;
