import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {chapters} from '@site/src/data/chapters';
import styles from './styles.module.css';

/** The numbered chapter list on the home page. */
export default function ChapterList(): ReactNode {
  return (
    <ol className={styles.list}>
      {chapters.map((chapter) => (
        <li key={chapter.id} className={styles.item}>
          <Link to={chapter.to} className={styles.title}>
            {chapter.title}
          </Link>
          <p className={styles.summary}>{chapter.summary}</p>
        </li>
      ))}
    </ol>
  );
}
