/**
 * The screenshots in static/img/ch06/ are what the example sites look like
 * now: the test renders them again into a temporary folder
 * (tests/screenshots/capture.ts) and compares pixels with the committed
 * PNGs. When it fails, run `npm run screenshots` and commit the new files.
 *
 * It also checks how docs/06-config-changes.mdx embeds them: every
 * screenshot is on the page, with alt text and width/height attributes that
 * match the file, so the page does not shift when the image arrives.
 *
 * Without Chromium the comparison fails under CI=true (a skipped check is
 * no check) and is skipped, loudly, elsewhere.
 */
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {CHROMIUM, OUT_DIR, SCALE, SITE_DIR, VIEWPORT, capture, shots, type CaptureResult} from './capture';
import {decodePng, diffImages, pngSize} from './png';
import {imgTags} from './img-tags';

/**
 * Tolerance. The committed PNGs and a fresh capture come from the same
 * HTML, CSS and DejaVu fonts, but not always from the same Chromium,
 * FreeType and Skia builds: another release can anti-alias a glyph edge a
 * little differently, which moves the grey level of edge pixels by a few
 * steps and leaves everything else alone. On one machine two captures are
 * identical, pixel for pixel. So:
 *
 * - a pixel only counts as different when some channel moved by more than
 *   CHANNEL_DELTA (of 255), which ignores anti-aliasing noise;
 * - an image fails when more than MAX_DIFFERING_PIXELS pixels differ.
 *
 * Measured on site-default.png (1600x1040): changing ONE letter at the end
 * of a line ("files" to "filez") changes 157 pixels by more than 32; a
 * changed word moves the rest of its line and changes thousands. 100
 * pixels (0.006% of the image) therefore catches any edit to the text, and
 * leaves room for a few stray edge pixels from a different renderer. If a
 * Chromium upgrade shifts whole lines, the test fails and `npm run
 * screenshots` is the fix, which is what a freshness check should say.
 */
const CHANNEL_DELTA = 32;
const MAX_DIFFERING_PIXELS = 100;

const DOC = path.join(SITE_DIR, 'docs', '06-config-changes.mdx');

// ---------------------------------------------------------------- decoder

