/**
 * llms.txt and llms-full.txt (https://llmstxt.org/), written after the build.
 *
 * For the latest release (or for Next before the first release):
 *
 *   /llms.txt        site name, summary, and one link per page with its
 *                    description: the tutorial chapters in sidebar order,
 *                    the FAQ in sidebar order, the glossary; an Optional
 *                    section points to the other versions' editions.
 *   /llms-full.txt   the same pages in the same order, each as Markdown
 *                    with a title, canonical URL and description header,
 *                    and every code listing filled in from the examples
 *                    (src/lib/llms-markdown.ts).
 *
 * Every other version gets the same two files under its own docs path:
 * Next at /docs/next/llms.txt and /docs/next/llms-full.txt, an older
 * release at /docs/<version>/llms.txt.
 *
 * Pages, titles, descriptions, permalinks and sidebars come from the docs
 * plugin's loaded content, so the files list exactly what the build
 * serves. Absolute URLs start with siteConfig.url; repository links are
 * pinned like <RepoLink>'s (src/lib/repo-href.ts).
 *
 * Why not docusaurus-plugin-llms: it reads the MDX sources with its own
 * text clean-up and does not run the site's remark plugins, so every
 * listing here (an empty `file=` fence) would come out empty.
 */
import {printEditionPath} from '../data/print-edition';
import fs from 'node:fs';
import path from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {docToMarkdown, type DocPage, type EditionContext} from '../lib/llms-markdown';
import {repoHref} from '../lib/repo-href';
import {startWorkerTask} from '../lib/worker-task';

/** The fields of the docs plugin's loaded content this plugin reads. */
export interface SidebarItem {
  type: string;
  id?: string;
  items?: SidebarItem[];
  link?: {type: string; id?: string};
}

export interface LoadedDoc {
  id: string;
  title: string;
  description: string;
  permalink: string;
  /** `@site/docs/...` */
  source: string;
  unlisted?: boolean;
}

export interface LoadedVersion {
  versionName: string;
  label: string;
  /** URL path of the version's docs, e.g. /docs or /docs/next. */
  path: string;
  isLast: boolean;
  docs: LoadedDoc[];
  sidebars: Record<string, SidebarItem[]>;
}

export interface Section {
  title: string;
  docs: LoadedDoc[];
}

export interface Edition {
  version: LoadedVersion;
  /** Site-relative folder of the two files: '/' or the version's path. */
  dir: string;
  sections: Section[];
}

/** The id of the glossary doc, listed in a section of its own. */
export const GLOSSARY_ID = 'glossary';

const SIDEBAR_TITLES: Record<string, string> = {tutorial: 'Tutorial', faq: 'FAQ'};

/** Doc ids of a sidebar, in order (category index pages included). */
export function sidebarDocIds(items: SidebarItem[]): string[] {
  return items.flatMap((item) => {
    if ((item.type === 'doc' || item.type === 'ref') && item.id) return [item.id];
    if (item.type === 'category') {
      const own = item.link?.type === 'doc' && item.link.id ? [item.link.id] : [];
      return [...own, ...sidebarDocIds(item.items ?? [])];
    }
    return [];
  });
}

/**
 * The sections of a version's llms.txt: one per sidebar (tutorial first,
 * then the FAQ), the glossary on its own, and any listed doc that no
 * sidebar holds under "Other pages".
 */
export function sectionsOf(version: LoadedVersion): Section[] {
  const byId = new Map(version.docs.filter((d) => !d.unlisted).map((d) => [d.id, d]));
  const used = new Set<string>();
  const take = (ids: string[]) =>
    ids.flatMap((id) => {
      const doc = byId.get(id);
      if (!doc || used.has(id) || id === GLOSSARY_ID) return [];
      used.add(id);
      return [doc];
    });
  const order = Object.keys(version.sidebars).sort(
    (a, b) => (a === 'tutorial' ? -1 : b === 'tutorial' ? 1 : 0),
  );
  const sections: Section[] = order.map((id) => ({
    title: SIDEBAR_TITLES[id] ?? id.charAt(0).toUpperCase() + id.slice(1),
    docs: take(sidebarDocIds(version.sidebars[id])),
  }));
  const glossary = byId.get(GLOSSARY_ID);
  if (glossary) sections.push({title: 'Glossary', docs: [glossary]});
  sections.push({title: 'Other pages', docs: take([...byId.keys()])});
  return sections.filter((s) => s.docs.length > 0);
}

