/**
 * Components every MDX page can use without importing them, and small
 * accessibility fixes to Markdown elements.
 */
import type {ComponentProps, ReactNode} from 'react';
import MDXComponents from '@theme-original/MDXComponents';
import ExampleFolder from '@site/src/components/ExampleFolder';
import RepoLink from '@site/src/components/RepoLink';

/**
 * Infima lets a wide table scroll sideways inside itself; a keyboard user
 * can only scroll it if it can take focus (axe scrollable-region-focusable).
 */
function Table(props: ComponentProps<'table'>): ReactNode {
  return <table tabIndex={0} {...props} />;
}

export default {
  ...MDXComponents,
  table: Table,
  ExampleFolder,
  RepoLink,
};
