import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

// One explicit tree, in reading order: a chapter appears here when it exists.
const sidebars: SidebarsConfig = {
  tutorial: [
    'before-you-begin',
    {
      type: 'category',
      label: 'Hook-era charm',
      collapsed: false,
      items: ['charm-build', 'docker-layer'],
    },
  ],
};

export default sidebars;
