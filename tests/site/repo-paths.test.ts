/**
 * src/remark/repo-paths.ts: <RepoLink path> and <ExampleComparison left/right>
 * must name something in the repository, looked up in the doc's version.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import remarkRepoPaths from '../../src/remark/repo-paths';

async function compileAt(docRel: string, body: string): Promise<void> {
  // @mdx-js/mdx is ESM-only; this test file is compiled as CommonJS.
  const {compile} = await import('@mdx-js/mdx');
  await compile({value: body, path: path.join(SITE_DIR, docRel)}, {remarkPlugins: [remarkRepoPaths]});
}

test('existing paths pass, in Next and in a release', async () => {
  await compileAt('docs/probe.mdx', '<RepoLink path="examples/05-configuration">x</RepoLink> <RepoLink>repo</RepoLink>\n');
  await compileAt('versioned_docs/version-1.0/probe.mdx', '<ExampleComparison left="07-relations" right="09-reactive">\n\n| a |\n|---|\n\n</ExampleComparison>\n');
  await compileAt('docs/probe.mdx', '<RepoLink path="README.md">readme</RepoLink>\n');
});

test('a missing folder fails naming the doc, line and the path looked up', async () => {
  await assert.rejects(
    compileAt('docs/probe.mdx', 'Intro.\n\n<ExampleComparison left="07-relatoins" right="09-reactive">\n\n| a |\n|---|\n\n</ExampleComparison>\n'),
    /docs\/probe\.mdx:3: <ExampleComparison left="07-relatoins"> names examples\/07-relatoins, which is not in the repository/,
  );
  await assert.rejects(
    compileAt('versioned_docs/version-1.0/probe.mdx', 'See <RepoLink path="examples/nope">it</RepoLink>.\n'),
    /versioned_docs\/version-1\.0\/probe\.mdx:1: <RepoLink path="examples\/nope"> names versioned_examples\/version-1\.0\/nope/,
  );
  await assert.rejects(compileAt('docs/probe.mdx', '<RepoLink path="../outside">x</RepoLink>\n'), /not in the repository/);
  await assert.rejects(compileAt('docs/probe.mdx', '<RepoLink path={"examples"}>x</RepoLink>\n'), /path= must be a plain string/);
});
