/**
 * The print edition of one docs version (route added by
 * src/plugins/print-edition.ts): a cover with the version, a table of
 * contents, then every chapter in sidebar order, each in its own <section>
 * that starts on a new printed page (print rules in styles.module.css and
 * src/css/custom.css).
 *
 * Chapters share one page, so their headings and links are adjusted while
 * they render:
 * - headings move one level down (the chapter title is the <h2>) and get
 *   ids prefixed with the chapter id, as chapters reuse ids such as
 *   #summary;
 * - a link to "#x" inside a chapter, or to another chapter of the edition
 *   (/docs/next/relations#publish), points to that place on this page, so
 *   cross-references work on paper and in a saved PDF.
 * Known limit: a link into this page from elsewhere must use the prefixed
 * ids; the chapter pages keep the ids the rest of the site links to.
 */
import type {ComponentProps, ReactNode} from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import MDXContent from '@theme/MDXContent';
import MDXComponents from '@theme/MDXComponents';
import Link from '@docusaurus/Link';
import Head from '@docusaurus/Head';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {DocsVersionProvider} from '@docusaurus/plugin-content-docs/client';
import type {PropVersionMetadata} from '@docusaurus/plugin-content-docs';
import {
  chapterHeadingId,
  chapterSectionId,
  printHref,
  type PrintChapter,
  type PrintEditionData,
} from '@site/src/data/print-edition';
import styles from './styles.module.css';

/** A compiled chapter: the MDX component with the loader's named exports. */
interface ChapterModule {
  (props: {components?: Record<string, unknown>}): ReactNode;
  toc?: Array<{value: string; id: string; level: number}>;
}

interface Props {
  edition: PrintEditionData;
  chapters: Array<{content: ChapterModule}>;
}

type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;
type HeadingTag = `h${HeadingLevel}`;

/** MDX element overrides for one chapter on the shared page. */
function chapterComponents(chapter: PrintChapter, byPermalink: ReadonlyMap<string, PrintChapter>, siteUrl: string) {
  const shifted = (level: HeadingLevel) =>
    function ShiftedHeading({id, ...props}: ComponentProps<'h2'>): ReactNode {
      const as = `h${Math.min(level + 1, 6)}` as HeadingTag;
      return <Heading {...props} as={as} id={id ? chapterHeadingId(chapter.id, id) : undefined} />;
    };
  const A = MDXComponents.a;
  return {
    h1: shifted(1),
    h2: shifted(2),
    h3: shifted(3),
    h4: shifted(4),
    h5: shifted(5),
    h6: shifted(6),
    a: ({href, children, ...props}: ComponentProps<'a'>): ReactNode => {
      const to = href === undefined ? href : printHref(href, chapter, byPermalink);
      // A page of the site outside this edition (an FAQ answer, say): on
      // paper, say where it is. Glossary links are words, not places to go.
      const elsewhere = to?.startsWith('/') && !/\/glossary(?:#|$)/.test(to);
      return (
        <>
          <A {...props} href={to}>
            {children}
          </A>
          {elsewhere && <span className="print-only print-only-url">{` (${siteUrl}${to})`}</span>}
        </>
      );
    },
  };
}

function versionMetadata(edition: PrintEditionData): PropVersionMetadata {
  // Only what components inside the chapters read (RepoLink reads
  // `version`); this page is not a docs route and has no sidebar.
  return {
    pluginId: 'default',
    version: edition.versionName,
    label: edition.versionLabel,
    banner: edition.banner,
    badge: false,
    className: '',
    isLast: edition.isLast,
    noIndex: false,
    docsSidebars: {},
    docs: {},
  };
}

function Chapter({
  chapter,
  Content,
  byPermalink,
}: {
  chapter: PrintChapter;
  Content: ChapterModule;
  byPermalink: ReadonlyMap<string, PrintChapter>;
}): ReactNode {
  const sectionId = chapterSectionId(chapter.id);
  const {siteConfig} = useDocusaurusContext();
  // The contents link here; the broken-anchor check only knows ids it is told about.
  useBrokenLinks().collectAnchor(sectionId);
  return (
    <section id={sectionId} aria-labelledby={`${sectionId}-title`} className={`markdown ${styles.chapter}`}>
      <Heading as="h2" id={`${sectionId}-title`} className={styles.chapterTitle}>
        {chapter.title}
      </Heading>
      <p className={styles.onlineAt}>
        {/* The full address, so a printed copy says where to find the page. */}
        Online: <Link to={chapter.permalink}>{`${siteConfig.url}${chapter.permalink}`}</Link>
      </p>
      <MDXContent>
        <Content components={chapterComponents(chapter, byPermalink, siteConfig.url)} />
      </MDXContent>
    </section>
  );
}

export default function PrintEdition({edition, chapters}: Props): ReactNode {
  const byPermalink = new Map(edition.chapters.map((c) => [c.permalink, c]));
  const title = `The whole tutorial, version ${edition.versionLabel}`;
  const firstChapter = edition.chapters[0];
  return (
    <Layout
      title={`Print edition: ${edition.versionLabel}`}
      description={`Every chapter of Charming with Docker (${edition.versionLabel}) on one page, to print or save as a PDF.`}>
      <Head>
        {/* Every chapter already has its own page: search engines should list
            those, not this copy of all of them (the sitemap plugin also leaves
            noindex pages out). Links on it are still followed. */}
        <meta name="robots" content="noindex, follow" />
      </Head>
      <DocsVersionProvider version={versionMetadata(edition)}>
        <main className={`container margin-vert--lg ${styles.edition}`}>
          <header className={styles.cover}>
            <p className={styles.kicker}>Charming with Docker</p>
            <Heading as="h1">{title}</Heading>
            <p>
              Every chapter of the tutorial on one page, in reading order, with the same tested example code as the
              chapter pages. Use your browser&apos;s <strong>Print</strong> command to print it or save it as a PDF:
              each chapter starts on a new page.
            </p>
            {edition.banner === 'unreleased' && (
              <p>
                This is <strong>{edition.versionLabel}</strong>, the unreleased version: it may change before its
                release.
              </p>
            )}
            <p className={styles.screenOnly}>
              <button type="button" className="button button--primary" onClick={() => window.print()}>
                Print this edition
              </button>{' '}
              <Link to={firstChapter?.permalink ?? edition.versionPath}>Read it chapter by chapter instead</Link>
            </p>
          </header>

          <nav aria-labelledby="print-contents" className={styles.contents}>
            <Heading as="h2" id="print-contents">
              Contents
            </Heading>
            <ol>
              {edition.chapters.map((chapter, i) => (
                <li key={chapter.id}>
                  <Link to={`#${chapterSectionId(chapter.id)}`}>{chapter.title}</Link>
                  <ol className={styles.sections}>
                    {(chapters[i]?.content.toc ?? [])
                      .filter((item) => item.level === 2)
                      .map((item) => (
                        <li key={item.id}>
                          <Link
                            to={`#${chapterHeadingId(chapter.id, item.id)}`}
                            // toc values are the headings' HTML (inline code), escaped by the MDX loader.
                            dangerouslySetInnerHTML={{__html: item.value}}
                          />
                        </li>
                      ))}
                  </ol>
                </li>
              ))}
            </ol>
          </nav>

          {edition.chapters.map((chapter, i) => {
            const Content = chapters[i]?.content;
            return Content ? (
              <Chapter key={chapter.id} chapter={chapter} Content={Content} byPermalink={byPermalink} />
            ) : null;
          })}
        </main>
      </DocsVersionProvider>
    </Layout>
  );
}
