import {useEffect, useState, type ComponentType, type ReactNode} from 'react';
import {useMDXComponents} from '@mdx-js/react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import RepoLink from '@site/src/components/RepoLink';
import type {ChangeBodies, ChangesSummary, FileSummary} from '@site/src/remark/folder-changes';
import styles from './styles.module.css';

export interface Props {
  /** The previous chapter's example folder, e.g. "04-juju-status". */
  from: string;
  /** This chapter's example folder, e.g. "05-configuration". */
  to: string;
  /** Filled in at build time by src/remark/embed-example-changes.ts. */
  changes?: ChangesSummary;
}

/** One fetch per asset and page view, shared by every file of the list. */
const fetched = new Map<string, Promise<ChangeBodies>>();

function loadBodies(url: string): Promise<ChangeBodies> {
  let request = fetched.get(url);
  if (!request) {
    request = fetch(url).then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json() as Promise<ChangeBodies>;
    });
    // A failed load may be retried by closing and opening the file again.
    request.catch(() => fetched.delete(url));
    fetched.set(url, request);
  }
  return request;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "+12 −3 lines": screen readers say "plus 12 minus 3 lines", as they should. */
function Counts({added, removed}: {added: number; removed: number}): ReactNode {
  return <span className={styles.meta}>{`+${added} −${removed} lines`}</span>;
}

interface CodeProps {
  language: string;
  title: string;
  children: string;
}

/**
 * The site's code block, taken from the MDX components rather than imported
 * from @theme/CodeBlock: importing it here, in the page chunks of the six
 * chapters that use this component, made the bundler split the chunk every
 * doc page shares and cost each page 0.6 KiB gzip. A final newline keeps a
 * one-line file a block (MDX's code renders newline-free text inline);
 * CodeBlock drops it again.
 */
function Code({language, title, children}: CodeProps): ReactNode {
  const {code: MDXCode} = useMDXComponents() as {code: ComponentType<CodeProps & {className: string}>};
  return (
    <MDXCode language={language} className={`language-${language}`} title={title}>
      {`${children}\n`}
    </MDXCode>
  );
}

const STATUS_TEXT = {added: 'new file', removed: 'removed', changed: 'changed'} as const;

function FileBody({file, title, url}: {file: FileSummary; title: string; url: string}): ReactNode {
  const [bodies, setBodies] = useState<ChangeBodies | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadBodies(url).then(
      (b) => live && setBodies(b),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [url]);
  if (error) {
    return (
      <p role="alert">
        The changes could not be loaded ({error}). Reload the page to try again.
      </p>
    );
  }
  const body = bodies?.[file.path];
  if (!body) return <p role="status">Loading the changes…</p>;
  return (
    <>
      <Code language="diff" title={title}>
        {body.diff}
      </Code>
      {body.whole !== undefined && (
        <details className="margin-bottom--sm">
          <summary>Show whole file</summary>
          <Code language={file.language} title={title}>
            {body.whole}
          </Code>
        </details>
      )}
    </>
  );
}

/** A file of the list: closed until the reader opens it, then its diff. */
function ChangedFile({file, title, url}: {file: FileSummary; title: string; url: string}): ReactNode {
  const [opened, setOpened] = useState(false);
  return (
    <details className={styles.file} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>
        <code>{file.path}</code> <span className={styles.meta}>{STATUS_TEXT[file.status as keyof typeof STATUS_TEXT]}</span>{' '}
        <Counts added={file.added} removed={file.removed} />
      </summary>
      <div className="padding-horiz--sm">{opened && <FileBody file={file} title={title} url={url} />}</div>
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
