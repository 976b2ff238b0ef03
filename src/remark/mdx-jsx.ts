/**
 * What the site's remark plugins for its own MDX components share: the
 * node shapes they read, finding a component's tag, reading a plain-string
 * attribute, writing computed ones (`name={…}`, from JSON), setting them,
 * and naming the doc line in an error. (src/remark/example-folder.ts,
 * embed-example-changes.ts, chapter-commands.ts and
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

export type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

/** An ESTree expression for a JSON value (what MDX needs for `attr={…}`). */
export function jsonToEstree(value: Json): object {
  if (value === null || typeof value !== 'object') {
    return {type: 'Literal', value, raw: JSON.stringify(value)};
  }
  if (Array.isArray(value)) {
    return {type: 'ArrayExpression', elements: value.map(jsonToEstree)};
  }
  return {
    type: 'ObjectExpression',
    properties: Object.entries(value).map(([key, v]) => ({
      type: 'Property',
      kind: 'init',
      method: false,
      shorthand: false,
      computed: false,
      key: {type: 'Literal', value: key, raw: JSON.stringify(key)},
      value: jsonToEstree(v),
    })),
  };
}

/** `name={<json>}` as an MDX JSX attribute. */
export function expressionAttribute(name: string, value: Json): JsxAttribute {
  const expression = jsonToEstree(value);
  return {
    type: 'mdxJsxAttribute',
    name,
    value: {
      type: 'mdxJsxAttributeValueExpression',
      value: JSON.stringify(value),
      data: {estree: {type: 'Program', sourceType: 'module', body: [{type: 'ExpressionStatement', expression}]}},
    },
  };
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
