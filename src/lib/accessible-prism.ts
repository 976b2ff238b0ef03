/**
 * Prism themes whose token colours all reach WCAG AA (4.5:1) on the code
 * background and on a highlighted line. No stock prism-react-renderer theme
 * does: github's #36acaa is 2.6:1 on white, vsDark's #569cd6 4.1:1 on a
 * highlighted line. Each failing colour is moved towards black (light
 * themes) or white (dark themes), keeping its hue, until it passes.
 */
import type {PrismTheme} from 'prism-react-renderer';

type RGB = [number, number, number];

function parseColor(color: string): RGB | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((x) => x + x).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as RGB;
  }
  const fn = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color.trim());
  return fn ? (fn.slice(1, 4).map(Number) as RGB) : null;
}

function luminance(c: RGB): number {
  const [r, g, b] = c
    .map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const toHex = (c: number[]) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');

/**
 * @param highlight the `--docusaurus-highlighted-code-line-bg` colour of
 *   this mode as [r, g, b, alpha] (see src/css/custom.css).
 */
export function accessiblePrism(theme: PrismTheme, highlight: [number, number, number, number]): PrismTheme {
  const bg = parseColor(theme.plain.backgroundColor ?? '#ffffff') ?? [255, 255, 255];
  const [hr, hg, hb, alpha] = highlight;
  const lineBg = [hr, hg, hb].map((v, i) => Math.round(v * alpha + bg[i] * (1 - alpha))) as RGB;
  const target: RGB = luminance(bg) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const fix = (color: string | undefined): string | undefined => {
    const c = color ? parseColor(color) : null;
    if (!c) return color;
    for (let step = 0; step <= 50; step++) {
      const t = step / 50;
      const moved = c.map((v, i) => Math.round(v + (target[i] - v) * t)) as RGB;
      if (contrastRatio(moved, bg) >= 4.5 && contrastRatio(moved, lineBg) >= 4.5) {
        return step === 0 ? color : toHex(moved);
      }
    }
    return color;
  };
  return {
    plain: {...theme.plain, color: fix(theme.plain.color)},
    styles: theme.styles.map((s) => ({...s, style: {...s.style, color: fix(s.style.color)}})),
  };
}
