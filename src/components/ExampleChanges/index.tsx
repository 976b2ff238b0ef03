import {useState, type ComponentType, type ReactNode} from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import RepoLink from '@site/src/components/RepoLink';
import type {ChangesSummary, FileSummary} from '@site/src/remark/folder-changes';
import styles from './styles.module.css';

type FileBodyComponent = ComponentType<{file: FileSummary; title: string; url: string}>;

/**
 * The diff viewer (FileBody.tsx) is only needed once a file is opened, so it
 * is its own chunk. Not React.lazy: a chunk that fails to load (offline
 * without the service worker, or a page left open across a deploy) would
 * reach the page's error boundary and replace the whole chapter; here it
 * is a message in the file's box, and opening the file again retries.
 */
let fileBodyChunk: Promise<FileBodyComponent> | null = null;
function loadFileBody(): Promise<FileBodyComponent> {
  if (!fileBodyChunk) {
    fileBodyChunk = import('./FileBody').then((m) => m.default);
    fileBodyChunk.catch(() => (fileBodyChunk = null));
  }
  return fileBodyChunk;
}

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
function ChangedFile({file, title, url, noScript}: {file: FileSummary; title: string; url: string; noScript: ReactNode}): ReactNode {
  const [FileBody, setFileBody] = useState<FileBodyComponent | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onToggle = (open: boolean) => {
    if (!open || FileBody) return;
    setError(null);
    setLoading(true);
    loadFileBody().then(
      (component) => setFileBody(() => component),
      (e: unknown) => {
        setLoading(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  return (
    <details className={styles.file} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>
        <code>{file.path}</code> <span className={styles.meta}>{STATUS_TEXT[file.status as keyof typeof STATUS_TEXT]}</span>{' '}
        <Counts added={file.added} removed={file.removed} />
      </summary>
      <div className="padding-horiz--sm">
        {FileBody ? (
          <FileBody file={file} title={title} url={url} />
        ) : error ? (
          <p role="alert">
            The diff viewer could not be loaded ({error}). Check your connection, then close and open the file again.
          </p>
        ) : loading ? (
          <p role="status">Loading the changes…</p>
        ) : (
          // Shown only without JavaScript, which the viewer needs.
          <noscript>{noScript}</noscript>
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
  const noScript = (
    <p>
      Showing a file&apos;s changes needs JavaScript. Compare the two folders in the repository instead:{' '}
      <RepoLink path={`examples/${from}`}>{from}</RepoLink> and <RepoLink path={`examples/${to}`}>{to}</RepoLink>.
    </p>
  );
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
        : {parts.join(', ')}, <Counts added={sum('added')} removed={sum('removed')} /> in all.
        <span className="screen-only"> Open a file to see its changes.</span>
      </p>
      {/* On paper the closed files are of no use; the sentence above and the folders say it. */}
      <ul className="clean-list screen-only">
        {listed.map((file) => (
          <li key={file.path}>
            <ChangedFile
              file={file}
              title={`examples/${file.status === 'removed' ? from : to}/${file.path}`}
              url={url}
              noScript={noScript}
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
