import type {ReactNode} from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import {useDocsVersion} from '@docusaurus/plugin-content-docs/client';
import RepoLink from '@site/src/components/RepoLink';
import {describeZip, downloadPath} from '@site/src/lib/download-path';

export interface Props {
  /** Folder under examples/, e.g. "02-docker-layer". */
  folder: string;
  /** Files in the folder's zip; set at build time by src/remark/example-folder.ts. */
  files?: number;
  /** Size of the zip in bytes; set at build time like `files`. */
  bytes?: number;
}

/**
 * "The finished code is in examples/<folder>/": a link into the repository
 * pinned to this version (see RepoLink) and the same folder as a zip, built
 * with the site (src/plugins/example-downloads.ts). A plain <a download>,
 * not <Link>: the zip is a file, not a route of the site (the broken-link
 * checker would reject it). The zips exist in production builds and on the
 * dev server alike.
 */
export default function ExampleFolder({folder, files, bytes}: Props): ReactNode {
  const {version} = useDocsVersion();
  const zipHref = useBaseUrl(downloadPath(version, folder));
  return (
    <>
      <p>
        The finished code for this part is the folder{' '}
        <RepoLink path={`examples/${folder}`}>
          <code>examples/{folder}/</code>
        </RepoLink>
        : a complete layer you can copy on its own.
      </p>
      <p>
        <a href={zipHref} download>
          Download <code>examples/{folder}/</code> as a zip
          {files !== undefined && bytes !== undefined ? ` (${describeZip(files, bytes)})` : ''}
        </a>
      </p>
    </>
  );
}
