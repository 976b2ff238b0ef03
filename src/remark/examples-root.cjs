/**
 * Which examples tree a doc file reads from. A released version's docs
 * (versioned_docs/version-X/...) read the examples snapshot taken with it
 * (versioned_examples/version-X/), so old versions keep showing old code;
 * everything else reads examples/. CommonJS, so that the loader that
 * declares example files as bundler dependencies
 * (example-dependencies-loader.cjs) can require it; the remark plugins get
 * it through src/remark/examples.ts.
 */
'use strict';
const path = require('node:path');

const SITE_DIR = path.resolve(__dirname, '..', '..');

function examplesRootFor(docPath, siteDir = SITE_DIR) {
  const rel = path.relative(siteDir, docPath).split(path.sep);
  if (rel[0] === 'versioned_docs' && (rel[1] || '').startsWith('version-')) {
    return path.join(siteDir, 'versioned_examples', rel[1]);
  }
  return path.join(siteDir, 'examples');
}

module.exports = {SITE_DIR, examplesRootFor};
