import type {ReactNode} from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import RepoLink from '@site/src/components/RepoLink';

export interface Props {
  /** Folder under examples/, e.g. "02-docker-layer". */
  folder: string;
  /**
   * Set at build time by src/remark/example-folder.ts: the zip's URL for
   * this page's docs version, without the base URL, e.g.
   * /downloads/1.0/05-configuration.zip (see src/lib/download-path.ts)...
   */
  href?: string;
  /** ...and what it holds, e.g. "12 files, 15 KB". */
  summary?: string;
}

/**
 * "The finished code is in examples/<folder>/": a link into the repository
 * pinned to this version (see RepoLink) and the same folder as a zip, built
 * with the site (src/plugins/example-downloads.ts). A plain <a download>,
 * not <Link>: the zip is a file, not a route of the site (the broken-link
 * checker would reject it). The zips exist in production builds and on the
 * dev server alike. Without the build-time props (the component used
 * outside a doc) only the repository link is shown.
 */
export default function ExampleFolder({folder, href, summary}: Props): ReactNode {
  const zipHref = useBaseUrl(href ?? '');
  const zipUrl = useBaseUrl(href ?? '', {absolute: true});
  return (
    <>
      <p>
        The finished code for this part is the folder{' '}
        <RepoLink path={`examples/${folder}`}>
          <code>examples/{folder}/</code>
        </RepoLink>
        : a complete layer you can copy on its own.
      </p>
      {href && (
        <p>
          <a href={zipHref} download>
            Download <code>examples/{folder}/</code> as a zip ({summary})
          </a>
          {/* Paper cannot be clicked: say where the zip is. */}
          <span className="print-only print-only-url"> ({zipUrl})</span>
        </p>
      )}
    </>
  );
}
