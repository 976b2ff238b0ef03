/** Every Prism token colour the site uses reaches 4.5:1 in both modes. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {themes} from 'prism-react-renderer';
import {accessiblePrism, contrastRatio} from '../../src/lib/accessible-prism';

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];

for (const [name, theme, bg] of [
  ['light', accessiblePrism(themes.github, [29, 90, 150, 0.12]), themes.github.plain.backgroundColor!],
  ['dark', accessiblePrism(themes.vsDark, [122, 184, 255, 0.16]), themes.vsDark.plain.backgroundColor!],
] as const) {
  test(`${name} code theme: every token colour is at least 4.5:1`, () => {
    const colors = [theme.plain.color, ...theme.styles.map((s) => s.style.color)].filter((c): c is string => !!c && c.startsWith('#') && c.length === 7);
    assert.ok(colors.length > 5);
    for (const c of colors) {
      assert.ok(contrastRatio(hex(c), hex(bg)) >= 4.5, `${name}: ${c} on ${bg}`);
    }
  });
}

test('the stock github theme really fails, so the adjustment is needed', () => {
  const bad = themes.github.styles.map((s) => s.style.color).filter((c): c is string => !!c && /^#[0-9a-f]{6}$/i.test(c))
    .filter((c) => contrastRatio(hex(c), hex(themes.github.plain.backgroundColor!)) < 4.5);
  assert.ok(bad.length > 0);
});
