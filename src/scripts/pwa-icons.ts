/**
 * The web app icons (static/img/pwa/icon-<size>.png) listed in
 * static/manifest.json, drawn from the site logo.
 *
 *   npm run pwa-icons           write the PNGs
 *   npm run pwa-icons -- --check   fail if the committed PNGs are stale
 *
 * The logo sits on a full white square at 60% of its size, inside the
 * "safe zone" a launcher keeps when it crops an icon to a circle or a
 * rounded square, so one file serves as both `any` and `maskable`.
 * Committed rather than built: they change only with the logo, and
 * tests/site/pwa.test.ts checks they still match it.
 */
import fs from 'node:fs';
import path from 'node:path';

const SITE_DIR = path.resolve(__dirname, '..', '..');
export const LOGO = path.join(SITE_DIR, 'static', 'img', 'logo.svg');
export const ICON_DIR = path.join(SITE_DIR, 'static', 'img', 'pwa');
export const ICON_SIZES = [192, 512] as const;

/** The icon as SVG: the logo's drawing, centred on white. */
export function iconSvg(logoSvg: string, size: number): string {
  const inner = logoSvg.match(/<svg[^>]*>([\s\S]*)<\/svg>/)?.[1];
  const viewBox = logoSvg.match(/viewBox="([^"]+)"/)?.[1];
  if (!inner || !viewBox) throw new Error(`${LOGO}: expected an <svg> with a viewBox`);
  const [, , w, h] = viewBox.split(/\s+/).map(Number);
  const scale = (0.6 * size) / Math.max(w, h);
  const dx = (size - w * scale) / 2;
  const dy = (size - h * scale) / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" fill="#ffffff"/>` +
    `<g transform="translate(${dx} ${dy}) scale(${scale})">${inner}</g></svg>`
  );
}

export async function renderIcon(size: number): Promise<Buffer> {
  const {Resvg} = await import('@resvg/resvg-js');
  const svg = iconSvg(fs.readFileSync(LOGO, 'utf8'), size);
  return Buffer.from(new Resvg(svg, {font: {loadSystemFonts: false}}).render().asPng());
}

export const iconPath = (size: number) => path.join(ICON_DIR, `icon-${size}.png`);

async function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const size of ICON_SIZES) {
    const png = await renderIcon(size);
    const file = iconPath(size);
    if (check) {
      if (!fs.existsSync(file) || !fs.readFileSync(file).equals(png)) {
        console.error(`${path.relative(SITE_DIR, file)} does not match ${path.relative(SITE_DIR, LOGO)}: run npm run pwa-icons`);
        stale++;
      }
    } else {
      fs.mkdirSync(ICON_DIR, {recursive: true});
      fs.writeFileSync(file, png);
      console.log(`wrote ${path.relative(SITE_DIR, file)} (${png.length} bytes)`);
    }
  }
  if (stale) process.exit(1);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
