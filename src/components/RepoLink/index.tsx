import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {useDocsVersion} from '@docusaurus/plugin-content-docs/client';
import {repoHref} from '@site/src/lib/repo-href';

export interface Props {
  /** Path inside the repository, e.g. "examples/02-docker-layer". */
  path?: string;
  children: ReactNode;
}

/**
 * The repository URL of `path`, pinned to the commit this page was built
 * from; in a released version, `examples/...` points into that version's
 * snapshot (src/lib/repo-href.ts), so the link shows the code the page shows.
 */
export function useRepoHref(path = ''): string {
  const {siteConfig} = useDocusaurusContext();
  const {repoUrl, commit} = siteConfig.customFields as {repoUrl: string; commit: string};
  const {version} = useDocsVersion();
  return repoHref(repoUrl, commit, version, path);
}

export default function RepoLink({path, children}: Props): ReactNode {
  return <Link href={useRepoHref(path)}>{children}</Link>;
}
