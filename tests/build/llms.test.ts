/**
 * llms.txt and llms-full.txt in the production build (src/plugins/llms-txt.ts):
 * the index links every tutorial chapter and FAQ page of the latest version
 * that the build serves, every link leads to a file of the build, and the
 * full text holds the example code the pages show, with no empty listing,
 * region marker or component tag left.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR, cutListing, examplesRootFor, readExample, resolveExample} from '../../src/remark/examples';
import {parseEmbedMeta} from '../../src/remark/embed-examples';
import {releasedVersions} from '../../src/data/versions';
import {listFiles} from '../site/pasted-code';
import {docPages} from './assets';

const BUILD = path.join(SITE_DIR, 'build');
const built = fs.existsSync(path.join(BUILD, 'index.html'));
const LATEST = releasedVersions()[0];
const LATEST_DOCS = path.join(SITE_DIR, LATEST ? `versioned_docs/version-${LATEST}` : 'docs');

test('the production build exists', () => {
  assert.ok(built, 'run `npx docusaurus build` first');
});

/** Where the build says the site lives (the sitemap's first URL). */
function origin(): string {
  const loc = /<loc>(https?:\/\/[^/<]+)/.exec(fs.readFileSync(path.join(BUILD, 'sitemap.xml'), 'utf8'));
  assert.ok(loc, 'no <loc> in build/sitemap.xml');
  return loc[1];
}

function read(rel: string): string {
  const file = path.join(BUILD, rel);
  assert.ok(fs.existsSync(file), `build/${rel} is missing`);
  return fs.readFileSync(file, 'utf8');
}

/** `- [Title](url): description` links of llms.txt, by section. */
function sections(txt: string): Map<string, Array<{title: string; url: string}>> {
  const out = new Map<string, Array<{title: string; url: string}>>();
  let current = '';
  for (const line of txt.split('\n')) {
    const h = /^## (.+)$/.exec(line);
    if (h) out.set((current = h[1]), []);
    const l = /^- \[([^\]]+)\]\((\S+)\)/.exec(line);
    if (l && current) out.get(current)!.push({title: l[1], url: l[2]});
  }
  return out;
}

/** The doc ids of a sidebar of the latest version, in order. */
function sidebarIds(name: string): string[] {
  const file = LATEST
    ? path.join(SITE_DIR, 'versioned_sidebars', `version-${LATEST}-sidebars.json`)
    : null;
  assert.ok(file, 'this test expects a released version');
  type Item = string | {type?: string; id?: string; items?: Item[]};
  const walk = (items: Item[]): string[] =>
    items.flatMap((i) => (typeof i === 'string' ? [i] : i.type === 'doc' && i.id ? [i.id] : walk(i.items ?? [])));
  return walk(JSON.parse(fs.readFileSync(file, 'utf8'))[name] as Item[]);
}

/** The URL path of a doc of the latest version, from its front matter. */
function permalinkOf(id: string): string {
  const file = [`${id}.mdx`, `${id}.md`].map((f) => path.join(LATEST_DOCS, f)).find((f) => fs.existsSync(f))
    ?? listFiles(LATEST_DOCS).find((f) => new RegExp(`^id: ${path.basename(id)}$`, 'm').test(fs.readFileSync(f, 'utf8'))
      && path.dirname(path.relative(LATEST_DOCS, f)) === (path.dirname(id) === '.' ? '.' : path.dirname(id)));
  assert.ok(file, `no source for doc ${id}`);
  const slug = /^slug:\s*(\S+)\s*$/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
  assert.ok(slug, `${file} has no slug`);
  return `/docs${slug}`;
}

/**
 * Fenced code blocks of a Markdown file, block quotes unwrapped:
 * meta string and body.
 */
