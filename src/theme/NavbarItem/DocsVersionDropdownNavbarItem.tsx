/**
 * The navbar's docs version dropdown, which also knows the print editions.
 *
 * A print edition (/print, /print/next) is not a docs route, so the theme's
 * dropdown showed the latest release's label on every edition and switched
 * to the other version's first chapter. On an edition it now shows that
 * edition's version and switches to the other versions' editions; on any
 * other page it is the theme's own dropdown.
 */
import type {ComponentProps, ReactNode} from 'react';
import OriginalDropdown from '@theme-original/NavbarItem/DocsVersionDropdownNavbarItem';
import DropdownNavbarItem from '@theme/NavbarItem/DropdownNavbarItem';
import {useLocation} from '@docusaurus/router';
import {useVersions} from '@docusaurus/plugin-content-docs/client';
import {printEditionPath} from '@site/src/data/print-edition';

type Props = ComponentProps<typeof OriginalDropdown>;

export default function DocsVersionDropdownNavbarItem(props: Props): ReactNode {
  const {pathname} = useLocation();
  const editions = useVersions(props.docsPluginId).map((version) => ({
    label: version.label,
    to: printEditionPath(version.name, version.isLast),
  }));
  const current = editions.find((e) => e.to === pathname.replace(/\/$/, ''));
  if (!current) return <OriginalDropdown {...props} />;
  // Only the props a plain dropdown takes (position, className, ...).
  const {mobile, docsPluginId: _plugin, dropdownActiveClassDisabled: _active, dropdownItemsBefore: _before, dropdownItemsAfter: _after, versions: _versions, ...rest} = props;
  return (
    <DropdownNavbarItem
      {...rest}
      mobile={mobile}
      label={current.label}
      items={editions.map((e) => ({label: e.label, to: e.to, isActive: () => e === current}))}
    />
  );
}
