/**
 * Components every MDX page can use without importing them.
 */
import MDXComponents from '@theme-original/MDXComponents';
import ExampleFolder from '@site/src/components/ExampleFolder';
import RepoLink from '@site/src/components/RepoLink';

export default {
  ...MDXComponents,
  ExampleFolder,
  RepoLink,
};
