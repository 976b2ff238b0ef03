import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

// One explicit tree, in reading order: a chapter appears here when it exists.
const sidebars: SidebarsConfig = {
  tutorial: [
    'before-you-begin',
    {
      type: 'category',
      label: 'Hook-era charm',
      collapsed: false,
      items: ['charm-build', 'docker-layer', 'payloads', 'juju-status', 'configuration', 'config-changes', 'relations', 'hook-summary'],
    },
    {
      type: 'category',
      label: 'Reactive',
      collapsed: false,
      items: ['reactive', 'hooks-vs-reactive'],
    },
  ],
  // The FAQ (part 11): one page per answer, grouped by topic, and the
  // glossary. Kept out of `tutorial` (and of src/data/chapters.ts) on purpose.
  faq: [
    'faq/index',
    // Definitions of the Juju terms; chapters link each term's first use
    // to it (src/remark/glossary-links.ts).
    'glossary',
    {
      type: 'category',
      label: 'Environment variables',
      items: [
        'faq/env-vars',
        'faq/env-file',
        'faq/config-to-container',
        'faq/secrets',
        'faq/proxies',
      ],
    },
    {
      type: 'category',
      label: 'Volumes and storage',
      items: [
        'faq/bind-mounts-vs-volumes',
        'faq/keep-data',
        'faq/juju-storage',
        'faq/read-only-mounts',
      ],
    },
    {
      type: 'category',
      label: 'Networking',
      items: [
        'faq/publish-vs-host-network',
        'faq/relation-address',
        'faq/ufw-bypass',
        'faq/open-port-expose',
        'faq/container-dns',
      ],
    },
    {
      type: 'category',
      label: 'Restarts and lifecycle',
      items: ['faq/restart-policies'],
    },
    {
      type: 'category',
      label: 'Images',
      items: [
        'faq/pin-image-digest',
        'faq/private-registry',
        'faq/non-root-hardening',
        'faq/container-logs',
      ],
    },
    {
      type: 'category',
      label: 'Troubleshooting',
      items: [
        'faq/unused-interface-warning',
        'faq/local-deploy-error',
        'faq/charm-layers-dir',
        'faq/stray-local-interface',
        'faq/shipped-hook-overrides',
        'faq/charmcraft-config-missing',
        'faq/handlers-rerun',
      ],
    },
    'faq/where-this-fits',
  ],
};

export default sidebars;
