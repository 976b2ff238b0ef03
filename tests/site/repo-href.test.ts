/**
 * Repository links (src/lib/repo-href.ts) are pinned to the build commit;
 * a release's example paths point into its snapshot, never at a tag.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {repoHref} from '../../src/lib/repo-href';

const REPO = 'https://example.test/owner/repo';
const SHA = 'a'.repeat(40);

test('Next links examples/ at the build commit', () => {
  assert.equal(repoHref(REPO, SHA, 'current', 'examples/05-configuration'), `${REPO}/tree/${SHA}/examples/05-configuration`);
});

test("a release links its snapshot's folder at the build commit", () => {
  assert.equal(repoHref(REPO, SHA, '1.0', 'examples/05-configuration'), `${REPO}/tree/${SHA}/versioned_examples/version-1.0/05-configuration`);
  assert.equal(repoHref(REPO, SHA, '1.0', 'examples'), `${REPO}/tree/${SHA}/versioned_examples/version-1.0`);
});

test('other paths and the bare repository are left as they are', () => {
  assert.equal(repoHref(REPO, SHA, '1.0', 'README.md'), `${REPO}/tree/${SHA}/README.md`);
  assert.equal(repoHref(REPO, SHA, '1.0', 'examplesx/y'), `${REPO}/tree/${SHA}/examplesx/y`);
  assert.equal(repoHref(REPO, SHA, '1.0'), REPO);
});
