/**
 * The glossary: every term of src/data/glossary-terms.ts has an entry in
 * every version's glossary page, and the remark plugin links the first
 * prose use of a term in a chapter, and nothing else.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {GLOSSARY_TERMS, findTermUses} from '../../src/data/glossary-terms';
import {releasedVersions} from '../../src/data/versions';
import {SITE_DIR} from '../../src/remark/examples';
import remarkGlossaryLinks, {glossaryLinkFor} from '../../src/remark/glossary-links';
import {mdxParser, preprocessMdx} from '../../src/lib/mdx-source';

const VERSION_DIRS = ['docs', ...releasedVersions().map((v) => `versioned_docs/version-${v}`)];

for (const dir of VERSION_DIRS) {
  const file = path.join(SITE_DIR, dir, 'glossary.mdx');
  test(`${dir}/glossary.mdx has an entry for every term`, () => {
    assert.ok(fs.existsSync(file), `${dir}/glossary.mdx is missing`);
    const source = fs.readFileSync(file, 'utf8');
    assert.match(source, /^slug: \/glossary$/m);
    assert.match(source, /^title: "Glossary: Juju terms for Docker users"$/m);
    assert.match(source, /^description: \S/m);
    // Each entry runs from its heading to the next heading.
    const entries = source.split(/^(?=#{2,3} )/m);
    for (const term of GLOSSARY_TERMS) {
      const entry = entries.find((e) => e.startsWith(`### ${term.term} {#${term.id}}\n`));
      assert.ok(entry, `${dir}/glossary.mdx: no heading "### ${term.term} {#${term.id}}"`);
      assert.match(entry, /\*\*Closest Docker idea:\*\* \S/, `${term.id}: no Docker analogue (or why there is none)`);
      assert.match(entry, /\*\*Taught in:\*\* .*\]\(\.\/(?:\d\d-[a-z-]+|before-you-begin)\.mdx#[a-z-]+\)/,
        `${term.id}: no link to the chapter that teaches it`);
    }
    // And the other way: an entry whose term was dropped from the list
    // would never be linked from a chapter.
    const termIds = new Set(GLOSSARY_TERMS.map((t) => t.id));
    const entryIds = [...source.matchAll(/^### .* \{#([a-z-]+)\}$/gm)].map((m) => m[1]);
    assert.deepEqual(entryIds.filter((id) => !termIds.has(id)), [], `${dir}/glossary.mdx: entries with no term in src/data/glossary-terms.ts`);
  });
}

test('the glossary is in the FAQ sidebar of every version, not in the tutorial', async () => {
  const {default: next} = await import('../../sidebars');
  const sidebars: Array<[string, Record<string, unknown>]> = [['sidebars.ts', next as Record<string, unknown>]];
  for (const v of releasedVersions()) {
    const file = `versioned_sidebars/version-${v}-sidebars.json`;
    sidebars.push([file, JSON.parse(fs.readFileSync(path.join(SITE_DIR, file), 'utf8'))]);
  }
  for (const [file, s] of sidebars) {
    assert.ok(JSON.stringify(s.faq).includes('"glossary"'), `${file}: glossary not in the faq sidebar`);
    assert.ok(!JSON.stringify(s.tutorial).includes('"glossary"'), `${file}: glossary in the tutorial sidebar`);
  }
});

test('a term matches whole words, both forms, any case, never inside a longer name', () => {
  const all = new Set(GLOSSARY_TERMS.map((t) => t.id));
  const ids = (s: string) => findTermUses(s, all).map((m) => `${m.id}:${m.text}`);
  assert.deepEqual(ids('Relations join Units.'), ['relation:Relations', 'unit:Units']);
  assert.deepEqual(ids("the unit's charm"), ['unit:unit', 'charm:charm']);
  assert.deepEqual(ids('charm-tools, charms.reactive, layer:docker, relation-set, hooks/install, @hook, charmcraft'), []);
  assert.deepEqual(ids('a charm.'), ['charm:charm']);
});

test('rules keep unrelated senses of common words unlinked', () => {
  const all = new Set(GLOSSARY_TERMS.map((t) => t.id));
  const ids = (s: string) => findTermUses(s, all).map((m) => m.id);
  assert.deepEqual(ids('a Docker image layer'), []);
  assert.deepEqual(ids('extra command-line flags'), []);
  assert.deepEqual(ids('on your own machine, or a virtual machine'), []);
  assert.deepEqual(ids('open it on the machine that runs Juju'), []);
  assert.deepEqual(ids('Machine charms, like this one'), ['charm']);
  assert.deepEqual(ids('run the unit tests'), []);
  assert.deepEqual(ids('a user interface'), []);
  // The rule skips only that use; a later one in the same text still counts.
  assert.deepEqual(findTermUses('your machine, then the unit\'s machine', new Set(['machine'])).map((m) => m.index), [30]);
  assert.deepEqual(ids("Juju's relation model"), ['relation']);
});

async function linked(markdown: string, docPath = path.join(SITE_DIR, 'docs', 'sample-chapter.mdx'), siteDir = SITE_DIR) {
  const proc = (await mdxParser()).use(remarkGlossaryLinks, {siteDir});
  const file = {path: docPath, value: preprocessMdx(markdown)};
  const tree = await proc.run(proc.parse(file), file);
  return proc.stringify(tree as never, file);
}

test('the plugin links the first prose use of each term only', async () => {
  const out = await linked('A charm has units. Another charm, more units.\n\n- One more *charm* and `x` unit.\n');
  assert.match(out, /^A \[charm\]\(\.\/glossary\.mdx#charm\) has \[units\]\(\.\/glossary\.mdx#unit\)\. Another charm, more units\./);
  assert.match(out, /[-*] One more \*charm\* and `x` unit\./);
  assert.equal(out.match(/glossary\.mdx/g)?.length, 2);
});

test('a term the doc links to its entry by hand gets no second, automatic link', async () => {
  const out = await linked('A unit runs a charm.\n\n| Term | Means |\n| --- | --- |\n| [**unit**](./glossary.mdx#unit) | a copy |\n');
  assert.equal(out.match(/glossary\.mdx#unit/g)?.length, 1, out);
  assert.match(out, /^A unit runs a \[charm\]\(\.\/glossary\.mdx#charm\)\./);
});

test('headings, code, inline code, links, admonition titles, table headers and JSX attributes do not count', async () => {
  const md = [
    '## The charm {#the-charm}',
    '',
    ':::note[A hook and a flag]',
    '',
    'Some `charm` and [a charm](./x.mdx) and <RepoLink path="charm">the charm repo</RepoLink>.',
    '',
    ':::',
    '',
    '```text',
    'charm hook flag',
    '```',
    '',
    '| hook | flag |',
    '| --- | --- |',
    '| x | y |',
    '',
    '<ExampleFolder folder="charm" />',
    '',
    'Now the charm, its hook and its flag.',
    '',
  ].join('\n');
  const out = await linked(md);
  assert.match(out, /## The charm \\?\{#the-charm\}/);
  assert.match(out, /Some `charm` and \[a charm\]\(\.\/x\.mdx\) and <RepoLink path="charm">the charm repo<\/RepoLink>\./);
  assert.match(out, /```text\ncharm hook flag\n```/);
  assert.match(out, /\| hook \| flag \|/);
  assert.match(out, /<ExampleFolder folder="charm" \/>/);
  assert.match(out, /Now the \[charm\]\(\.\/glossary\.mdx#charm\), its \[hook\]\(\.\/glossary\.mdx#hook\) and its \[flag\]\(\.\/glossary\.mdx#flag\)\./);
  assert.equal(out.match(/glossary\.mdx/g)?.length, 3);
});

test('only chapters of a version with a glossary get links', () => {
  const chapter = path.join(SITE_DIR, 'docs', '02-docker-layer.mdx');
  assert.equal(glossaryLinkFor(chapter), './glossary.mdx');
  assert.equal(glossaryLinkFor(path.join(SITE_DIR, 'docs', 'faq', 'env-vars.mdx')), null);
  assert.equal(glossaryLinkFor(path.join(SITE_DIR, 'docs', 'glossary.mdx')), null);
  for (const v of releasedVersions()) {
    assert.equal(glossaryLinkFor(path.join(SITE_DIR, 'versioned_docs', `version-${v}`, '02-docker-layer.mdx')), './glossary.mdx');
  }
  // A release cut before the glossary existed is left alone.
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-'));
  fs.mkdirSync(path.join(site, 'versioned_docs', 'version-0.9'), {recursive: true});
  assert.equal(glossaryLinkFor(path.join(site, 'versioned_docs', 'version-0.9', 'a.mdx'), site), null);
  fs.rmSync(site, {recursive: true});
});

test('a doc outside a glossary version is not changed', async () => {
  const out = await linked('A charm.\n', path.join(SITE_DIR, 'docs', 'faq', 'sample.mdx'));
  assert.equal(out.trim(), 'A charm.');
});