function fences(md: string): Array<{meta: string; body: string}> {
  const out: Array<{meta: string; body: string}> = [];
  let open: {marker: string; meta: string; body: string[]} | null = null;
  for (const raw of md.split('\n')) {
    const line = raw.replace(/^(?:> ?)+/, '');
    if (!open) {
      const m = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
      if (m) open = {marker: m[1], meta: m[2].trim(), body: []};
    } else if (new RegExp(`^\\s*${open.marker[0]}{${open.marker.length},}\\s*$`).test(line)) {
      out.push({meta: open.meta, body: open.body.join('\n')});
      open = null;
    } else {
      open.body.push(line);
    }
  }
  assert.equal(open, null, 'a fence in the file is never closed');
  return out;
}

/**
 * Independent of src/remark/examples.ts: the lines between the region's
 * markers, without any marker line, dedented, blank edges trimmed.
 */
function regionByHand(file: string, region: string): string {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.includes(`docs:region ${region}`) && !l.includes('endregion'));
  const end = lines.findIndex((l, i) => i > start && l.includes(`docs:endregion ${region}`));
  assert.ok(start >= 0 && end > start, `region ${region} not in ${file}`);
  const body = lines.slice(start + 1, end).filter((l) => !/docs:(?:end)?region /.test(l));
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  const cut = body.map((l) => l.slice(indent));
  while (cut.length && !cut[0].trim()) cut.shift();
  while (cut.length && !cut[cut.length - 1].trim()) cut.pop();
  return cut.join('\n');
}

