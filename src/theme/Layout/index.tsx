/**
 * Wraps the theme Layout to give the local-search results page a <main>
 * landmark. That page comes from @easyops-cn/docusaurus-search-local, which
 * renders its results straight inside Layout without one (axe "region"
 * rule); every other page already has its own <main>.
 */
import type {ReactNode} from 'react';
import Layout from '@theme-original/Layout';
import type LayoutType from '@theme/Layout';
import type {WrapperProps} from '@docusaurus/types';
import {useLocation} from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';

type Props = WrapperProps<typeof LayoutType>;

export default function LayoutWrapper({children, ...props}: Props): ReactNode {
  const {pathname} = useLocation();
  const searchPath = useBaseUrl('/search');
  const isSearchPage = pathname.replace(/\/$/, '') === searchPath;
  return <Layout {...props}>{isSearchPage ? <main>{children}</main> : children}</Layout>;
}
