/**
 * One doc page as plain Markdown for llms-full.txt: what the reader sees on
 * the page, without MDX.
 *
 * The doc's source is parsed as the build parses it (src/lib/mdx-source.ts)
 * and goes through the site's own remark plugins, so the text is the page's
 * text, not the source's:
 *
 * - every empty `file=` fence is filled by src/remark/embed-examples.ts from
 *   the examples tree of the doc's version, and titled with the example's
 *   path (`title="examples/..."`); line highlights and showLineNumbers are
 *   dropped, being meaningless outside the site;
 * - every <ExampleMetric /> becomes its figure (src/lib/remark-example-metrics.ts).
 *
 * Then the MDX-only parts become Markdown: front matter, import/export
 * lines and comments are dropped; explicit heading ids are removed;
 * admonitions become block quotes that start with their kind and title;
 * <ExampleFolder>, <RepoLink> and <ExampleComparison> become the sentence
 * or link they render, with repository URLs pinned like the page's; <img>
 * becomes a Markdown image. Every link and image is made absolute. A
 * component this module does not know fails with an error naming the doc,
 * so an LLM never reads a raw JSX tag.
 */
import fs from 'node:fs';
import path from 'node:path';
import remarkEmbedExamples from '../remark/embed-examples';
import {SITE_DIR} from '../remark/examples';
import remarkExampleMetrics from './remark-example-metrics';
import {markdownWriter, mdxParser, preprocessMdx, type MdxProcessor} from './mdx-source';

export interface DocPage {
  title: string;
  description: string;
  /** Site-relative URL, e.g. /docs/docker-layer. */
  permalink: string;
  /** Absolute path of the MDX source. */
  sourcePath: string;
}

export interface EditionContext {
  /** Where the site is published (siteConfig.url), without a trailing slash. */
  siteUrl: string;
  /** siteConfig.baseUrl, e.g. '/': what Docusaurus puts before a site path. */
  baseUrl: string;
  /** Repository URL of a path, pinned to this version's code. */
  repoHref: (repoPath?: string) => string;
  /** Permalink of a doc of this version, by absolute source path. */
  permalinkOf: (sourcePath: string) => string | undefined;
  /** Site path of this version's print edition (src/data/print-edition.ts). */
  printEditionPath: string;
}

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

interface AnyNode {
  type: string;
  name?: string | null;
  value?: string;
  url?: string;
  alt?: string | null;
  title?: string | null;
  meta?: string | null;
  lang?: string | null;
  depth?: number;
  attributes?: JsxAttribute[];
  children?: AnyNode[];
  data?: {directiveLabel?: boolean};
  position?: {start: {line: number; offset?: number}; end: {offset?: number}};
}

/** An error in a doc, reported with its file and line. */
class DocError extends Error {}

const ADMONITION_LABELS: Record<string, string> = {
  note: 'Note', tip: 'Tip', info: 'Info', warning: 'Warning', caution: 'Caution',
  danger: 'Danger', important: 'Important', success: 'Success', secondary: 'Note',
};

const text = (value: string): AnyNode => ({type: 'text', value});
const inlineCode = (value: string): AnyNode => ({type: 'inlineCode', value});
const link = (url: string, children: AnyNode[]): AnyNode => ({type: 'link', url, children});

function attr(node: AnyNode, name: string): string | undefined {
  const found = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  if (!found) return undefined;
  if (typeof found.value !== 'string') {
    throw new DocError(`<${node.name}> attribute ${name} must be a plain string`);
  }
  return found.value;
}

function need(node: AnyNode, name: string): string {
  const value = attr(node, name);
  if (!value) throw new DocError(`<${node.name}> needs ${name}="..."`);
  return value;
}

/** The paragraph <ExampleFolder folder="X" /> renders (src/components/ExampleFolder). */
function exampleFolder(node: AnyNode, ctx: EditionContext): AnyNode[] {
  const folder = need(node, 'folder');
  return [{
    type: 'paragraph',
    children: [
      text('The finished code for this part is the folder '),
      link(ctx.repoHref(`examples/${folder}`), [inlineCode(`examples/${folder}/`)]),
      text(" of the tutorial's repository: a complete layer you can copy on its own."),
    ],
  }];
}