if (built && LATEST) {
  const ORIGIN = origin();
  const index = read('llms.txt');
  const full = read('llms-full.txt');
  const nextIndex = read('docs/next/llms.txt');
  const nextFull = read('docs/next/llms-full.txt');

  test('llms.txt has the llmstxt.org shape', () => {
    const lines = index.split('\n');
    assert.equal(lines[0], '# Charming with Docker');
    assert.match(lines[2], /^> \S/);
    for (const s of ['Tutorial', 'FAQ', 'Glossary', 'Optional']) assert.ok(sections(index).has(s), `no "## ${s}" section`);
    for (const [name, links] of sections(index)) assert.ok(links.length > 0, `section ${name} has no links`);
    assert.ok(index.includes(`${ORIGIN}/llms-full.txt`), 'llms.txt does not point to llms-full.txt');
  });

  test('llms.txt lists the tutorial chapters and the FAQ in sidebar order', () => {
    const s = sections(index);
    assert.deepEqual(s.get('Tutorial')!.map((l) => l.url), sidebarIds('tutorial').map((id) => ORIGIN + permalinkOf(id)));
    assert.deepEqual(
      s.get('FAQ')!.map((l) => l.url),
      sidebarIds('faq').filter((id) => id !== 'glossary').map((id) => ORIGIN + permalinkOf(id)),
    );
    assert.deepEqual(s.get('Glossary')!.map((l) => l.url), [`${ORIGIN}/docs/glossary`]);
  });

  test('llms.txt links every doc page of the latest version in the build', () => {
    const latestPages = docPages(BUILD).filter((p) => p.version === LATEST).map((p) => ORIGIN + p.page);
    assert.ok(latestPages.length > 20, `only ${latestPages.length} pages of version ${LATEST} found in build/`);
    const linked = new Set([...sections(index).values()].flat().map((l) => l.url));
    assert.deepEqual(latestPages.filter((u) => !linked.has(u)), [], 'pages of the build missing from llms.txt');
  });

  test('every URL in both llms.txt files is a file of the build', () => {
    for (const [name, txt] of [['llms.txt', index], ['docs/next/llms.txt', nextIndex]]) {
      const urls = [...txt.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0]).filter((u) => u.startsWith(ORIGIN));
      assert.ok(urls.length > 30, `${name}: only ${urls.length} site URLs`);
      for (const url of urls) {
        const p = new URL(url).pathname;
        const candidates = [p, `${p}.html`, `${p}/index.html`].map((c) => path.join(BUILD, c));
        assert.ok(candidates.some((c) => fs.existsSync(c) && fs.statSync(c).isFile()), `${name}: ${url} is not in build/`);
      }
    }
    assert.match(index, new RegExp(`\\(${ORIGIN}/docs/next/llms-full\\.txt\\)`), 'llms.txt does not point to the Next edition');
  });

  test('llms-full.txt has a header with title, URL and description for every page of llms.txt', () => {
    for (const {title, url} of [...sections(index).entries()].filter(([n]) => n !== 'Optional').flatMap(([, l]) => l)) {
      assert.ok(full.includes(`\n# ${title}\n\nURL: ${url}\n\n> `), `no header for ${url}`);
    }
  });

  test('llms-full.txt holds two listings cut by hand from the released examples', () => {
    const root = path.join(SITE_DIR, 'versioned_examples', `version-${LATEST}`);
    const blocks = fences(full);
    for (const [file, region] of [
      ['05-configuration/config.yaml', 'site'],
      ['07-relations/reactive/docker_webapp.py', 'publish'],
    ]) {
      const expected = regionByHand(path.join(root, file), region);
      assert.ok(expected.split('\n').length >= 3, `${file} region ${region} is too short to prove anything`);
      const block = blocks.find((b) => b.body === expected);
      assert.ok(block, `llms-full.txt has no listing equal to ${file} region ${region}`);
      assert.match(block.meta, new RegExp(`title="examples/${file.replace(/[.]/g, '\\.')}"`));
    }
  });

  for (const [name, txt, docsDir] of [
    ['llms-full.txt', full, LATEST_DOCS],
    ['docs/next/llms-full.txt', nextFull, path.join(SITE_DIR, 'docs')],
  ] as const) {
    test(`${name}: every listing the docs embed is there, none empty, no marker or component tag`, () => {
      const blocks = fences(txt);
      const bodies = new Set(blocks.map((b) => b.body));
      let checked = 0;
      for (const doc of listFiles(docsDir).filter((f) => f.endsWith('.mdx'))) {
        for (const m of fs.readFileSync(doc, 'utf8').matchAll(/^\s*(?:`{3,}|~{3,})\S*[ \t]+(.*)$/gm)) {
          const req = parseEmbedMeta(m[1]);
          if (!req) continue;
          const text = cutListing(readExample(resolveExample(examplesRootFor(doc), req.file), req.file), req.region, req.file);
          assert.ok(bodies.has(text), `${name}: listing ${req.file}${req.region ? ` region ${req.region}` : ''} of ${path.relative(SITE_DIR, doc)} missing`);
          checked++;
        }
      }
      assert.ok(checked > 50, `only ${checked} listings checked`);
      assert.deepEqual(blocks.filter((b) => b.body.trim() === '').map((b) => b.meta), [], 'empty code blocks');
      assert.deepEqual(blocks.filter((b) => /(?:^|\s)file=/.test(b.meta)).map((b) => b.meta), [], 'file= left in a fence');
      assert.doesNotMatch(txt, /docs:(?:end)?region/);
      const components = [...fs.readdirSync(path.join(SITE_DIR, 'src/components')), 'ExampleMetric'];
      for (const c of components) assert.doesNotMatch(txt, new RegExp(`<${c}\\b`), `raw <${c}> tag`);
      assert.doesNotMatch(txt, /^import |^export (?:default|const)/m);
      assert.doesNotMatch(txt, /\{#[a-z0-9-]+\}/, 'explicit heading ids left in');
    });
  }

  test('each edition pins repository links to its own code', () => {
    assert.match(full, new RegExp(`/tree/[0-9a-f]{40}/versioned_examples/version-${LATEST.replace(/\./g, '\\.')}/`), `llms-full.txt has no link into the ${LATEST} snapshot`);
    assert.doesNotMatch(full, /\/tree\/[0-9a-f]{40}\/examples\//, `the ${LATEST} edition links to Next's examples`);
    assert.doesNotMatch(full + nextFull, /\/tree\/v\d/, 'a link to a release tag (tags are not pushed)');
    assert.doesNotMatch(nextFull, /\/versioned_examples\//, "the Next edition links to a release's snapshot");
    assert.match(nextFull, /\/tree\/[0-9a-f]{40}\/examples\//);
  });
}
