import type {ReactNode} from 'react';
import RepoLink from '@site/src/components/RepoLink';
import styles from './styles.module.css';

export interface Props {
  /** Example folder of the first column, e.g. "07-relations". */
  left: string;
  /** Example folder of the second column, e.g. "09-reactive". */
  right: string;
  /** A Markdown table whose figures are <ExampleMetric /> tags. */
  children: ReactNode;
}

/**
 * Frames a side-by-side table of two example folders and says where its
 * figures come from. It computes nothing: every number in the table is an
 * <ExampleMetric /> tag, replaced at build time by the count taken in the
 * example files (src/lib/remark-example-metrics.ts), so the browser gets
 * plain text and the figures follow the examples of the version read.
 */
export default function ExampleComparison({left, right, children}: Props): ReactNode {
  return (
    <figure className={styles.comparison}>
      <div className={styles.table}>{children}</div>
      <figcaption className={styles.caption}>
        Counted in{' '}
        <RepoLink path={`examples/${left}`}>
          <code>examples/{left}/</code>
        </RepoLink>{' '}
        and{' '}
        <RepoLink path={`examples/${right}`}>
          <code>examples/{right}/</code>
        </RepoLink>{' '}
        when this page was built. Code lines leave out blank lines, comments
        and docstrings.
      </figcaption>
    </figure>
  );
}
