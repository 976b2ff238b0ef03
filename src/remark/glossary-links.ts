/**
 * Remark plugin: in a tutorial chapter, link the first prose use of each
 * glossary term (src/data/glossary-terms.ts) to its entry on the glossary
 * page of the same version.
 *
 *     A *flag* is a named boolean ...
 *
 * becomes, on the page, "A *[flag](./glossary.mdx#flag)* is a named
 * boolean ...". The link is a relative file link, so Docusaurus resolves it
 * to the glossary of the version the chapter belongs to (/docs/glossary,
 * /docs/next/glossary), and a missing heading id fails the build
 * (onBrokenAnchors).
 *
 * Which docs: the top-level docs of a version folder (docs/ or
 * versioned_docs/version-X/), which are the tutorial's chapters, when that
 * folder has a glossary.mdx. FAQ answers (faq/) and the glossary itself are
 * left alone, and so is a version released before the glossary existed.
 *
 * Prose only: a use in a heading, a code block, inline code, a link, an
 * admonition's title, a table's header row, or JSX attributes is never
 * linked and does not count as the first use. The text inside a JSX
 * element (Markdown children of a component) is prose, except inside
 * components that render a link themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import {GLOSSARY_TERMS, findTermUses} from '../data/glossary-terms';
import {SITE_DIR} from './examples';

/** The glossary page's file name inside a version folder. */
export const GLOSSARY_FILE = 'glossary.mdx';

interface AnyNode {
  type: string;
  value?: string;
  url?: string;
  name?: string | null;
  children?: AnyNode[];
  data?: {directiveLabel?: boolean};
}

/** Nodes whose text is not prose. */
const NOT_PROSE = new Set([
  'heading', 'code', 'inlineCode', 'link', 'linkReference', 'definition', 'image', 'imageReference',
  'html', 'yaml', 'toml', 'mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'footnoteDefinition',
]);

/** Components whose children are the text of a link they render. */
const LINK_COMPONENTS = new Set(['RepoLink', 'Link', 'a']);

/**
 * The relative link from a doc to its version's glossary, or null when the
 * doc is not a tutorial chapter of a version that has a glossary.
 */
export function glossaryLinkFor(docPath: string, siteDir = SITE_DIR): string | null {
  const rel = path.relative(siteDir, docPath).split(path.sep);
  let inVersion: string[];
  if (rel[0] === 'docs') inVersion = rel.slice(1);
  else if (rel[0] === 'versioned_docs' && rel[1]?.startsWith('version-')) inVersion = rel.slice(2);
  else return null;
  // Chapters sit at the top of the version folder; FAQ answers in faq/.
  if (inVersion.length !== 1 || !/\.mdx?$/.test(inVersion[0]) || inVersion[0] === GLOSSARY_FILE) {
    return null;
  }
  const versionDir = path.join(siteDir, ...rel.slice(0, rel.length - inVersion.length));
  return fs.existsSync(path.join(versionDir, GLOSSARY_FILE)) ? `./${GLOSSARY_FILE}` : null;
}

/** Inline (phrasing) nodes: everything else starts a new block of text. */
const INLINE = new Set([
  'text', 'emphasis', 'strong', 'delete', 'inlineCode', 'link', 'linkReference', 'break', 'image',
  'imageReference', 'mdxJsxTextElement', 'mdxTextExpression', 'footnoteReference', 'html',
]);

/** All the text a node shows (code and link text included). */
function textOf(node: AnyNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

interface Walk {
  wanted: Set<string>;
  target: string;
  /** Text of the current block so far, for the terms' notAfter rules. */
  block: string;
}

/** Split one text node around the first uses it holds, linking each. */
function linkUses(node: AnyNode, walk: Walk): AnyNode[] {
  const text = node.value ?? '';
  const uses = findTermUses(text, walk.wanted, walk.block);
  walk.block += text;
  if (uses.length === 0) return [node];
  const out: AnyNode[] = [];
  let at = 0;
  for (const use of uses) {
    if (use.index > at) out.push({type: 'text', value: text.slice(at, use.index)});
    out.push({type: 'link', url: `${walk.target}#${use.id}`, children: [{type: 'text', value: use.text}]});
    walk.wanted.delete(use.id);
    at = use.index + use.text.length;
  }
  if (at < text.length) out.push({type: 'text', value: text.slice(at)});
  return out;
}

function visit(node: AnyNode, walk: Walk): void {
  if (!INLINE.has(node.type)) walk.block = '';
  const isJsx = node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
  const skip =
    NOT_PROSE.has(node.type) ||
    (node.type === 'paragraph' && node.data?.directiveLabel === true) || // :::tip[Title]
    (isJsx && LINK_COMPONENTS.has(node.name ?? ''));
  if (skip || walk.wanted.size === 0) {
    walk.block += textOf(node);
    return;
  }
  const children = node.children;
  if (!children) return;
  // A table's first row is its header: column labels, not prose.
  const from = node.type === 'table' ? 1 : 0;
  for (let i = from; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'text') {
      const parts = linkUses(child, walk);
      children.splice(i, 1, ...parts);
      i += parts.length - 1;
    } else {
      visit(child, walk);
    }
  }
  if (!INLINE.has(node.type)) walk.block = '';
}

/** Ids of glossary entries the doc links by hand (`glossary.mdx#id`, `glossary#id`). */
function handLinkedTerms(node: AnyNode, found: string[] = []): string[] {
  if (node.type === 'link' && typeof node.url === 'string') {
    const m = /(?:^|\/)glossary(?:\.mdx?)?#([a-z-]+)$/.exec(node.url);
    if (m) found.push(m[1]);
  }
  node.children?.forEach((child) => handLinkedTerms(child, found));
  return found;
}

export interface Options {
  /** Site folder the doc paths are relative to (tests use a fixture). */
  siteDir?: string;
}

export default function remarkGlossaryLinks(options: Options = {}) {
  return (tree: AnyNode, file: {path?: string}): void => {
    if (!file.path) return;
    const target = glossaryLinkFor(path.resolve(file.path), options.siteDir ?? SITE_DIR);
    if (!target) return;
    const wanted = new Set(GLOSSARY_TERMS.map((t) => t.id));
    // A term the author already links to its entry by hand (the term column
    // of Before you begin's table) gets no second, automatic link.
    for (const id of handLinkedTerms(tree)) wanted.delete(id);
    visit(tree, {wanted, target, block: ''});
  };
}
