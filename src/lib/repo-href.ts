/**
 * The repository URL of a path, pinned to the code a docs version was
 * written for: the release tag `v<version>` for a released version, the
 * build's commit for the unreleased one ('current'). Shared by <RepoLink>
 * (in the browser) and the llms.txt generator (at build time).
 */
export function repoHref(repoUrl: string, commit: string, version: string, path = ''): string {
  const ref = version === 'current' ? commit : `v${version}`;
  return path ? `${repoUrl}/tree/${ref}/${path}` : repoUrl;
}
