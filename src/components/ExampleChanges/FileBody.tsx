/**
 * The body of one file of <ExampleChanges>: its diff and the whole new
 * file, fetched from the JSON the build emitted (src/plugins/example-changes.ts).
 * In its own chunk, loaded when a reader first opens a file, so the chapter
 * pages do not carry it.
 */
import {useEffect, useState, type ComponentType, type ReactNode} from 'react';
import {useMDXComponents} from '@mdx-js/react';
import type {ChangeBodies, FileSummary} from '@site/src/remark/folder-changes';

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

export default function FileBody({file, title, url}: {file: FileSummary; title: string; url: string}): ReactNode {
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

