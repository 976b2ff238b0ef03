/**
 * Docusaurus plugin: every example folder of every docs version as a zip,
 * at the URL given by src/lib/download-path.ts:
 *
 *   examples/<folder>/                             → /downloads/next/<folder>.zip
 *   versioned_examples/version-X/<folder>/         → /downloads/X/<folder>.zip
 *
 * All subfolders of each examples root get one (the numbered chapters and
 * the faq-* variants), not only those an <ExampleFolder> names: listing
 * the roots needs no knowledge of the docs, works the same when the
 * persistent build cache skips compiling a page, and lets an FAQ answer
 * link a zip without changing this plugin. There are about ten small
 * folders per version.
 *
 * Production: postBuild writes them into the build. Dev server: they are
 * written to the generated-files folder, which is served as an extra static
 * directory, and rewritten when an example file changes (getPathsToWatch
 * reloads this plugin).
 */
import fs from 'node:fs';
import path from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {releasedVersions} from '../data/versions';
import {downloadPath} from '../lib/download-path';
import {exampleFolders, zipFolder} from '../lib/example-downloads';

type ConfigureWebpackResult = Exclude<ReturnType<NonNullable<Plugin['configureWebpack']>>, void>;

/** One zip to write: its site-relative URL and its bytes. */
export interface Download {
  url: string;
  bytes: Uint8Array;
}

/** Each docs version's name and examples root ('current' is Next). */
export function exampleRoots(siteDir: string): Array<{version: string; root: string}> {
  return [
    {version: 'current', root: path.join(siteDir, 'examples')},
    ...releasedVersions(siteDir).map((v) => ({
      version: v,
      root: path.join(siteDir, 'versioned_examples', `version-${v}`),
    })),
  ];
}

/** Every download of the site. */
export function allDownloads(siteDir: string): Download[] {
  return exampleRoots(siteDir).flatMap(({version, root}) =>
    exampleFolders(root).map((folder) => ({
      url: downloadPath(version, folder),
      bytes: zipFolder(root, folder).bytes,
    })),
  );
}

function writeDownloads(downloads: Download[], dir: string): void {
  for (const {url, bytes} of downloads) {
    const out = path.join(dir, url);
    fs.mkdirSync(path.dirname(out), {recursive: true});
    fs.writeFileSync(out, bytes);
  }
}

export default function exampleDownloadsPlugin(context: LoadContext): Plugin {
  const {siteDir, generatedFilesDir} = context;
  const devDir = path.join(generatedFilesDir, 'example-downloads');
  const isDev = process.env.NODE_ENV === 'development';
  return {
    name: 'example-downloads',
    getPathsToWatch() {
      return exampleRoots(siteDir).map(({root}) => path.join(root, '**', '*'));
    },
    async loadContent() {
      const downloads = allDownloads(siteDir);
      if (isDev) {
        fs.rmSync(devDir, {recursive: true, force: true});
        writeDownloads(downloads, devDir);
      }
      return downloads;
    },
    configureWebpack() {
      if (!isDev) return undefined;
      fs.mkdirSync(devDir, {recursive: true});
      // `docusaurus start` merges a plugin's `devServer` into its own dev
      // server options (its static directories are an array, so this one
      // is added to them); the bundler's Configuration type does not list it.
      const result: ConfigureWebpackResult & {devServer: object} = {
        devServer: {static: [{directory: devDir, publicPath: context.baseUrl, watch: false}]},
      };
      return result;
    },
    async postBuild({outDir, content}) {
      writeDownloads(content as Download[], outDir);
    },
  };
}
