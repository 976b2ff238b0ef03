import {lazy, Suspense, useState, type ReactNode} from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import RepoLink from '@site/src/components/RepoLink';
import type {ChangesSummary, FileSummary} from '@site/src/remark/folder-changes';
import styles from './styles.module.css';

// The diff viewer is only needed once a file is opened (FileBody.tsx).
const FileBody = lazy(() => import('./FileBody'));

export interface Props {
  /** The previous chapter's example folder, e.g. "04-juju-status". */
  from: string;
  /** This chapter's example folder, e.g. "05-configuration". */
  to: string;
  /** Filled in at build time by src/remark/embed-example-changes.ts. */
  changes?: ChangesSummary;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "+12 −3 lines": screen readers say "plus 12 minus 3 lines", as they should. */
function Counts({added, removed}: {added: number; removed: number}): ReactNode {
  return <span className={styles.meta}>{`+${added} −${removed} lines`}</span>;
}

const STATUS_TEXT = {added: 'new file', removed: 'removed', changed: 'changed'} as const;

/** A file of the list: closed until the reader opens it, then its diff. */
function ChangedFile({file, title, url}: {file: FileSummary; title: string; url: string}): ReactNode {
  const [opened, setOpened] = useState(false);
  return (
    <details className={styles.file} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>
        <code>{file.path}</code> <span className={styles.meta}>{STATUS_TEXT[file.status as keyof typeof STATUS_TEXT]}</span>{' '}
        <Counts added={file.added} removed={file.removed} />
      </summary>
      <div className="padding-horiz--sm">
        {opened && (
          <Suspense fallback={<p role="status">Loading the changes…</p>}>
            <FileBody file={file} title={title} url={url} />
          </Suspense>
        )}
      </div>
    </details>
  );
}

/**
 * What changed between the previous chapter's example folder and this
 * one's: a summary line, one collapsed entry per added, removed or changed
 * file (its diff, and the whole new file, are fetched when first opened),
 * and the unchanged files by name.
 */
export default function ExampleChanges({from, to, changes}: Props): ReactNode {
  const url = useBaseUrl(changes?.bodies ?? '');
  if (!changes) {
    throw new Error(`<ExampleChanges from="${from}" to="${to}"> was not filled in: is the remark plugin registered?`);
  }
  const listed = changes.files.filter((f) => f.status !== 'unchanged');
  const unchanged = changes.files.filter((f) => f.status === 'unchanged');
  const count = (status: FileSummary['status']) => listed.filter((f) => f.status === status).length;
  const parts = [
    plural(count('changed'), 'file') + ' changed',
    count('added') > 0 && `${count('added')} added`,
    count('removed') > 0 && `${count('removed')} removed`,
  ].filter(Boolean);
  const sum = (key: 'added' | 'removed') => listed.reduce((n, f) => n + f[key], 0);
  return (
    <div>
      <p>
        From{' '}
        <RepoLink path={`examples/${from}`}>
          <code>examples/{from}/</code>
        </RepoLink>{' '}
        to{' '}
        <RepoLink path={`examples/${to}`}>
          <code>examples/{to}/</code>
        </RepoLink>
        : {parts.join(', ')}, <Counts added={sum('added')} removed={sum('removed')} /> in all. Open a file to see its changes.
      </p>
      <ul className="clean-list">
        {listed.map((file) => (
          <li key={file.path}>
            <ChangedFile
              file={file}
              title={`examples/${file.status === 'removed' ? from : to}/${file.path}`}
              url={url}
            />
          </li>
        ))}
      </ul>
      {unchanged.length > 0 && (
        <p>
          Unchanged:{' '}
          {unchanged.map((f, i) => (
            <span key={f.path}>
              {i > 0 && ', '}
              <code>{f.path}</code>
            </span>
          ))}
          .
        </p>
      )}
    </div>
  );
}
