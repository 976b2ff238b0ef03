/**
 * Docusaurus plugin: make each doc depend on the example files and folders
 * its <ExampleMetric /> tags count, so an edited example recomputes the
 * figures (see example-metrics-loader.cjs for why this is a loader).
 */
import path from 'node:path';
import type {Plugin} from '@docusaurus/types';

export default function exampleMetricsPlugin(): Plugin {
  const siteDir = path.resolve(__dirname, '..', '..');
  return {
    name: 'example-metrics',
    configureWebpack() {
      return {
        module: {
          rules: [
            {
              test: /\.mdx?$/,
              enforce: 'pre' as const,
              include: [path.join(siteDir, 'docs'), path.join(siteDir, 'versioned_docs')],
              use: [path.join(siteDir, 'src/lib/example-metrics-loader.cjs')],
            },
          ],
        },
      };
    },
  };
}
