/**
 * What the site's remark plugins for its own MDX components share: the
 * node shapes they read, finding a component's tag, reading a plain-string
 * attribute, setting computed attributes, and naming the doc line in an
 * error. (src/remark/example-folder.ts, embed-example-changes.ts and
 * src/lib/remark-example-metrics.ts.)
 */
import path from 'node:path';
import {SITE_DIR} from './examples';

export interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
  data?: unknown;
}

export interface MdxNode {
  type: string;
  name?: string | null;
  attributes?: JsxAttribute[];
  children?: MdxNode[];
  value?: string;
  data?: unknown;
  position?: {start: {line: number}};
}

/** Whether node is a <tag> element, as a block or inline. */
export function isJsxTag(node: MdxNode, tag: string): boolean {
  return (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === tag;
}

/** An attribute's value when it is written as a plain string (`name="…"`), else undefined. */
export function stringAttribute(node: MdxNode, name: string): string | undefined {
  const attr = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  return typeof attr?.value === 'string' ? attr.value : undefined;
}

/** Set attributes a plugin computes, replacing any of the same names the doc wrote. */
export function setAttributes(node: MdxNode, computed: JsxAttribute[]): void {
  const names = new Set(computed.map((a) => a.name));
  node.attributes = [...(node.attributes ?? []).filter((a) => !names.has(a.name)), ...computed];
}

/** `docs/x.mdx:12`: where a node is, for error messages. */
export function whereIn(docPath: string, node: MdxNode): string {
  return `${path.relative(SITE_DIR, docPath)}:${node.position?.start.line ?? '?'}`;
}
