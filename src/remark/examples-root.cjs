/**
 * Which examples folder a doc's listings come from, for the CommonJS
 * loaders that declare example files as bundler dependencies
 * (watch-examples, example-metrics, example-changes). Mirrors the rule in
 * src/remark/examples.ts: versioned_docs/version-X/ reads
 * versioned_examples/version-X/, everything else reads examples/.
 */
'use strict';
const path = require('node:path');

const SITE_DIR = path.resolve(__dirname, '..', '..');

function examplesRootFor(docPath) {
  const rel = path.relative(SITE_DIR, docPath).split(path.sep);
  if (rel[0] === 'versioned_docs' && (rel[1] || '').startsWith('version-')) {
    return path.join(SITE_DIR, 'versioned_examples', rel[1]);
  }
  return path.join(SITE_DIR, 'examples');
}

module.exports = {SITE_DIR, examplesRootFor};