/** Where each version's files go: the latest at the root, others under their path. */
export function editionsOf(versions: LoadedVersion[]): Edition[] {
  return versions.map((version) => ({
    version,
    dir: version.isLast ? '/' : `${version.path.replace(/\/$/, '')}/`,
    sections: sectionsOf(version),
  }));
}

export interface SiteInfo {
  title: string;
  tagline: string;
  /** siteConfig.url without a trailing slash. */
  origin: string;
  baseUrl: string;
  repoUrl: string;
  commit: string;
  siteDir: string;
}

function fileUrl(site: SiteInfo, dir: string, name: string): string {
  return `${site.origin}${site.baseUrl.replace(/\/$/, '')}${dir}${name}`;
}

function codeRef(site: SiteInfo, version: LoadedVersion): string {
  return version.versionName === 'current'
    ? `commit ${site.commit}`
    : `commit ${site.commit}, in versioned_examples/version-${version.versionName}/`;
}

/** The llms.txt of one edition. */
export function llmsTxt(edition: Edition, all: Edition[], site: SiteInfo): string {
  const {version} = edition;
  const what =
    version.versionName === 'current'
      ? version.isLast
        ? 'the tutorial'
        : `${version.label}, the unreleased version of the tutorial, which may change at any time`
      : version.isLast
        ? `version ${version.label} of the tutorial, the current release`
        : `version ${version.label} of the tutorial, an older release`;
  const examples = repoHref(site.repoUrl, site.commit, version.versionName, 'examples');
  const lines = [
    `# ${site.title}`,
    '',
    `> ${site.tagline}`,
    '',
    `This is ${what}. It teaches people who know Docker to write Juju charms that run Docker containers: ` +
      'the chapters build one charm, docker-webapp, part by part. Every code listing on its pages is a file ' +
      `of the tested example charm layers in the tutorial's repository at ${codeRef(site, version)} (${examples}). ` +
      `All pages below as one Markdown file, with every listing: ${fileUrl(site, edition.dir, 'llms-full.txt')}`,
  ];
  for (const section of edition.sections) {
    lines.push('', `## ${section.title}`, '');
    for (const doc of section.docs) {
      lines.push(`- [${doc.title}](${site.origin}${doc.permalink})${doc.description ? `: ${doc.description}` : ''}`);
    }
  }
  const others = all.filter((e) => e !== edition);
  if (others.length > 0) {
    lines.push('', '## Optional', '');
    for (const other of others) {
      const name = other.version.versionName === 'current' ? `${other.version.label} (unreleased)` : `Version ${other.version.label}`;
      lines.push(`- [${name}: index](${fileUrl(site, other.dir, 'llms.txt')}): the pages of that version`);
      lines.push(`- [${name}: full text](${fileUrl(site, other.dir, 'llms-full.txt')}): all its pages as Markdown, with every listing`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Absolute path of a doc's source (`@site/docs/x.mdx`). */
function sourcePathOf(doc: LoadedDoc, siteDir: string): string {
  return path.join(siteDir, doc.source.replace(/^@site\//, ''));
}

/** The llms-full.txt of one edition. */
export async function llmsFullTxt(edition: Edition, site: SiteInfo): Promise<string> {
  const {version} = edition;
  const permalinks = new Map(version.docs.map((d) => [sourcePathOf(d, site.siteDir), d.permalink]));
  const ctx: EditionContext = {
    siteUrl: site.origin,
    baseUrl: site.baseUrl,
    repoHref: (p) => repoHref(site.repoUrl, site.commit, version.versionName, p),
    permalinkOf: (p) => permalinks.get(p),
    printEditionPath: printEditionPath(version.versionName, version.isLast),
  };
  const header = [
    `# ${site.title}: full text of ${version.versionName === 'current' ? version.label : `version ${version.label}`}`,
    '',
    `> ${site.tagline}`,
    '',
    `Every page listed in ${fileUrl(site, edition.dir, 'llms.txt')}, in the same order, as Markdown. ` +
      "Code listings are files of the tutorial's repository at " +
      `${codeRef(site, version)}, titled with their path (examples/...).`,
  ].join('\n');
  const pages: string[] = [];
  for (const section of edition.sections) {
    for (const doc of section.docs) {
      const page: DocPage = {
        title: doc.title,
        description: doc.description,
        permalink: doc.permalink,
        sourcePath: sourcePathOf(doc, site.siteDir),
      };
      pages.push(await docToMarkdown(page, ctx));
    }
  }
  return `${header}\n\n${pages.join('\n')}`;
}

/** Only the fields this plugin reads, so the editions can go to a worker thread. */
function plainEditions(versions: LoadedVersion[]): Edition[] {
  const plain = versions.map((v) => ({
    versionName: v.versionName,
    label: v.label,
    path: v.path,
    isLast: v.isLast,
    docs: v.docs.map((d) => ({id: d.id, title: d.title, description: d.description, permalink: d.permalink, source: d.source, unlisted: d.unlisted})),
    sidebars: JSON.parse(JSON.stringify(v.sidebars)) as LoadedVersion['sidebars'],
  }));
  return editionsOf(plain);
}

/** Every edition's llms-full.txt, written in a worker thread (llms-full-worker.cjs). */
function fullTextsInWorker(editions: Edition[], site: SiteInfo): Promise<string[]> {
  return startWorkerTask<string[]>(path.join(__dirname, 'llms-full-worker.cjs'), {editions, site}, '[llms-txt] writing llms-full.txt');
}

export default function llmsTxtPlugin(context: LoadContext): Plugin {
  let editions: Edition[] | undefined;
  let fullTexts: Promise<string[]> | undefined;
  const site = (): SiteInfo => {
    const {siteConfig} = context;
    const {repoUrl, commit} = siteConfig.customFields as {repoUrl: string; commit: string};
    return {
      title: siteConfig.title,
      tagline: siteConfig.tagline,
      origin: siteConfig.url.replace(/\/$/, ''),
      baseUrl: siteConfig.baseUrl,
      repoUrl,
      commit,
      siteDir: context.siteDir,
    };
  };
  return {
    name: 'llms-txt',
    // The files are only written by a production build, but their slow
    // part starts as soon as the docs are loaded, in a worker thread, so
    // it overlaps with bundling instead of adding to postBuild.
    async allContentLoaded({allContent}) {
      const docs = (allContent['docusaurus-plugin-content-docs'] as Record<string, {loadedVersions: LoadedVersion[]}> | undefined)?.default;
      if (!docs) throw new Error('[llms-txt] the docs plugin is not loaded');
      editions = plainEditions(docs.loadedVersions);
      if (process.env.NODE_ENV !== 'production') return; // the dev server writes no llms files
      fullTexts = fullTextsInWorker(editions, site());
    },
    async postBuild({outDir}) {
      if (!editions) throw new Error('[llms-txt] the docs were not loaded');
      const info = site();
      const texts = await (fullTexts ?? fullTextsInWorker(editions, info));
      editions.forEach((edition, i) => {
        const dir = path.join(outDir, edition.dir);
        fs.mkdirSync(dir, {recursive: true});
        fs.writeFileSync(path.join(dir, 'llms.txt'), llmsTxt(edition, editions!, info));
        fs.writeFileSync(path.join(dir, 'llms-full.txt'), texts[i]);
      });
    },
  };
}
