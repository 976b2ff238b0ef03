/**
 * Swizzled from @docusaurus/theme-classic 3.10: loads
 * themeConfig.prism.additionalLanguages into the site's Prism (src/lib/prism-lite).
 *
 * The theme's version also requires Prism's markup-templating component
 * up front, for PHP's sake, so that component sat in every page's main.js
 * although this site lists no PHP. Here PHP is refused with a message
 * rather than half-loaded: the bundle only holds the listed languages'
 * components (theme-classic narrows the require context to them). The
 * theme's version also put the wrong object back on globalThis.Prism when
 * one was there before; this one restores it.
 */
import siteConfig from '@generated/docusaurus.config';
import {withGlobalPrism} from '@site/src/lib/prism-lite';

export default function prismIncludeLanguages(prism: object): void {
  const {additionalLanguages} = (siteConfig.themeConfig as {prism: {additionalLanguages: string[]}}).prism;
  withGlobalPrism(prism, () => {
    for (const lang of additionalLanguages) {
      if (lang === 'php') {
        throw new Error('prism.additionalLanguages lists php, which needs prism-markup-templating loaded first: src/theme/prism-include-languages.ts does not do that');
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(`prismjs/components/prism-${lang}`);
    }
  });
}
