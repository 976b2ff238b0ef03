/**
 * Listings must be embedded, never pasted: a pasted copy drifts the day the
 * example changes. This scans every code fence in docs/ that is not filled
 * from examples/ and fails when it repeats lines of an example file.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';
import {findPastedCode, listFiles} from './pasted-code';

test('the detector catches two pasted lines and ignores trivial ones', () => {
  const example = new Map([['examples/x/a.py', 'import os\n\ndef start():\n    subprocess.run(["docker", "start", NAME])\n']]);
  const pasted = '# Title\n\n```python\ndef start():\n    subprocess.run(["docker", "start", NAME])\n```\n';
  const found = findPastedCode('docs/p.mdx', pasted, example);
  assert.equal(found.length, 1);
  assert.match(found[0], /docs\/p\.mdx:3: .*examples\/x\/a\.py/);
  // Short common lines (closing brackets, `import os`) are not evidence.
  const trivial = '```python\nimport os\n\n}\n```\n';
  assert.deepEqual(findPastedCode('docs/p.mdx', trivial, example), []);
  // An embedded fence is fine whatever the file holds.
  const embedded = '```python file=x/a.py\n```\n';
  assert.deepEqual(findPastedCode('docs/p.mdx', embedded, example), []);
});

test('a single long pasted line is caught too', () => {
  const example = new Map([['examples/x/c.yaml', 'options:\n  image:\n    default: "nginx:1.27-alpine@sha256:0123456789abcdef"\n']]);
  const doc = '```yaml\ndefault: "nginx:1.27-alpine@sha256:0123456789abcdef"\n```\n';
  assert.equal(findPastedCode('docs/q.mdx', doc, example).length, 1);
});

test('expected outputs count as pasted only by two consecutive lines', () => {
  const header = 'Model          Controller  Cloud/Region         Version  SLA          Timestamp';
  const example = new Map([['examples/04-x/outputs/status-active.txt', `${header}\ndocker-charms  lxd         localhost/localhost  3.6.x    unsupported  10:31:07Z\n`]]);
  // Another output that shares only Juju's header line is not a copy...
  const other = `\`\`\`text\n${header}\ndocker-charms  lxd         localhost/localhost  3.6.x    unsupported  10:15:42Z\n\`\`\`\n`;
  assert.deepEqual(findPastedCode('docs/r.mdx', other, example), []);
  // ...but the same two lines are.
  const copy = `\`\`\`text\n${header}\ndocker-charms  lxd         localhost/localhost  3.6.x    unsupported  10:31:07Z\n\`\`\`\n`;
  assert.equal(findPastedCode('docs/r.mdx', copy, example).length, 1);
});

test('no code fence in docs/ repeats lines of an examples/ file', () => {
  const examples = new Map<string, string>();
  for (const file of listFiles(path.join(SITE_DIR, 'examples'))) {
    // Prose READMEs may legitimately share command lines with the pages.
    if (/README\.md$/i.test(file)) continue;
    examples.set(path.relative(SITE_DIR, file), fs.readFileSync(file, 'utf8'));
  }
  const problems: string[] = [];
  for (const dir of ['docs', 'versioned_docs']) {
    for (const file of listFiles(path.join(SITE_DIR, dir)).filter((f) => /\.mdx?$/.test(f))) {
      problems.push(...findPastedCode(path.relative(SITE_DIR, file), fs.readFileSync(file, 'utf8'), examples));
    }
  }
  assert.deepEqual(problems, [], `embed these with file=… instead of pasting:\n${problems.join('\n')}`);
});
