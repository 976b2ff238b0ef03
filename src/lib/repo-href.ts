/**
 * The repository URL of a path, pinned to the commit the site was built
 * from (never a branch, which moves). A released version's pages show its
 * examples snapshot, so their `examples/...` paths point into
 * `versioned_examples/version-<version>/...` at that commit: the very
 * files the page and its zip were made from. (Release tags were used
 * before; a tag only exists once someone pushes it, and a link to a
 * missing tag is a dead link.) Shared by <RepoLink> (in the browser) and
 * the llms.txt generator (at build time).
 */
export function repoPath(version: string, path: string): string {
  if (version === 'current') return path;
  const m = /^examples(?:\/(.*))?$/.exec(path);
  if (!m) return path;
  return `versioned_examples/version-${version}${m[1] ? `/${m[1]}` : ''}`;
}

export function repoHref(repoUrl: string, commit: string, version: string, path = ''): string {
  return path ? `${repoUrl}/tree/${commit}/${repoPath(version, path)}` : repoUrl;
}
