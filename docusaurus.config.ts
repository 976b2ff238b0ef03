import {themes as prismThemes} from 'prism-react-renderer';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import remarkEmbedExamples from './src/remark/embed-examples';
import watchExamplesPlugin from './src/plugins/watch-examples';

// Where the site is published. Overridable so a fork or a preview host can
// build canonical URLs and the sitemap for its own address.
const SITE_URL = process.env.SITE_URL ?? 'https://charming-with-docker.example.org';

const config: Config = {
  title: 'Charming with Docker',
  tagline:
    'Write Juju charms that run Docker containers, step by step, with tested example code',
  favicon: 'img/favicon.svg',
  url: SITE_URL,
  baseUrl: '/',
  trailingSlash: false,

  future: {
    v4: true,
    // Docusaurus Faster: Rspack bundler, SWC and Lightning CSS.
    faster: true,
  },

  // A dead link, anchor or Markdown file link is a build failure, never a
  // warning: readers arrive from forum posts and must land somewhere real.
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {
    hooks: {onBrokenMarkdownLinks: 'throw'},
    // Keep the `## Heading {#id}` syntax for explicit heading ids (the v4
    // future flag would otherwise turn it off).
    mdx1Compat: {headingIds: true},
  },

  i18n: {defaultLocale: 'en', locales: ['en']},

  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          // Listings are filled from examples/ before Docusaurus sees them.
          beforeDefaultRemarkPlugins: [remarkEmbedExamples],
        },
        blog: false,
        theme: {customCss: './src/css/custom.css'},
      } satisfies Preset.Options,
    ],
  ],

  plugins: [watchExamplesPlugin],

  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        docsRouteBasePath: '/docs',
        highlightSearchTermsOnTargetPage: true,
        explicitSearchResultPath: true,
      },
    ],
  ],

  themeConfig: {
    colorMode: {respectPrefersColorScheme: true},
    navbar: {
      title: 'Charming with Docker',
      logo: {alt: 'Charming with Docker logo', src: 'img/logo.svg'},
      items: [
        {
          type: 'docSidebar',
          sidebarId: 'tutorial',
          position: 'left',
          label: 'Tutorial',
        },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Tutorial',
          items: [
            {label: 'Before you begin', to: '/docs/before-you-begin'},
            {label: 'Part 1: Building from layers', to: '/docs/charm-build'},
          ],
        },
      ],
      copyright:
        'Charming with Docker. Example code in examples/ is tested on every change.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.vsDark,
      // yaml, python and json ship with prism-react-renderer; these do not.
      additionalLanguages: ['bash', 'docker', 'ini', 'diff'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
