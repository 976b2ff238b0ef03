import {execFileSync} from 'node:child_process';
import {themes as prismThemes} from 'prism-react-renderer';
import type {Config} from '@docusaurus/types';
import {accessiblePrism} from './src/lib/accessible-prism';
import type * as Preset from '@docusaurus/preset-classic';
import remarkEmbedExamples from './src/remark/embed-examples';
import remarkExampleChanges from './src/remark/embed-example-changes';
import remarkChapterCommands from './src/remark/chapter-commands';
import remarkExampleMetrics from './src/lib/remark-example-metrics';
import remarkExampleFolder from './src/remark/example-folder';
import remarkGlossaryLinks from './src/remark/glossary-links';
import remarkRepoPaths from './src/remark/repo-paths';
import exampleDependenciesPlugin from './src/plugins/example-dependencies';
import exampleDownloadsPlugin from './src/plugins/example-downloads';
import exampleChangesPlugin from './src/plugins/example-changes';
import socialCardsPlugin, {socialCardFrontMatter} from './src/plugins/social-cards';
import searchCodeTokensPlugin from './src/plugins/search-code-tokens';
import printEditionPlugin from './src/plugins/print-edition';
import {pwaOptions} from './src/plugins/pwa';
import {printEditionPath} from './src/data/print-edition';
import prismLitePlugin from './src/plugins/prism-lite';
import tslibClientPlugin from './src/plugins/tslib-client';
import postcssNoConfigSearchPlugin from './src/plugins/postcss-no-config-search';
import llmsTxtPlugin from './src/plugins/llms-txt';
import {allVersionLabels, docsVersionOptions, releasedVersions, versionLabel} from './src/data/versions';
import {pageRedirects} from './src/data/url-redirects';

// Released docs versions (versions.json, written by `npm run release`).
// Empty before the first release: then there is no version dropdown.
const RELEASED = releasedVersions();

// Where the site is published. Overridable so a fork or a preview host can
// build canonical URLs and the sitemap for its own address.
const SITE_URL = process.env.SITE_URL ?? 'https://charming-with-docker.example.org';

// The public repository that holds docs/ and examples/. Links to a
// chapter's code point into it at a fixed commit or release tag, never at
// a moving branch.
const REPO_URL =
  process.env.REPO_URL ?? 'https://github.com/charming-with-docker/charming-with-docker';

/** The commit being built, so "Next" links pin the code they point at. */
function buildCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {encoding: 'utf8'}).trim();
  } catch {
    // Known limit: a build outside a git checkout cannot pin a commit.
    return 'main';
  }
}

