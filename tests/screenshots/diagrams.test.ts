/**
 * The diagrams of Parts 6 and 8 are static SVG files (static/img/ch06/,
 * static/img/ch08/) shown with <img>: no JavaScript, no layout shift, and
 * readable whatever the site's colour mode. This checks each one:
 *
 * - it declares width, height and a matching viewBox, and the page that
 *   shows it gives the <img> the same width and height and an alt text;
 * - it paints its own opaque background over the whole canvas, so dark mode
 *   does not put dark text on a dark page;
 * - every text colour reaches 4.5:1 (WCAG AA) against every fill used in
 *   the file (a conservative check: it does not need to know which text
 *   sits on which box);
 * - it loads nothing: no script, no foreignObject, no external reference
 *   or web font (an <img> SVG could not load them anyway, so the text would
 *   silently fall back).
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from './capture';
import {imgTags} from './img-tags';

const DIRS = ['static/img/ch06', 'static/img/ch08'];

function luminance(hex: string): number {
  const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = rgb.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** #abc or #aabbcc to aabbcc (lower case); undefined for none, url(), names. */
function hex(colour: string | undefined): string | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour ?? '');
  if (!m) return undefined;
  const h = m[1].toLowerCase();
  return h.length === 3 ? [...h].map((c) => c + c).join('') : h;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

const svgs = DIRS.flatMap((d) =>
  fs.existsSync(path.join(SITE_DIR, d))
    ? fs.readdirSync(path.join(SITE_DIR, d)).filter((f) => f.endsWith('.svg')).map((f) => path.join(d, f))
    : [],
);

const docs = fs
  .readdirSync(path.join(SITE_DIR, 'docs'))
  .filter((f) => /\.mdx?$/.test(f))
  .map((f) => ({file: `docs/${f}`, tags: imgTags(fs.readFileSync(path.join(SITE_DIR, 'docs', f), 'utf8'))}));

test('the contrast helper matches known WCAG values', () => {
  assert.equal(contrast('000000', 'ffffff').toFixed(1), '21.0');
  assert.equal(contrast('777777', 'ffffff').toFixed(2), '4.48');
  assert.equal(hex('#FfF'), 'ffffff');
  assert.equal(hex('none'), undefined);
});

test('there are diagrams to check', () => {
  assert.ok(svgs.length >= 2, `expected the SVG diagrams in ${DIRS.join(', ')}`);
});

for (const rel of svgs) {
  const svg = fs.readFileSync(path.join(SITE_DIR, rel), 'utf8');
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(attr(root, 'width'));
  const height = Number(attr(root, 'height'));

  test(`${rel}: fixed size, matching viewBox, a title`, () => {
    assert.ok(root, 'no <svg> element');
    assert.equal(attr(root, 'xmlns'), 'http://www.w3.org/2000/svg');
    assert.ok(width > 0 && height > 0, 'width and height must be set in pixels');
    assert.equal(attr(root, 'viewBox'), `0 0 ${width} ${height}`);
    assert.match(svg, /<title\b[^>]*>[^<]{10,}<\/title>/, 'a <title> names the diagram for assistive technology');
  });

  test(`${rel}: paints its own opaque background`, () => {
    const first = /<rect\b[^>]*>/.exec(svg.slice(svg.indexOf('</defs>') + 1 || 0))?.[0] ?? '';
    const x = Number(attr(first, 'x') ?? 0);
    const y = Number(attr(first, 'y') ?? 0);
    assert.ok(hex(attr(first, 'fill')), `first shape must be a solid background rect, got ${first}`);
    assert.ok(x <= 1 && y <= 1 && Number(attr(first, 'width')) >= width - 2 && Number(attr(first, 'height')) >= height - 2,
      'the background rect must cover the canvas');
    assert.ok(!/\sopacity=|fill-opacity=/.test(first), 'the background must be opaque');
  });

  test(`${rel}: every text colour reaches 4.5:1 on every fill`, () => {
    const texts = [...svg.matchAll(/<text\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(texts.length > 0, 'the diagram has no text');
    const inks = new Set<string>();
    for (const t of texts) {
      const ink = hex(attr(t, 'fill'));
      assert.ok(ink, `every <text> needs an explicit hex fill: ${t}`);
      inks.add(ink);
    }
    // Arrowheads are filled paths inside <defs>; text never sits on them.
    const drawn = svg.replace(/<defs>[\s\S]*?<\/defs>/g, '');
    const fills = new Set(
      [...drawn.matchAll(/<(?:rect|path|circle|ellipse|polygon)\b[^>]*>/g)]
        .map((m) => hex(attr(m[0], 'fill')))
        .filter((f): f is string => Boolean(f)),
    );
    const bad: string[] = [];
    for (const ink of inks) {
      for (const fill of fills) {
        const ratio = contrast(ink, fill);
        if (ratio < 4.5) bad.push(`#${ink} on #${fill}: ${ratio.toFixed(2)}:1`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test(`${rel}: loads nothing and runs nothing`, () => {
    assert.doesNotMatch(svg, /<script\b|<foreignObject\b|\son\w+=|@import|@font-face|url\((?!#)/i);
    assert.doesNotMatch(svg, /(?:xlink:)?href="(?!#)/, 'no external references');
  });

  test(`${rel}: a page shows it with alt text and its own width and height`, () => {
    const src = '/' + path.posix.relative('static', rel.split(path.sep).join('/'));
    const uses = docs.flatMap((d) => d.tags.filter((t) => t.src === src).map((t) => ({...t, doc: d.file})));
    assert.ok(uses.length > 0, `no doc shows <img src="${src}">`);
    for (const u of uses) {
      assert.deepEqual({width: u.width, height: u.height}, {width, height}, `${u.doc}: width/height of ${src}`);
      assert.ok((u.alt ?? '').trim().length >= 20, `${u.doc}: ${src} needs a descriptive alt text`);
    }
  });
}
