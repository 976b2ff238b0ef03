/**
 * Link-preview cards for FAQ answers, generated at build time.
 *
 * A doc gets a card of its own when it lives under `faq/` (in docs/ or in a
 * released version's versioned_docs/version-X/) or when its front matter
 * says `social_card: generate`; `social_card: none` or an explicit `image:`
 * opts out. Two halves:
 *
 * - `socialCardFrontMatter` is the site's `markdown.parseFrontMatter`: for
 *   such a doc it sets `image:` to the card's URL, so Docusaurus writes the
 *   page's `og:image` / `twitter:image` meta (next to the `og:title` and
 *   `og:description` it takes from `title` and `description`). It also
 *   records the title and description for the second half. It runs while
 *   the docs plugin loads content, in the build's own process.
 * - the `social-cards` plugin renders each recorded card to a 1200×630 PNG
 *   (in a worker thread, social-cards-worker.cjs, started once the docs are
 *   loaded; the files are written in postBuild): an SVG drawn here,
 *   rasterised by resvg with the DejaVu fonts shipped in the
 *   `dejavu-fonts-ttf` package (no system or web fonts, no network, no
 *   browser).
 */
import fs from 'node:fs';
import path from 'node:path';
import type {LoadContext, ParseFrontMatter, Plugin} from '@docusaurus/types';
import {startWorkerTask} from '../lib/worker-task';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Where cards are written in the build and served from. */
export const CARD_DIR = 'img/social-cards';

const SITE_DIR = path.resolve(__dirname, '..', '..');

export interface CardRequest {
  /** Docs version name: `current` or a released version such as `1.0`. */
  version: string;
  /** Path of the doc inside its version's folder, without extension. */
  docPath: string;
  title: string;
  description: string;
  /** Site-relative URL of the PNG, e.g. /img/social-cards/current/faq/x.png */
  image: string;
}

/** Cards recorded while docs were loaded, keyed by image URL. */
const requested = new Map<string, CardRequest>();

/** Version and in-version path of a doc file, or null if it is not a doc. */
export function docLocation(
  filePath: string,
  siteDir = SITE_DIR,
): {version: string; docPath: string} | null {
  const rel = path.relative(siteDir, filePath).split(path.sep);
  const strip = (parts: string[]) => parts.join('/').replace(/\.mdx?$/, '');
  if (rel[0] === 'docs') return {version: 'current', docPath: strip(rel.slice(1))};
  if (rel[0] === 'versioned_docs' && rel[1]?.startsWith('version-')) {
    return {version: rel[1].slice('version-'.length), docPath: strip(rel.slice(2))};
  }
  return null;
}

/** The card a doc should get, or null. */
export function cardFor(
  filePath: string,
  frontMatter: Record<string, unknown>,
  siteDir = SITE_DIR,
): CardRequest | null {
  const loc = docLocation(filePath, siteDir);
  if (!loc) return null;
  const wanted = frontMatter.social_card;
  if (wanted === 'none' || wanted === false || frontMatter.image) return null;
  if (wanted !== 'generate' && !loc.docPath.startsWith('faq/')) return null;
  const title = String(frontMatter.title ?? path.basename(loc.docPath));
  return {
    ...loc,
    title,
    description: String(frontMatter.description ?? ''),
    image: `/${CARD_DIR}/${loc.version}/${loc.docPath}.png`,
  };
}

/** `markdown.parseFrontMatter`: add `image:` to docs that get a card. */
export const socialCardFrontMatter: ParseFrontMatter = async (params) => {
  const result = await params.defaultParseFrontMatter(params);
  const card = cardFor(params.filePath, result.frontMatter);
  if (card) {
    requested.set(card.image, card);
    result.frontMatter.image = card.image;
  }
  return result;
};

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Greedy word wrap by estimated width (DejaVu Sans averages a little over
 * half an em per character; `em` is the factor used). The last line is
 * cut with an ellipsis when the text needs more than `maxLines`.
 */
