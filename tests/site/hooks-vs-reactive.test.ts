/**
 * Part 10's comparison table is counted in the example folders at build
 * time, never typed. These tests run the page's own table through the
 * <ExampleMetric /> remark plugin against a temporary copy of the two
 * example folders, then change an example file and check that the
 * figures follow.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import remarkExampleMetrics, {TAG} from '../../src/lib/remark-example-metrics';
import {measure, type MetricRequest} from '../../src/lib/example-metrics';

const DOC = path.join(SITE_DIR, 'docs', '10-hooks-vs-reactive.mdx');
const FOLDERS = ['07-relations', '09-reactive'];

interface Node {
  type: string;
  name?: string | null;
  value?: string;
  children?: Node[];
}

function textOf(node: Node): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'mdxJsxTextElement') return `<${node.name}>`;
  return (node.children ?? []).map(textOf).join('');
}

function find(node: Node, pred: (n: Node) => boolean): Node | undefined {
  if (pred(node)) return node;
  for (const child of node.children ?? []) {
    const hit = find(child, pred);
    if (hit) return hit;
  }
  return undefined;
}

/** {row label: [hook-era cell, reactive cell]} of the page's comparison. */
async function comparisonTable(root?: string): Promise<Record<string, [string, string]>> {
  // unified and the remark plugins are ESM-only; this file is CommonJS.
  const {unified} = await import('unified');
  const {default: remarkParse} = await import('remark-parse');
  const {default: remarkMdx} = await import('remark-mdx');
  const {default: remarkGfm} = await import('remark-gfm');
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);
  // Docusaurus reads `## Heading {#id}` itself (mdx1Compat); plain MDX
  // would take `{#id}` for an expression, and the front matter for text.
  const source = fs
    .readFileSync(DOC, 'utf8')
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(#{1,6} .*?)\s*\{#[\w-]+\}\s*$/gm, '$1');
  const file = {path: DOC, value: source};
  let tree = processor.parse(file.value) as unknown as Node;
  if (root) {
    tree = (await processor()
      .use(remarkExampleMetrics, {root})
      .run(tree as never, file as never)) as unknown as Node;
  }
  const frame = find(tree, (n) => n.type === 'mdxJsxFlowElement' && n.name === 'ExampleComparison');
  assert.ok(frame, 'the page has no <ExampleComparison> block');
  const table = find(frame, (n) => n.type === 'table');
  assert.ok(table, '<ExampleComparison> holds no Markdown table');
  const rows: Record<string, [string, string]> = {};
  for (const row of table.children!.slice(1)) {
    const [label, left, right] = row.children!.map(textOf);
    rows[label] = [left.trim(), right.trim()];
  }
  return rows;
}

function tempExamples(): {root: string; done(): void} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hooks-vs-reactive-'));
  for (const folder of FOLDERS) {
    fs.cpSync(path.join(SITE_DIR, 'examples', folder), path.join(root, folder), {recursive: true});
  }
  return {root, done: () => fs.rmSync(root, {recursive: true, force: true})};
}

test('every figure in the comparison is an <ExampleMetric /> tag, never typed', async () => {
  const rows = await comparisonTable();
  assert.ok(Object.keys(rows).length >= 6);
  for (const [label, cells] of Object.entries(rows)) {
    for (const cell of cells) {
      assert.ok(cell === `<${TAG}>` || !/\d/.test(cell), `"${label}": "${cell}" is typed; use <${TAG} />`);
    }
  }
});

test('the figures are counted in the example folders', async () => {
  const t = tempExamples();
  try {
    const rows = await comparisonTable(t.root);
    for (const [label, cells] of Object.entries(rows)) {
      for (const cell of cells) assert.match(cell, /^(\d+|none)$/, `"${label}": ${cell}`);
    }
    // One figure checked against the counting API directly.
    const req: MetricRequest = {measure: 'handlers', file: '09-reactive/reactive/docker_webapp.py'};
    const handlersRow = Object.entries(rows).find(([label]) => label.startsWith('Handlers in'));
    assert.ok(handlersRow);
    assert.equal(handlersRow[1][1], String(measure(req, t.root)));
  } finally {
    t.done();
  }
});

test('the figures change when an example file changes', async () => {
  const t = tempExamples();
  try {
    const before = await comparisonTable(t.root);
    const module = path.join(t.root, '09-reactive', 'reactive', 'docker_webapp.py');
    fs.appendFileSync(
      module,
      "\n\n@when('webapp.started')\ndef extra():\n    hookenv.log('one more handler')\n    set_flag('webapp.extra')\n",
    );
    fs.writeFileSync(path.join(t.root, '09-reactive', 'interfaces', 'http', 'peers.py'), 'PEERS = None\n');
    const after = await comparisonTable(t.root);
    const row = (prefix: string) => Object.keys(before).find((l) => l.startsWith(prefix))!;
    const n = (rows: Record<string, [string, string]>, prefix: string, col: 0 | 1) => Number(rows[row(prefix)][col]);
    assert.equal(n(after, 'Handlers in', 1), n(before, 'Handlers in', 1) + 1);
    assert.equal(n(after, 'Code lines of those handlers', 1), n(before, 'Code lines of those handlers', 1) + 3);
    assert.equal(n(after, 'Files in the layer', 1), n(before, 'Files in the layer', 1) + 1);
    assert.equal(n(after, '… of them in the interface', 1), n(before, '… of them in the interface', 1) + 1);
    // The hook-era column did not move.
    for (const label of Object.keys(before)) assert.equal(after[label][0], before[label][0], label);
  } finally {
    t.done();
  }
});
