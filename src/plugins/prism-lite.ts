/**
 * Docusaurus plugin: bundle src/lib/prism-lite instead of prism-react-renderer
 * (see that module for why). Both the client and the server bundle get the
 * alias, so the HTML and the hydrating client tokenise code the same way.
 * Node code (docusaurus.config.ts importing `themes`) still loads the real
 * package.
 */
import path from 'node:path';
import type {Plugin} from '@docusaurus/types';

export const PRISM_LITE = path.resolve(__dirname, '..', 'lib', 'prism-lite', 'index.ts');

export default function prismLitePlugin(): Plugin {
  return {
    name: 'prism-lite',
    configureWebpack() {
      return {resolve: {alias: {'prism-react-renderer$': PRISM_LITE}}};
    },
  };
}
