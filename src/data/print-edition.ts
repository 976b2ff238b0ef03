/**
 * Where each docs version's print edition lives, shared by the plugin that
 * adds the routes (src/plugins/print-edition.ts), the footer and the link
 * on the tutorial's first page. It mirrors the docs plugin's own paths:
 * the default version at /print, Next at /print/next, an older release at
 * /print/<version>. Not under /docs/: the docs plugin's catch-all route
 * owns every path there.
 */
export const PRINT_BASE = '/print';

/** Sidebar whose docs, in order, make up the print edition. */
export const PRINT_SIDEBAR = 'tutorial';

export function printEditionPath(versionName: string, isLast: boolean): string {
  if (isLast) return PRINT_BASE;
  return `${PRINT_BASE}/${versionName === 'current' ? 'next' : versionName}`;
}

/** One chapter of an edition, as the page component receives it. */
export interface PrintChapter {
  /** Doc id, e.g. "charm-build"; also the base of the chapter's anchors. */
  id: string;
  title: string;
  /** The chapter's own page, e.g. /docs/next/charm-build. */
  permalink: string;
}

/** The data module of one edition (written by the plugin with createData). */
export interface PrintEditionData {
  versionName: string;
  versionLabel: string;
  isLast: boolean;
  /** The version's path, e.g. /docs or /docs/next. */
  versionPath: string;
  banner: 'unreleased' | 'unmaintained' | null;
  chapters: PrintChapter[];
}

/** Id of the <section> that holds a chapter on the print page. */
export function chapterSectionId(docId: string): string {
  return `chapter-${docId.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/**
 * Id a chapter's heading gets on the print page. Chapters reuse heading ids
 * (#summary, #try-it...), which would collide on one page, so each is
 * prefixed with its chapter's id.
 */
export function chapterHeadingId(docId: string, headingId: string): string {
  return `${docId.replace(/[^a-zA-Z0-9_-]/g, '-')}--${headingId}`;
}

/**
 * Where a link found in `chapter` points on the print page: "#x" to the
 * chapter's own (prefixed) heading, a link to another chapter of the
 * edition to that chapter's section or heading there; any other link is
 * left as it is.
 */
export function printHref(
  href: string,
  chapter: PrintChapter,
  byPermalink: ReadonlyMap<string, PrintChapter>,
): string {
  if (href.startsWith('#')) return href.length > 1 ? `#${chapterHeadingId(chapter.id, href.slice(1))}` : href;
  const hashAt = href.indexOf('#');
  const pathPart = hashAt < 0 ? href : href.slice(0, hashAt);
  const target = byPermalink.get(pathPart);
  if (!target) return href;
  return hashAt < 0 || hashAt === href.length - 1
    ? `#${chapterSectionId(target.id)}`
    : `#${chapterHeadingId(target.id, href.slice(hashAt + 1))}`;
}
