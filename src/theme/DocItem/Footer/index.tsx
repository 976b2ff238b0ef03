/**
 * Wraps the doc footer to end every tutorial chapter with the reader's
 * progress ("Mark this part as done", and the record of the last chapter
 * visited, for the home page's "continue where you left off").
 *
 * The progress UI only exists in the browser, so it is loaded with
 * import() after hydration: FAQ pages never download it, chapters get it
 * off the critical path. The static page reserves its space.
 *
 * It replaces the theme's footer instead of wrapping it: that footer shows
 * tags, an "Edit this page" link and the last-update date, none of which
 * this site has, and its code (about 0.9 KiB gzip) was in every doc page's
 * JS. tests/site/doc-structure.test.ts fails if a doc or the config asks
 * for any of the three.
 */
import {lazy, Suspense, type ReactNode} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {useDoc, useDocsVersion} from '@docusaurus/plugin-content-docs/client';
import styles from '@site/src/components/ReadingProgress/ChapterProgress.module.css';

const ChapterProgress = lazy(() => import('@site/src/components/ReadingProgress/ChapterProgress'));

/**
 * The tutorial sidebar lists exactly the chapters of src/data/chapters.ts
 * (tests/site/chapters.test.ts), so its id tells a chapter from an FAQ page
 * without shipping the chapter list to every doc page.
 */
const TUTORIAL_SIDEBAR = 'tutorial';

export default function DocItemFooter(): ReactNode {
  const {metadata} = useDoc();
  const {version} = useDocsVersion();
  const isBrowser = useIsBrowser();
  if (metadata.sidebar !== TUTORIAL_SIDEBAR) return null;
  return (
    <div className={styles.reserved}>
      {isBrowser && (
        <Suspense fallback={null}>
          <ChapterProgress id={metadata.id} version={version} />
        </Suspense>
      )}
    </div>
  );
}
