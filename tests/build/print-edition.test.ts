/**
 * The print edition in build/: for every docs version, its page has every
 * tutorial chapter title in sidebar order, every listing those chapters
 * embed (from that version's examples), and no id twice.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR, cutListing, examplesRootFor, readExample, resolveExample} from '../../src/remark/examples';
import {parseEmbedMeta} from '../../src/remark/embed-examples';
import {releasedVersions} from '../../src/data/versions';
import {PRINT_SIDEBAR, printEditionPath} from '../../src/data/print-edition';
import sidebarsConfig from '../../sidebars';

const BUILD = path.resolve(process.env.SITE_BUILD_DIR ?? path.join(SITE_DIR, 'build'));

/** Text of HTML without tags or whitespace (Prism puts each line in its own element). */
function flatText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&')
    // The heading's hash link is a zero-width space.
    .replace(/[\s\u200b]+/g, '');
}

type ConfigItem = string | {type: string; id?: string; items?: ConfigItem[]; link?: {type: string; id?: string}};

/** Doc ids of a sidebar as written in sidebars.ts or a versioned sidebar JSON. */
function docIds(items: ConfigItem[]): string[] {
  return items.flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (item.type === 'doc' && item.id) return [item.id];
    if (item.type === 'category') return [...(item.link?.type === 'doc' && item.link.id ? [item.link.id] : []), ...docIds(item.items ?? [])];
    return [];
  });
}

/** MDX files of a docs folder by front-matter id. */
function docsById(dir: string): Map<string, {file: string; source: string; title: string}> {
  const out = new Map<string, {file: string; source: string; title: string}>();
  for (const name of fs.readdirSync(dir)) {
    if (!/\.mdx?$/.test(name)) continue;
    const file = path.join(dir, name);
    const source = fs.readFileSync(file, 'utf8');
    const fm = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
    const id = /^id:\s*(.+)$/m.exec(fm)?.[1].trim() ?? name.replace(/\.mdx?$/, '');
    const title = /^title:\s*"?(.*?)"?\s*$/m.exec(fm)?.[1];
    assert.ok(title, `${file}: no title in front matter`);
    out.set(id, {file, source, title});
  }
  return out;
}

const released = releasedVersions();
const editions = [
  ...released.map((v, i) => ({
    name: v,
    page: printEditionPath(v, i === 0),
    docsDir: path.join(SITE_DIR, 'versioned_docs', `version-${v}`),
    sidebar: (JSON.parse(fs.readFileSync(path.join(SITE_DIR, 'versioned_sidebars', `version-${v}-sidebars.json`), 'utf8')) as Record<string, ConfigItem[]>)[PRINT_SIDEBAR],
  })),
  {
    name: 'current',
    page: printEditionPath('current', released.length === 0),
    docsDir: path.join(SITE_DIR, 'docs'),
    sidebar: (sidebarsConfig as Record<string, ConfigItem[]>)[PRINT_SIDEBAR],
  },
];

test('the production build exists', () => {
  assert.ok(fs.existsSync(path.join(BUILD, 'index.html')), `no build in ${BUILD}: run \`npx docusaurus build\` first`);
});

for (const edition of editions) {
  const file = path.join(BUILD, `${edition.page.replace(/^\//, '')}.html`);
  const label = `${edition.page} (${edition.name})`;

  test(`${label}: every tutorial chapter, in sidebar order, and every listing they embed`, () => {
    assert.ok(edition.sidebar, `${edition.name}: no "${PRINT_SIDEBAR}" sidebar`);
    assert.ok(fs.existsSync(file), `${path.relative(SITE_DIR, file)} was not built`);
    const html = fs.readFileSync(file, 'utf8');
    const docs = docsById(edition.docsDir);
    const chapters = docIds(edition.sidebar).map((id) => {
      const doc = docs.get(id);
      assert.ok(doc, `${edition.name}: sidebar doc ${id} has no file in ${edition.docsDir}`);
      return {id, ...doc};
    });
    assert.ok(chapters.length >= 2, `${edition.name}: expected several chapters`);

    // Chapter titles are the page's <h2> headings (after "Contents").
    const h2s = [...html.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => flatText(m[1]));
    const titles = new Set(chapters.map((c) => flatText(c.title)));
    assert.deepEqual(h2s.filter((t) => titles.has(t)), chapters.map((c) => flatText(c.title)), `${label}: chapter titles missing or out of order`);

    const text = flatText(html);
    let listings = 0;
    for (const chapter of chapters) {
      const requests = [...chapter.source.matchAll(/^\s*(?:`{3,}|~{3,})\S*[ \t]+(.*)$/gm)]
        .map((m) => parseEmbedMeta(m[1]))
        .filter((r) => r !== null);
      for (const req of requests) {
        const abs = resolveExample(examplesRootFor(chapter.file), req.file);
        const listing = cutListing(readExample(abs, req.file), req.region, req.file).replace(/\s+/g, '');
        assert.ok(text.includes(listing), `${label}: listing ${req.file}${req.region ? ` region ${req.region}` : ''} of ${chapter.id} is not on the page`);
        listings++;
      }
    }
    assert.ok(listings > 0, `${label}: the chapters embed no listing at all`);
  });

  test(`${label}: kept out of search engines and the sitemap (the chapters have their own pages)`, () => {
    const html = fs.readFileSync(file, 'utf8');
    const robots = /<meta\b[^>]*\bname=(?:"robots"|robots)[^>]*>/.exec(html)?.[0];
    assert.ok(robots, `${path.relative(SITE_DIR, file)}: no robots meta tag`);
    assert.match(robots, /content="?noindex/, `${path.relative(SITE_DIR, file)}: robots tag is not noindex: ${robots}`);
    const sitemap = fs.readFileSync(path.join(BUILD, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    assert.ok(locs.length > 20, `sitemap.xml lists only ${locs.length} pages`);
    assert.ok(!locs.includes(edition.page), `sitemap.xml lists the print edition ${edition.page}`);
  });

  test(`${label}: no id twice on the page (chapters reuse heading ids)`, () => {
    const html = fs.readFileSync(file, 'utf8');
    const ids = [...html.matchAll(/\sid=(?:"([^"]+)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]);
    const seen = new Set<string>();
    const twice = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    assert.deepEqual([...new Set(twice)], [], `${label}: duplicate ids`);
    assert.ok(ids.length > 50, `${label}: found only ${ids.length} ids, the page looks empty`);
  });
}
