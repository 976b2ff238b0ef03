/**
 * WCAG AA contrast (4.5:1) for the site's own colours, recomputed from
 * src/css/custom.css so a low-contrast edit fails here.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';

function luminance(hex: string): number {
  const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = rgb.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function block(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(selector + ' {');
  assert.ok(start >= 0, `${selector} block missing from custom.css`);
  const body = css.slice(start, css.indexOf('}', start));
  const vars: Record<string, string> = {};
  for (const m of body.matchAll(/(--[\w-]+):\s*#([0-9a-fA-F]{6})\s*;/g)) vars[m[1]] = m[2];
  return vars;
}

const css = fs.readFileSync(path.join(SITE_DIR, 'src/css/custom.css'), 'utf8');

for (const [mode, selector] of [['light', ':root'], ['dark', "[data-theme='dark']"]]) {
  test(`${mode} mode: text and every primary shade used for links reach 4.5:1`, () => {
    const v = block(css, selector);
    const bg = v['--ifm-background-color'];
    assert.ok(bg, 'background colour must be set explicitly');
    const pairs: Array<[string, string]> = [['--ifm-font-color-base', bg]];
    for (const shade of ['', '-dark', '-darker', '-darkest', '-light', '-lighter']) {
      pairs.push([`--ifm-color-primary${shade}`, bg]);
    }
    for (const [fg] of pairs) {
      const ratio = contrast(v[fg], bg);
      assert.ok(ratio >= 4.5, `${mode}: ${fg} #${v[fg]} on #${bg} is ${ratio.toFixed(2)}:1`);
    }
  });
}

test('the contrast formula matches known WCAG values', () => {
  assert.equal(contrast('000000', 'ffffff').toFixed(1), '21.0');
  assert.equal(contrast('777777', 'ffffff').toFixed(2), '4.48');
});
