/**
 * A pass-through loader placed before the MDX loader: both folders named by
 * an <ExampleChanges from="…" to="…" /> tag become context dependencies of
 * the doc, so an edited, added or removed example file recomputes the
 * summary the page carries (dev server and persistent build cache alike;
 * the remark plugin cannot declare dependencies itself).
 *
 * Plain CommonJS because the bundler requires loaders without a TypeScript
 * step. exampleChangesTags() is also what src/plugins/example-changes.ts
 * uses to find the pairs whose diffs it emits; tests/site/example-changes
 * .test.ts checks it against the remark plugin on every doc.
 */
'use strict';
const path = require('node:path');

const {examplesRootFor} = require('./examples-root.cjs');

/** [{root, from, to}] for every tag in a doc's source. */
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

module.exports = function exampleChangesLoader(source) {
  for (const {root, from, to} of exampleChangesTags(source, this.resourcePath)) {
    this.addContextDependency(path.resolve(root, from));
    this.addContextDependency(path.resolve(root, to));
  }
  return source;
};
module.exports.exampleChangesTags = exampleChangesTags;
