/**
 * The print edition's chapter list and link rewriting, without a build
 * (src/plugins/print-edition.ts, src/data/print-edition.ts).
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {LoadedVersion} from '@docusaurus/plugin-content-docs';
import {editionOf, sidebarDocIds} from '../../src/plugins/print-edition';
import {chapterHeadingId, chapterSectionId, printEditionPath, printHref, type PrintChapter} from '../../src/data/print-edition';

function version(sidebars: Record<string, unknown[]>, docIds: string[]): LoadedVersion {
  return {
    versionName: 'current',
    label: 'Next',
    path: '/docs/next',
    isLast: false,
    banner: 'unreleased',
    sidebars,
    docs: docIds.map((id) => ({id, title: `Title of ${id}`, permalink: `/docs/next/${id}`, source: `@site/docs/${id}.mdx`})),
  } as unknown as LoadedVersion;
}

const tutorial = [
  {type: 'doc', id: 'before-you-begin'},
  {type: 'category', label: 'Hooks', items: [{type: 'doc', id: 'a'}, {type: 'category', label: 'Deeper', items: [{type: 'doc', id: 'b'}]}]},
  {type: 'link', href: 'https://example.org', label: 'elsewhere'},
  {type: 'doc', id: 'c'},
];

test('chapters come in sidebar order, nested categories included', () => {
  assert.deepEqual(sidebarDocIds(tutorial as never), ['before-you-begin', 'a', 'b', 'c']);
  const {data, sources} = editionOf(version({tutorial}, ['c', 'b', 'a', 'before-you-begin', 'faq/x']));
  assert.deepEqual(data.chapters.map((c) => c.id), ['before-you-begin', 'a', 'b', 'c']);
  assert.deepEqual(sources, ['@site/docs/before-you-begin.mdx', '@site/docs/a.mdx', '@site/docs/b.mdx', '@site/docs/c.mdx']);
  assert.equal(data.versionLabel, 'Next');
});

test('a missing sidebar or doc fails with a message naming the version', () => {
  assert.throws(() => editionOf(version({faq: []}, [])), /version "current" has no sidebar "tutorial" \(sidebars: faq\)/);
  assert.throws(() => editionOf(version({tutorial}, ['a'])), /version "current" names doc "before-you-begin", which does not exist/);
});

test('print edition paths follow the docs version paths', () => {
  assert.equal(printEditionPath('1.0', true), '/print');
  assert.equal(printEditionPath('current', false), '/print/next');
  assert.equal(printEditionPath('current', true), '/print');
  assert.equal(printEditionPath('0.9', false), '/print/0.9');
});

test('links inside a chapter point to the same place on the print page', () => {
  const chapters: PrintChapter[] = [
    {id: 'before-you-begin', title: 'B', permalink: '/docs/next/before-you-begin'},
    {id: 'relations', title: 'R', permalink: '/docs/next/relations'},
  ];
  const byPermalink = new Map(chapters.map((c) => [c.permalink, c]));
  const [here] = chapters;
  assert.equal(printHref('#juju-terms', here, byPermalink), `#${chapterHeadingId('before-you-begin', 'juju-terms')}`);
  assert.equal(printHref('/docs/next/relations#publish', here, byPermalink), `#${chapterHeadingId('relations', 'publish')}`);
  assert.equal(printHref('/docs/next/relations', here, byPermalink), `#${chapterSectionId('relations')}`);
  // Not in this edition: other versions, FAQ pages, other sites.
  for (const href of ['/docs/relations#publish', '/docs/next/faq/secrets', 'https://juju.is/docs']) {
    assert.equal(printHref(href, here, byPermalink), href);
  }
  assert.notEqual(chapterHeadingId('relations', 'summary'), chapterHeadingId('payloads', 'summary'));
});
