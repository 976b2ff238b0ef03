/**
 * Docusaurus plugin: client code that requires tslib gets only the helpers
 * it uses (src/lib/tslib-client.ts) instead of the whole library. The
 * server bundle and Node code keep the real package.
 */
import path from 'node:path';
import type {Plugin} from '@docusaurus/types';

export const TSLIB_CLIENT = path.resolve(__dirname, '..', 'lib', 'tslib-client.ts');

export default function tslibClientPlugin(): Plugin {
  return {
    name: 'tslib-client',
    configureWebpack(_config, isServer) {
      return isServer ? {} : {resolve: {alias: {tslib$: TSLIB_CLIENT}}};
    },
  };
}