export function wrap(text: string, maxWidth: number, fontSize: number, em: number, maxLines: number): string[] {
  const maxChars = Math.max(8, Math.floor(maxWidth / (fontSize * em)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= maxChars) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word.length > maxChars ? `${word.slice(0, maxChars - 1)}…` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1];
    kept[maxLines - 1] = `${last.length > maxChars - 1 ? last.slice(0, maxChars - 1) : last}…`;
    return kept;
  }
  return lines;
}

/** The card as SVG. */
export function cardSvg(card: {title: string; description: string; section: string; versionLabel: string; siteTitle: string}): string {
  const pad = 80;
  const width = CARD_WIDTH - 2 * pad;
  const titleSize = 60;
  const descSize = 30;
  const titleLines = wrap(card.title, width, titleSize, 0.6, 3);
  const descLines = wrap(card.description, width, descSize, 0.5, 3);
  let y = 200;
  const title = titleLines
    .map((l) => {
      const t = `<text x="${pad}" y="${y}" font-size="${titleSize}" font-weight="bold" fill="#ffffff">${escapeXml(l)}</text>`;
      y += Math.round(titleSize * 1.2);
      return t;
    })
    .join('');
  y += 16;
  const desc = descLines
    .map((l) => {
      const t = `<text x="${pad}" y="${y}" font-size="${descSize}" fill="#d7e6f0">${escapeXml(l)}</text>`;
      y += Math.round(descSize * 1.35);
      return t;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="DejaVu Sans">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#0b3954"/>`,
    `<rect x="0" y="0" width="24" height="${CARD_HEIGHT}" fill="#2496ed"/>`,
    `<text x="${pad}" y="110" font-size="30" font-weight="bold" fill="#8ecae6">${escapeXml(card.section)}</text>`,
    title,
    desc,
    `<text x="${pad}" y="${CARD_HEIGHT - 60}" font-size="28" font-weight="bold" fill="#ffffff">${escapeXml(card.siteTitle)}</text>`,
    `<text x="${CARD_WIDTH - pad}" y="${CARD_HEIGHT - 60}" font-size="26" fill="#8ecae6" text-anchor="end">${escapeXml(card.versionLabel)}</text>`,
    '</svg>',
  ].join('');
}

/** The DejaVu fonts the cards are drawn with (no system or web fonts). */
export function cardFontFiles(): string[] {
  const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(fontDir, f));
}

/** Every recorded card, drawn in a worker thread (social-cards-worker.cjs). */
function drawCardsInWorker(siteTitle: string, versionLabels: Record<string, string> | undefined): Promise<Array<{image: string; png: Uint8Array}>> {
  const cards = [...requested.values()].map((card) => ({
    image: card.image,
    svg: cardSvg({
      title: card.title,
      description: card.description,
      section: card.docPath.startsWith('faq/') ? 'FAQ' : 'Tutorial',
      versionLabel: versionLabels?.[card.version] ?? card.version,
      siteTitle,
    }),
  }));
  return startWorkerTask(path.join(__dirname, 'social-cards-worker.cjs'), {cards, fontFiles: cardFontFiles()}, '[social-cards] drawing the link-preview cards');
}

export interface SocialCardsOptions {
  /** Label shown on the card for each docs version name (`current`, `1.0`…). */
  versionLabels?: Record<string, string>;
}

export default function socialCardsPlugin(
  context: LoadContext,
  options: unknown,
): Plugin {
  const {versionLabels} = (options ?? {}) as SocialCardsOptions;
  let drawn: Promise<Array<{image: string; png: Uint8Array}>> | undefined;
  return {
    name: 'social-cards',
    // Every card is known once the docs are loaded (their front matter
    // records them), so a production build draws them from then on, in a
    // worker thread, while it bundles; postBuild only writes the files.
    async allContentLoaded() {
      if (process.env.NODE_ENV !== 'production') return; // the dev server serves no cards
      drawn = drawCardsInWorker(context.siteConfig.title, versionLabels);
    },
    async postBuild({outDir, siteConfig}) {
      for (const {image, png} of await (drawn ?? drawCardsInWorker(siteConfig.title, versionLabels))) {
        const out = path.join(outDir, image);
        fs.mkdirSync(path.dirname(out), {recursive: true});
        fs.writeFileSync(out, png);
      }
    },
  };
}
