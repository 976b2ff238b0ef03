/**
 * On the built chapter pages of every version that has a glossary, the
 * first prose use of each glossary term is a link to its entry, and no
 * later use is (src/remark/glossary-links.ts). Read from the HTML, with
 * the term rules of src/data/glossary-terms.ts.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {GLOSSARY_TERMS, findTermUses} from '../../src/data/glossary-terms';
import {releasedVersions} from '../../src/data/versions';
import {SITE_DIR} from '../../src/remark/examples';
import {docsVersionFolders} from './assets';

const BUILD = path.join(SITE_DIR, 'build');
const built = fs.existsSync(path.join(BUILD, 'index.html'));

/** Tags whose text is not prose: headings, code, captions of components, table headers. */
const NOT_PROSE = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'code', 'figcaption', 'th', 'svg', 'button', 'nav']);
/** Tags that start a new block of text (the plugin's block context). */
const BLOCKS = new Set([
  'p', 'li', 'ul', 'ol', 'td', 'th', 'tr', 'table', 'blockquote', 'div', 'pre', 'figure', 'figcaption',
  'details', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);
const VOID = new Set(['img', 'br', 'hr', 'input', 'meta', 'link', 'source', 'wbr']);

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

/** An attribute value, quoted or not (the build's HTML is minified). */
function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`).exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * The minified HTML leaves out optional end tags (</p>, </li>, </td>,
 * </tr>): close what a new start tag implies is closed.
 */
function closeImplied(stack: Open[], tag: string): void {
  const popTo = (keep: string[]) => {
    while (stack.length && !keep.includes(stack[stack.length - 1].tag)) stack.pop();
  };
  const top = () => stack[stack.length - 1]?.tag;
  if (tag === 'td' || tag === 'th') popTo(['tr', 'table']);
  else if (tag === 'tr' || tag === 'tbody' || tag === 'thead') popTo(['table']);
  else if (tag === 'li' && stack.some((o) => o.tag === 'li')) popTo(['ul', 'ol']);
  else if (BLOCKS.has(tag) && top() === 'p') stack.pop();
}

interface Open {
  tag: string;
  attrs: string;
}

interface Finding {
  id: string;
  text: string;
  /** The glossary entry the use links to, or null. */
  linkedTo: string | null;
  context: string;
}

/**
 * The first prose use of each term on a page, in the order of the page,
 * and every glossary link on it.
 */
function scan(html: string, glossaryPath: string, source: string): {firsts: Finding[]; links: Array<{id: string; text: string}>} {
  const flat = (t: string) => t.replace(/\s+/g, ' ');
  const mdx = flat(source);
  // Text a component renders (such as <ExampleFolder>'s sentence) is not
  // in the doc's source and not prose the plugin can link. Runs with a
  // figure in them come from <ExampleMetric> and are prose.
  const fromSource = (t: string) => /\d/.test(t) || mdx.includes(flat(t).trim());
  const start = html.indexOf('theme-doc-markdown');
  assert.ok(start > 0, 'no doc content in the page');
  const ends = [html.indexOf('</article>', start), html.indexOf('<footer', start)].filter((i) => i > 0);
  const body = html.slice(html.lastIndexOf('<', start), Math.min(...ends));
  const wanted = new Set(GLOSSARY_TERMS.map((t) => t.id));
  // A term the doc links to its entry by hand gets no automatic link (the
  // plugin leaves it alone); the hand link is checked like the others below.
  for (const m of source.matchAll(/\]\(\.\/glossary\.mdx#([a-z-]+)\)/g)) wanted.delete(m[1]);
  const stack: Open[] = [];
  const firsts: Finding[] = [];
  const links: Array<{id: string; text: string}> = [];
  let block = '';
  for (const m of body.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g)) {
    if (m[2]) {
      const tag = m[2].toLowerCase();
      if (BLOCKS.has(tag)) block = '';
      if (m[1]) {
        const at = stack.map((o) => o.tag).lastIndexOf(tag);
        if (at >= 0) stack.length = at;
      } else {
        closeImplied(stack, tag);
        if (!VOID.has(tag) && !m[3].endsWith('/')) stack.push({tag, attrs: m[3]});
      }
      continue;
    }
    const text = decode(m[4]);
    const anchor = [...stack].reverse().find((o) => o.tag === 'a');
    const href = anchor ? attr(anchor.attrs, 'href') ?? '' : null;
    const glossaryId = href?.startsWith(`${glossaryPath}#`) ? href.slice(glossaryPath.length + 1) : null;
    if (glossaryId) links.push({id: glossaryId, text});
    const skipped =
      stack.some((o) => NOT_PROSE.has(o.tag) || /admonitionHeading/.test(o.attrs)) ||
      (href !== null && !glossaryId) ||
      !fromSource(text);
    if (!skipped) {
      for (const use of findTermUses(text, wanted, block)) {
        firsts.push({id: use.id, text: use.text, linkedTo: glossaryId, context: (block + text).slice(-80)});
        wanted.delete(use.id);
      }
    }
    block += text;
  }
  return {firsts, links};
}

/** Chapter pages of a docs version ('current' is Next): the tutorial sidebar's docs. */
function chapters(version: string): Array<{url: string; file: string; source: string}> {
  const folder = docsVersionFolders(SITE_DIR).find((v) => v.version === version);
  assert.ok(folder, `no docs version ${version}`);
  const {dir: docsDir, urlPath: prefix} = folder;
  return fs
    .readdirSync(docsDir)
    .filter((f) => f.endsWith('.mdx') && f !== 'glossary.mdx')
    .map((f) => {
      const source = fs.readFileSync(path.join(docsDir, f), 'utf8');
      const slug = /^slug:\s*(\S+)/m.exec(source)![1];
      return {url: `${prefix}${slug}`, file: path.join(BUILD, `${prefix}${slug}.html`), source};
    });
}

test('the production build exists', () => {
  assert.ok(built, 'run `npx docusaurus build` first');
});

if (built) {
  const latest = releasedVersions()[0];
  const versions = ['current', ...(latest ? [latest] : [])];
  for (const version of versions) {
    const pages = chapters(version);
    const glossaryPath = `${pages[0].url.replace(/\/[^/]+$/, '')}/glossary`;
    test(`${version === 'current' ? 'Next' : version}: ${pages.length} chapters link the first use of each term, and only that`, () => {
      assert.ok(pages.length >= 10, `only ${pages.length} chapters found`);
      let linked = 0;
      for (const page of pages) {
        const {firsts, links} = scan(fs.readFileSync(page.file, 'utf8'), glossaryPath, page.source);
        for (const f of firsts) {
          assert.equal(f.linkedTo, f.id, `${page.url}: the first use of "${f.text}" is not linked to ${glossaryPath}#${f.id}: ...${f.context}`);
          linked++;
        }
        const ids = links.map((l) => l.id);
        assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], `${page.url}: a term is linked twice`);
        for (const l of links) {
          const term = GLOSSARY_TERMS.find((t) => t.id === l.id);
          assert.ok(term?.forms.includes(l.text.toLowerCase()), `${page.url}: link "${l.text}" to #${l.id} is not a form of that term`);
        }
      }
      assert.ok(linked >= pages.length * 5, `only ${linked} terms linked in ${pages.length} chapters`);
    });
  }
}
