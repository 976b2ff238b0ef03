/**
 * Parse a doc's MDX source into the same Markdown syntax tree that the
 * site's remark plugins see during the build, outside the build: the same
 * preprocessing as Docusaurus's MDX loader (explicit heading ids
 * `{#id}`, `:::note Title` admonitions, `mdx-code-block` fences) and the
 * same syntax extensions (MDX, GFM tables, directives for admonitions,
 * front matter). Used by the llms.txt generator and by tests.
 *
 * The unified packages are ES modules only, so they are loaded with
 * import() when a processor is made.
 */
import {
  admonitionTitleToDirectiveLabel,
  escapeMarkdownHeadingIds,
  unwrapMdxCodeBlocks,
} from '@docusaurus/utils';
import type {Root} from 'mdast';
import type {Processor} from 'unified';

/** Docusaurus's default admonition keywords (the site adds none). */
const ADMONITION_KEYWORDS = [
  'secondary', 'info', 'success', 'danger', 'note', 'tip', 'warning', 'important', 'caution',
];

/** What Docusaurus does to the source text before MDX parses it. */
export function preprocessMdx(source: string): string {
  let text = unwrapMdxCodeBlocks(source);
  text = escapeMarkdownHeadingIds(text);
  return admonitionTitleToDirectiveLabel(text, ADMONITION_KEYWORDS);
}

export type MdxProcessor = Processor<Root, undefined, undefined, Root, string>;

async function load() {
  const [{unified}, parse, mdx, gfm, directive, frontmatter, stringify] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-mdx'),
    import('remark-gfm'),
    import('remark-directive'),
    import('remark-frontmatter'),
    import('remark-stringify'),
  ]);
  return {
    unified,
    parse: parse.default,
    mdx: mdx.default,
    gfm: gfm.default,
    directive: directive.default,
    frontmatter: frontmatter.default,
    stringify: stringify.default,
  };
}

/** A parser for MDX as the site writes it (run preprocessMdx first). */
export async function mdxParser(): Promise<MdxProcessor> {
  const m = await load();
  return m.unified()
    .use(m.parse)
    .use(m.mdx)
    .use(m.gfm)
    .use(m.directive)
    .use(m.frontmatter, ['yaml'])
    .use(m.stringify) as unknown as MdxProcessor;
}

/**
 * A writer of plain Markdown (CommonMark and GFM tables), for a tree with
 * no MDX or directive nodes left: it does not escape what only MDX or
 * directives would read specially (`{`, `<`, `:`).
 */
export async function markdownWriter(): Promise<MdxProcessor> {
  const m = await load();
  return m.unified()
    .use(m.parse)
    .use(m.gfm, {tablePipeAlign: false})
    .use(m.stringify, {bullet: '-', emphasis: '*', strong: '*', fences: true, rule: '-'}) as unknown as MdxProcessor;
}