const config: Config = {
  title: 'Charming with Docker',
  tagline:
    'Write Juju charms that run Docker containers, step by step, with tested example code',
  favicon: 'img/favicon.svg',
  url: SITE_URL,
  customFields: {repoUrl: REPO_URL, commit: buildCommit()},
  baseUrl: '/',
  trailingSlash: false,

  future: {
    v4: true,
    // Docusaurus Faster: Rspack bundler, SWC and Lightning CSS.
    faster: true,
    // No page shows a last-update date or author, so the build need not
    // read the Git history (Faster's eager Git reading cost 0.6 s of every
    // cold build). The repository links pin a commit from buildCommit().
    experimental_vcs: false,
  },

  // A dead link, anchor or Markdown file link is a build failure, never a
  // warning: readers arrive from forum posts and must land somewhere real.
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  // Two docs with the same slug would leave one of them unreachable.
  onDuplicateRoutes: 'throw',
  markdown: {
    hooks: {onBrokenMarkdownLinks: 'throw'},
    // Keep the `## Heading {#id}` syntax for explicit heading ids (the v4
    // future flag would otherwise turn it off).
    mdx1Compat: {headingIds: true},
    // FAQ answers (and docs with `social_card: generate`) get a generated
    // link-preview image: see src/plugins/social-cards.ts.
    parseFrontMatter: socialCardFrontMatter,
  },

  i18n: {defaultLocale: 'en', locales: ['en']},

  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          // Listings are filled from examples/ before Docusaurus sees them.
          // <ExampleMetric /> figures are counted in the examples (src/lib/example-metrics.ts).
          // <ExampleFolder /> gets its zip's file count and size (src/remark/example-folder.ts).
          // <ExampleChanges /> gets the diff summary of two example folders.
          // Chapters then get "copy all commands" (after embedding, which
          // tells example files from commands).
          beforeDefaultRemarkPlugins: [
            remarkEmbedExamples,
            remarkExampleChanges,
            remarkExampleMetrics,
            remarkExampleFolder,
            remarkChapterCommands,
            // Repository paths linked by <RepoLink> and <ExampleComparison> exist.
            remarkRepoPaths,
            // A chapter's first use of each glossary term links to the glossary.
            remarkGlossaryLinks,
          ],
          // Next (docs/) and released versions: see src/data/versions.ts.
          ...docsVersionOptions(RELEASED),
        },
        blog: false,
        theme: {customCss: './src/css/custom.css'},
      } satisfies Preset.Options,
    ],
  ],

  plugins: [
    // Each doc depends on the example files its page is made from.
    exampleDependenciesPlugin,
    // Each example folder of each version as a zip under /downloads/.
    exampleDownloadsPlugin,
    // Emits the diffs that <ExampleChanges /> fetches when a file is opened.
    exampleChangesPlugin,
    [socialCardsPlugin, {versionLabels: allVersionLabels(RELEASED)}],
    // Lets search find names in code listings (docker.available, set_flag).
    searchCodeTokensPlugin,
    // Moved pages keep their old URL working (src/data/url-redirects.ts).
    ['@docusaurus/plugin-client-redirects', {redirects: pageRedirects}],
    // One page per docs version with the whole tutorial, for printing.
    printEditionPlugin,
    // Offline reading after the first visit (src/plugins/pwa.ts).
    ['@docusaurus/plugin-pwa', pwaOptions],
    // /llms.txt and /llms-full.txt (and Next's under /docs/next/), with every listing filled in.
    llmsTxtPlugin,
    // Code highlighting without prism-react-renderer's 40 languages and 20
    // themes in every page's JS (src/lib/prism-lite).
    prismLitePlugin,
    // Only the tslib helpers client code uses, not all of tslib in main.js.
    tslibClientPlugin,
    // The theme's PostCSS setup without a config-file search per CSS file.
    postcssNoConfigSearchPlugin,
  ],

  // Renamed heading ids are forwarded on the client (src/data/url-redirects.ts).
  clientModules: ['./src/clientModules/anchor-redirects.ts'],

  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        docsRouteBasePath: '/docs',
        // One index per docs version (the plugin's own behaviour): the box
        // searches the version being read and reloads its index when the
        // reader switches. docsDir only feeds the index's cache-busting hash.
        docsDir: RELEASED.length > 0 ? ['docs', 'versioned_docs'] : ['docs'],
        highlightSearchTermsOnTargetPage: true,
        explicitSearchResultPath: true,
        searchBarShortcutKeymap: 'mod+k',
        // The "all commands" script repeats the page's own commands; a
        // search hit should land on the command where it is explained.
        // Text only shown without JavaScript (<noscript>) or on paper
        // (.print-only) is not what a reader searching the page sees.
        ignoreCssSelectors: ['.chapter-commands', 'noscript', '.print-only'],
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
        {type: 'docSidebar', sidebarId: 'faq', position: 'left', label: 'FAQ'},
        // Keeps the reader on the same page when it exists in the other version.
        ...(RELEASED.length > 0
          ? [{type: 'docsVersionDropdown' as const, position: 'right' as const}]
          : []),
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
        {
          title: 'Print edition',
          // One link per version: the latest release first, then Next.
          items: [
            ...RELEASED.map((v, i) => ({label: `Whole tutorial, ${versionLabel(v)}`, to: printEditionPath(v, i === 0)})),
            {label: `Whole tutorial, ${versionLabel('current')}`, to: printEditionPath('current', RELEASED.length === 0)},
          ],
        },
      ],
      copyright:
        'Charming with Docker. Example code in examples/ is tested on every change.',
    },
    prism: {
      // Token colours adjusted to 4.5:1 on the code background and on a
      // highlighted line (the [r, g, b, alpha] of custom.css's
      // --docusaurus-highlighted-code-line-bg for each mode).
      theme: accessiblePrism(prismThemes.github, [29, 90, 150, 0.12]),
      darkTheme: accessiblePrism(prismThemes.vsDark, [122, 184, 255, 0.16]),
      // src/lib/prism-lite always has markup/html, css, json, yaml and
      // python; these are added (a language costs bytes on every page).
      additionalLanguages: ['bash', 'docker', 'ini', 'diff'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
