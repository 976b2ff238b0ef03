/**
 * Print edition: one page per docs version with every tutorial chapter, in
 * sidebar order, for reading on paper or saving as a PDF.
 *
 * The page is made from the very MDX modules the chapter pages use (the
 * docs plugin's MDX loader compiles any file under docs/ or
 * versioned_docs/, whoever imports it), so listings are the embedded
 * example code of that version, and nothing is rendered twice at build
 * time. In allContentLoaded the docs plugin's versions and sidebars are
 * known; for each version this adds a route (paths in
 * src/data/print-edition.ts) whose `chapters` prop is the list of the
 * chapters' MDX modules and whose `edition` prop is a small JSON module
 * (titles, permalinks, version label). src/components/PrintEdition renders
 * them.
 */
import type {Plugin} from '@docusaurus/types';
import type {LoadedContent, LoadedVersion} from '@docusaurus/plugin-content-docs';
import {
  PRINT_SIDEBAR,
  printEditionPath,
  type PrintChapter,
  type PrintEditionData,
} from '../data/print-edition';

const DOCS_PLUGIN = 'docusaurus-plugin-content-docs';

type SidebarItem = LoadedVersion['sidebars'][string][number];

/** Doc ids of a sidebar, depth first, the order a reader meets them. */
export function sidebarDocIds(items: SidebarItem[]): string[] {
  const ids: string[] = [];
  for (const item of items) {
    if (item.type === 'doc') ids.push(item.id);
    if (item.type === 'category') {
      if (item.link?.type === 'doc') ids.push(item.link.id);
      ids.push(...sidebarDocIds(item.items));
    }
  }
  return ids;
}

/** The chapters of one version's edition, with their MDX sources. */
export function editionOf(
  version: LoadedVersion,
  sidebarId = PRINT_SIDEBAR,
): {data: PrintEditionData; sources: string[]} {
  const sidebar = version.sidebars[sidebarId];
  if (!sidebar) {
    throw new Error(
      `print-edition: docs version "${version.versionName}" has no sidebar "${sidebarId}" ` +
        `(sidebars: ${Object.keys(version.sidebars).join(', ') || 'none'})`,
    );
  }
  const chapters: PrintChapter[] = [];
  const sources: string[] = [];
  for (const id of sidebarDocIds(sidebar)) {
    const doc = version.docs.find((d) => d.id === id);
    if (!doc) {
      throw new Error(`print-edition: sidebar "${sidebarId}" of version "${version.versionName}" names doc "${id}", which does not exist`);
    }
    chapters.push({id: doc.id, title: doc.title, permalink: doc.permalink});
    sources.push(doc.source);
  }
  if (chapters.length === 0) {
    throw new Error(`print-edition: sidebar "${sidebarId}" of version "${version.versionName}" lists no doc`);
  }
  return {
    data: {
      versionName: version.versionName,
      versionLabel: version.label,
      isLast: version.isLast,
      versionPath: version.path,
      banner: version.banner,
      chapters,
    },
    sources,
  };
}

export default function printEditionPlugin(): Plugin {
  return {
    name: 'print-edition',
    async allContentLoaded({allContent, actions}) {
      const docs = allContent[DOCS_PLUGIN]?.default as LoadedContent | undefined;
      if (!docs) throw new Error('print-edition: the docs plugin (default instance) is not loaded');
      for (const version of docs.loadedVersions) {
        const {data, sources} = editionOf(version);
        const edition = await actions.createData(`print-edition-${version.versionName}.json`, JSON.stringify(data));
        actions.addRoute({
          path: printEditionPath(version.versionName, version.isLast),
          exact: true,
          component: '@site/src/components/PrintEdition',
          // Each `content` is imported as a module: the chapter's compiled MDX.
          modules: {edition, chapters: sources.map((content) => ({content}))},
        });
      }
    },
  };
}
