import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {useAllDocsData} from '@docusaurus/plugin-content-docs/client';
import {chapters} from '@site/src/data/chapters';
import {useProgress} from './store';
import {continueTarget, shortTitle} from './continue';
import styles from './home.module.css';

const ORDER = chapters.map((c) => c.id);

/**
 * Home page: "Continue where you left off: Part N — title", from progress
 * stored in this browser. It is drawn only in the browser, into a line the
 * static page already reserves, so nothing below it moves.
 */
export default function ContinueReading(): ReactNode {
  const progress = useProgress();
  const docsData = useAllDocsData().default;
  let content: ReactNode = null;
  if (progress?.last) {
    const target = continueTarget(progress, ORDER);
    const chapter = chapters.find((c) => c.id === target);
    if (chapter) {
      // The version the reader was reading, if this build still has it.
      const version = docsData?.versions.find((v) => v.name === progress.last!.version);
      const doc = version?.docs.find((d) => d.id === chapter.id);
      content = (
        <Link to={doc?.path ?? chapter.to}>
          Continue where you left off: {shortTitle(chapter.title)}
          {doc && !version!.isLast ? ` (${version!.label})` : ''}
        </Link>
      );
    } else if (target === null && progress.done.length > 0 && ORDER.every((id) => progress.done.includes(id))) {
      content = 'You have marked every part of the tutorial as done.';
    }
  }
  return <p className={styles.continue}>{content}</p>;
}
