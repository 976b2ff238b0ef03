/**
 * Docusaurus plugin: every doc depends on the example files and folders
 * its page is made from (embedded listings, <ExampleFolder />,
 * <ExampleMetric />, <ExampleChanges />), through one pre-loader; see
 * src/remark/example-dependencies-loader.cjs for why this is a loader.
 */
import path from 'node:path';
import type {Plugin} from '@docusaurus/types';

export default function exampleDependenciesPlugin(): Plugin {
  const siteDir = path.resolve(__dirname, '..', '..');
  return {
    name: 'example-dependencies',
    configureWebpack() {
      return {
        module: {
          rules: [
            {
              test: /\.mdx?$/,
              enforce: 'pre' as const,
              include: [path.join(siteDir, 'docs'), path.join(siteDir, 'versioned_docs')],
              use: [path.join(siteDir, 'src/remark/example-dependencies-loader.cjs')],
            },
          ],
        },
      };
    },
  };
}
