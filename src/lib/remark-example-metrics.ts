/**
 * Remark plugin: replace <ExampleMetric ... /> with a number computed from
 * the example files at build time (src/lib/example-metrics.ts), so figures
 * quoted in the text follow the examples:
 *
 *     The relation code takes <ExampleMetric measure="code-lines"
 *     file="07-relations/reactive/docker_webapp.py" region="relation-stub" />
 *     lines.
 *
 * Attributes are the fields of MetricRequest (measure, file, folder,
 * region, function, decorator, hook, text, ext), all plain strings. A
 * released version's docs count in their own examples snapshot. Any problem
 * (unknown measure, missing region, missing file) fails the build with the
 * MDX file and line. src/remark/example-dependencies-loader.cjs makes the page
 * depend on the files it counts, so the figure is recomputed when they
 * change (dev server and persistent build cache alike).
 */
import path from 'node:path';
import {SITE_DIR, examplesRootFor} from '../remark/examples';
import {measure, type MetricRequest} from './example-metrics';
import {isJsxTag, whereIn, type MdxNode} from '../remark/mdx-jsx';

export const TAG = 'ExampleMetric';

type AnyNode = MdxNode;

/** Every attribute a tag may have: the fields of MetricRequest. */
const ATTRIBUTES: ReadonlyArray<keyof MetricRequest> = ['measure', 'file', 'folder', 'region', 'function', 'decorator', 'hook', 'text', 'ext'];

/**
 * The request a tag makes; throws if an attribute is not a plain string or
 * not one the measures read (a misspelt region= would otherwise be ignored
 * and the whole file counted, silently).
 */
export function requestOf(node: AnyNode): MetricRequest {
  const req: Record<string, string> = {};
  for (const attr of node.attributes ?? []) {
    if (attr.type !== 'mdxJsxAttribute' || !attr.name || typeof attr.value !== 'string') {
      throw new Error(`<${TAG}> attributes must be plain strings, like file="..."`);
    }
    if (!(ATTRIBUTES as readonly string[]).includes(attr.name)) {
      throw new Error(`<${TAG}> has no attribute ${attr.name}= (it takes ${ATTRIBUTES.join(', ')})`);
    }
    req[attr.name] = attr.value;
  }
  if (!req.measure) throw new Error(`<${TAG}> needs measure="..."`);
  return req as unknown as MetricRequest;
}

export interface Options {
  /** Count in this examples root instead of the doc's own (for tests). */
  root?: string;
}

export default function remarkExampleMetrics(options: Options = {}) {
  return (tree: AnyNode, file: {path?: string}): void => {
    const docPath = file.path ? path.resolve(file.path) : SITE_DIR;
    const root = options.root ?? examplesRootFor(docPath);
    const visit = (node: AnyNode): void => {
      node.children?.forEach((child, i) => {
        if (!isJsxTag(child, TAG)) {
          visit(child);
          return;
        }
        let value: number;
        try {
          value = measure(requestOf(child), root);
        } catch (err) {
          throw new Error(`[example-metrics] ${whereIn(docPath, child)}: ${(err as Error).message}`);
        }
        const text: AnyNode = {type: 'text', value: String(value)};
        node.children![i] = child.type === 'mdxJsxFlowElement' ? {type: 'paragraph', children: [text]} : text;
      });
      // Join the number with the text around it, as if it had been typed.
      if (node.children?.some((c) => c.type === 'text')) {
        node.children = node.children.reduce<AnyNode[]>((out, c) => {
          const last = out[out.length - 1];
          if (c.type === 'text' && last?.type === 'text') last.value = (last.value ?? '') + (c.value ?? '');
          else out.push(c);
          return out;
        }, []);
      }
    };
    visit(tree);
  };
}
