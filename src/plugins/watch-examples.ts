/**
 * Docusaurus plugin: make every doc depend on the example files it embeds.
 * See src/remark/watch-examples-loader.cjs for why this is a loader.
 */
import path from 'node:path';
import type {Plugin} from '@docusaurus/types';

export default function watchExamplesPlugin(): Plugin {
  const siteDir = path.resolve(__dirname, '..', '..');
  return {
    name: 'watch-examples',
    configureWebpack() {
      return {
        module: {
          rules: [
            {
              test: /\.mdx?$/,
              enforce: 'pre' as const,
              include: [
                path.join(siteDir, 'docs'),
                path.join(siteDir, 'versioned_docs'),
              ],
              use: [path.join(siteDir, 'src/remark/watch-examples-loader.cjs')],
            },
          ],
        },
      };
    },
  };
}
