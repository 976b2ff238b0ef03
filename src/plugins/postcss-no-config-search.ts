/**
 * Docusaurus plugin: tell postcss-loader not to look for a PostCSS config
 * file. The theme passes its PostCSS plugins in the loader options, and this
 * site has no postcss.config.*; yet by default the loader searched, for
 * every CSS file it processed, each folder up to the root for about 30
 * config file names (cosmiconfig): about 0.5 s of every cold build.
 *
 * Known limit: a postcss.config.* added to the site is ignored while this
 * plugin is in the config.
 */
import type {Plugin} from '@docusaurus/types';

export default function postcssNoConfigSearchPlugin(): Plugin {
  return {
    name: 'postcss-no-config-search',
    configurePostCss(options) {
      return {...options, config: false};
    },
  };
}
