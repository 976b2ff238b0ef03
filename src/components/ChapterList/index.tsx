import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {chapters} from '@site/src/data/chapters';
import {useProgress} from '@site/src/components/ReadingProgress/store';
import progressStyles from '@site/src/components/ReadingProgress/home.module.css';
import styles from './styles.module.css';

/**
 * The numbered chapter list on the home page. Chapters the reader marked
 * done in this browser show "Done"; the mark is in the static HTML but
 * invisible (and hidden from screen readers) until the browser knows, so
 * showing it moves nothing.
 */
export default function ChapterList(): ReactNode {
  const progress = useProgress();
  return (
    <ol className={styles.list}>
      {chapters.map((chapter) => {
        const done = progress?.done.includes(chapter.id) ?? false;
        return (
          <li key={chapter.id} className={styles.item}>
            <Link to={chapter.to} className={styles.title}>
              {chapter.title}
            </Link>
            <span className={progressStyles.doneMark} style={done ? undefined : {visibility: 'hidden'}}>
              <span aria-hidden="true">✓ </span>Done
            </span>
            <p className={styles.summary}>{chapter.summary}</p>
          </li>
        );
      })}
    </ol>
  );
}
