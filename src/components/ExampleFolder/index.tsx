import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {useDocsVersion} from '@docusaurus/plugin-content-docs/client';

export interface Props {
  /** Folder under examples/, e.g. "02-docker-layer". */
  folder: string;
}

/**
 * "The finished code is in examples/<folder>/", linked into the repository
 * at the commit this page was built from (unreleased docs) or at the
 * release tag (a released version), so the link never drifts.
 */
export default function ExampleFolder({folder}: Props): ReactNode {
  const {siteConfig} = useDocusaurusContext();
  const {repoUrl, commit} = siteConfig.customFields as {repoUrl: string; commit: string};
  const version = useDocsVersion();
  const ref = version.version === 'current' ? commit : `v${version.version}`;
  const href = `${repoUrl}/tree/${ref}/examples/${folder}`;
  return (
    <p>
      The finished code for this part is the folder{' '}
      <Link href={href}>
        <code>examples/{folder}/</code>
      </Link>
      : a complete layer you can copy on its own.
    </p>
  );
}