/** Encode RGBA/RGB pixels as a PNG using one filter type for every row. */
function encodePng(width: number, height: number, channels: 3 | 4, px: Uint8Array, filter: number): Buffer {
  const stride = width * channels;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const v = px[y * stride + x];
      const a = x >= channels ? px[y * stride + x - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1,
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][filter];
      raw[y * (stride + 1) + 1 + x] = (v - pred) & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = channels === 4 ? 6 : 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('the PNG decoder reads every filter type, RGB and RGBA', () => {
  const width = 7;
  const height = 5;
  for (const channels of [3, 4] as const) {
    const px = new Uint8Array(width * height * channels);
    for (let i = 0; i < px.length; i++) px[i] = (i * 37 + (i >> 3) * 11) & 0xff;
    for (let filter = 0; filter <= 4; filter++) {
      const img = decodePng(encodePng(width, height, channels, px, filter));
      assert.equal(img.width, width);
      assert.equal(img.height, height);
      for (let i = 0; i < width * height; i++) {
        for (let k = 0; k < 3; k++) assert.equal(img.rgba[i * 4 + k], px[i * channels + k], `filter ${filter}, pixel ${i}`);
        assert.equal(img.rgba[i * 4 + 3], channels === 4 ? px[i * 4 + 3] : 255);
      }
    }
  }
});

test('the pixel diff counts only pixels beyond the channel threshold', () => {
  const a = {width: 2, height: 1, rgba: new Uint8Array([10, 10, 10, 255, 0, 0, 0, 255])};
  const b = {width: 2, height: 1, rgba: new Uint8Array([20, 10, 10, 255, 0, 200, 0, 255])};
  assert.deepEqual(diffImages(a, b, 16), {differing: 1, total: 2, maxDelta: 200});
  assert.throws(() => diffImages(a, {...b, width: 1}, 16), /sizes differ/);
});

// ------------------------------------------------------- how the page embeds them

test('the img scanner reads string and numeric attributes', () => {
  assert.deepEqual(imgTags('<img src="/img/a.png" alt="A b" width={800} height="520" />'), [
    {src: '/img/a.png', alt: 'A b', width: 800, height: 520},
  ]);
});

const docExists = fs.existsSync(DOC);
test('Part 6 exists', () => assert.ok(docExists, `${path.relative(SITE_DIR, DOC)} is missing`));

if (docExists) {
  const tags = imgTags(fs.readFileSync(DOC, 'utf8'));
  for (const shot of shots()) {
    test(`Part 6 shows ${shot.name}.png with alt text and the file's size`, () => {
      const src = `/img/ch06/${shot.name}.png`;
      const tag = tags.find((t) => t.src === src || t.src === `pathname://${src}`);
      assert.ok(tag, `docs/06-config-changes.mdx has no <img src="${src}">`);
      assert.ok((tag.alt ?? '').trim().length >= 20, `${src}: alt text must describe the page`);
      const file = path.join(OUT_DIR, `${shot.name}.png`);
      assert.ok(fs.existsSync(file), `${path.relative(SITE_DIR, file)} is missing: run npm run screenshots`);
      const size = pngSize(fs.readFileSync(file));
      assert.deepEqual(size, {width: VIEWPORT.width * SCALE, height: VIEWPORT.height * SCALE}, `${src}: unexpected pixel size`);
      assert.deepEqual({width: tag.width, height: tag.height}, VIEWPORT, `${src}: width/height attributes must be the CSS size`);
    });
  }
}

// ------------------------------------------------------------ freshness

const chromiumMissing = !fs.existsSync(CHROMIUM);
if (chromiumMissing && process.env.CI === 'true') {
  test(`chromium is installed at ${CHROMIUM}`, () => {
    throw new Error(`${CHROMIUM} not found: CI=true, so the screenshot check must run (bash tests/setup.sh)`);
  });
} else if (chromiumMissing) {
  console.log(`\n*** SKIPPED: ${CHROMIUM} not found, screenshots not compared (install it with tests/setup.sh) ***\n`);
  test('screenshots are fresh', {skip: `${CHROMIUM} not found`}, () => {});
} else {
  let tmp = '';
  let fresh: CaptureResult[] = [];
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-shots-test-'));
    fresh = await capture(tmp);
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
  });

  test('every committed screenshot is still produced', () => {
    const made = new Set(fresh.map((r) => `${r.name}.png`));
    const stale = fs.readdirSync(OUT_DIR).filter((f) => /^site-.*\.png$/.test(f) && !made.has(f));
    assert.deepEqual(stale, [], 'no site folder produces these any more: run npm run screenshots');
  });

  for (const shot of shots()) {
    test(`static/img/ch06/${shot.name}.png matches the site in examples/${shot.folder}/`, () => {
      const committed = path.join(OUT_DIR, `${shot.name}.png`);
      assert.ok(fs.existsSync(committed), `${path.relative(SITE_DIR, committed)} is missing: run npm run screenshots`);
      const now = decodePng(fs.readFileSync(path.join(tmp, `${shot.name}.png`)));
      const then = decodePng(fs.readFileSync(committed));
      const d = diffImages(then, now, CHANNEL_DELTA);
      assert.ok(
        d.differing <= MAX_DIFFERING_PIXELS,
        `${shot.name}.png: ${d.differing} of ${d.total} pixels differ by more than ` +
          `${CHANNEL_DELTA}/255 from a fresh capture of examples/${shot.folder}/ (allowed ${MAX_DIFFERING_PIXELS}). ` +
          'The site changed since the screenshot was taken: run npm run screenshots and commit static/img/ch06/.',
      );
    });
  }
}