/** <ExampleComparison>: its table, then the caption the component adds. */
function exampleComparison(node: AnyNode, ctx: EditionContext): AnyNode[] {
  const [left, right] = [need(node, 'left'), need(node, 'right')];
  return [
    ...(node.children ?? []),
    {
      type: 'paragraph',
      children: [
        text('Counted in '),
        link(ctx.repoHref(`examples/${left}`), [inlineCode(`examples/${left}/`)]),
        text(' and '),
        link(ctx.repoHref(`examples/${right}`), [inlineCode(`examples/${right}/`)]),
        text(' when this file was built. Code lines leave out blank lines, comments and docstrings.'),
      ],
    },
  ];
}

/** What a JSX element becomes, or throws for one this module does not know. */
function fromJsx(node: AnyNode, ctx: EditionContext): AnyNode[] {
  const flow = node.type === 'mdxJsxFlowElement';
  switch (node.name) {
    case 'ExampleFolder':
      return exampleFolder(node, ctx);
    case 'ExampleComparison':
      return exampleComparison(node, ctx);
    case 'PrintEditionLink': {
      const url = `${ctx.siteUrl}${ctx.baseUrl.replace(/\/$/, '')}${ctx.printEditionPath}`;
      const a = link(url, node.children ?? []);
      return [flow ? {type: 'paragraph', children: [a]} : a];
    }
    case 'ExampleChanges': {
      // The page lists the changed files and fetches their diffs on demand;
      // here a sentence says where to see them.
      const [from, to] = [need(node, 'from'), need(node, 'to')];
      return [{
        type: 'paragraph',
        children: [
          text('The page of this part shows, file by file, what changed from '),
          link(ctx.repoHref(`examples/${from}`), [inlineCode(`examples/${from}/`)]),
          text(' to '),
          link(ctx.repoHref(`examples/${to}`), [inlineCode(`examples/${to}/`)]),
          text('.'),
        ],
      }];
    }
    case 'RepoLink': {
      const a = link(ctx.repoHref(attr(node, 'path')), node.children ?? []);
      return [flow ? {type: 'paragraph', children: [a]} : a];
    }
    case 'img': {
      const image: AnyNode = {type: 'image', url: need(node, 'src'), alt: attr(node, 'alt') ?? ''};
      return [flow ? {type: 'paragraph', children: [image]} : image];
    }
    case 'a':
      return [link(need(node, 'href'), node.children ?? [])];
    case 'br':
      return [text('\n')];
    default:
      // Plain HTML elements (details, figure, span...) keep their content.
      if (node.name && /^[a-z]/.test(node.name)) return node.children ?? [];
      throw new DocError(
        `<${node.name ?? 'fragment'}> has no plain-text form for llms-full.txt; ` +
          'teach src/lib/llms-markdown.ts what it renders',
      );
  }
}

/** `{/* comment *\/}` renders nothing; any other expression is unknown. */
function isComment(node: AnyNode): boolean {
  return /^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value ?? '');
}

/** Make a link or image URL absolute. */
function absoluteUrl(url: string, docPath: string, page: DocPage, ctx: EditionContext): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url; // https:, mailto:
  if (url.startsWith('#')) return `${ctx.siteUrl}${page.permalink}${url}`;
  // A site path such as /img/x.png: Docusaurus prefixes the base URL.
  if (url.startsWith('/')) return `${ctx.siteUrl}${ctx.baseUrl.replace(/\/$/, '')}${url}`;
  const [file, hash] = url.split('#', 2);
  if (/\.mdx?$/.test(file)) {
    const target = ctx.permalinkOf(path.resolve(path.dirname(docPath), file));
    if (!target) throw new DocError(`link to ${url} does not name a doc of this version`);
    return `${ctx.siteUrl}${target}${hash ? `#${hash}` : ''}`;
  }
  return new URL(url, `${ctx.siteUrl}${page.permalink}`).href;
}

/** Only the file title survives from a code fence's meta. */
function plainMeta(meta: string | null | undefined): string | null {
  return /(?:^|\s)(title="[^"]*")/.exec(meta ?? '')?.[1] ?? null;
}

