import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {useDocsVersion} from '@docusaurus/plugin-content-docs/client';
import {printEditionPath} from '@site/src/data/print-edition';

/**
 * A link to the print edition of the version being read. A component, not a
 * Markdown link, so the text stays right when `docs/` is copied into a
 * release (a fixed /print/next would then point at the wrong version).
 */
export default function PrintEditionLink({children}: {children: ReactNode}): ReactNode {
  const {version, isLast} = useDocsVersion();
  return <Link to={printEditionPath(version, isLast)}>{children}</Link>;
}