function transform(parent: AnyNode, docPath: string, source: string, page: DocPage, ctx: EditionContext): void {
  const out: AnyNode[] = [];
  for (const node of parent.children ?? []) {
    try {
      switch (node.type) {
        case 'yaml':
        case 'mdxjsEsm':
          continue; // front matter, import and export lines
        case 'mdxFlowExpression':
        case 'mdxTextExpression':
          if (isComment(node)) continue;
          throw new DocError(`the expression {${node.value}} has no plain-text form`);
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          const replaced: AnyNode = {type: 'fragment', children: fromJsx(node, ctx)};
          transform(replaced, docPath, source, page, ctx);
          out.push(...(replaced.children ?? []));
          continue;
        }
        case 'containerDirective': {
          const children = node.children ?? [];
          const hasTitle = children[0]?.data?.directiveLabel === true;
          const kind = ADMONITION_LABELS[node.name ?? ''] ?? node.name ?? 'Note';
          const titleText = hasTitle ? children[0].children ?? [] : [];
          const heading: AnyNode = {
            type: 'paragraph',
            children: [{type: 'strong', children: titleText.length ? [text(`${kind}: `), ...titleText] : [text(kind)]}],
          };
          const quote: AnyNode = {type: 'blockquote', children: [heading, ...children.slice(hasTitle ? 1 : 0)]};
          transform(quote, docPath, source, page, ctx);
          out.push(quote);
          continue;
        }
        case 'leafDirective':
        case 'textDirective': {
          // Not an admonition: Docusaurus shows such text as written.
          const start = node.position?.start.offset;
          const end = node.position?.end.offset;
          if (start === undefined || end === undefined) throw new DocError(`directive :${node.name} has no source position`);
          const written = text(source.slice(start, end));
          out.push(node.type === 'leafDirective' ? {type: 'paragraph', children: [written]} : written);
          continue;
        }
        case 'heading': {
          const last = node.children?.[node.children.length - 1];
          if (last?.type === 'text') last.value = (last.value ?? '').replace(/\s*\{#[^}]*\}\s*$/, '');
          break;
        }
        case 'code':
          node.meta = plainMeta(node.meta);
          break;
        case 'link':
        case 'image':
          node.url = absoluteUrl(node.url ?? '', docPath, page, ctx);
          break;
      }
    } catch (err) {
      if (err instanceof DocError) {
        const where = `${path.relative(SITE_DIR, docPath)}:${node.position?.start.line ?? '?'}`;
        throw new Error(`[llms-txt] ${where}: ${err.message}`);
      }
      throw err;
    }
    transform(node, docPath, source, page, ctx);
    out.push(node);
  }
  if (parent.children) parent.children = out;
}

let processors: Promise<[MdxProcessor, MdxProcessor]> | undefined;

/** The MDX parser and the Markdown writer, made once. */
function getProcessors(): Promise<[MdxProcessor, MdxProcessor]> {
  processors ??= Promise.all([mdxParser(), markdownWriter()]);
  return processors;
}

/** The page's body (no title header) as Markdown. */
export async function docBodyMarkdown(page: DocPage, ctx: EditionContext): Promise<string> {
  const [parser, writer] = await getProcessors();
  const source = preprocessMdx(fs.readFileSync(page.sourcePath, 'utf8'));
  const file = {path: page.sourcePath, value: source};
  const tree = parser.parse(file) as unknown as AnyNode;
  // The same plugins, in the same order, as beforeDefaultRemarkPlugins.
  remarkEmbedExamples()(tree, file);
  remarkExampleMetrics()(tree, file);
  transform(tree, page.sourcePath, source, page, ctx);
  return writer.stringify(tree as never).trim();
}

/** A page of llms-full.txt: title, canonical URL, description, body. */
export async function docToMarkdown(page: DocPage, ctx: EditionContext): Promise<string> {
  const body = await docBodyMarkdown(page, ctx);
  const header = [`# ${page.title}`, '', `URL: ${ctx.siteUrl}${page.permalink}`];
  if (page.description) header.push('', `> ${page.description}`);
  return `${header.join('\n')}\n\n${body}\n`;
}
