// Tests for the layer rules in validate-examples.mjs: includes: must name
// layers charm build can find, and every charm layer needs metadata.yaml.
// Run: node --test tests/lint/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateExamples } from './validate-examples.mjs';
import { KNOWN_INCLUDES, charmLayerSigns, localInterfaces } from './layer-rules.mjs';
import { makeTree, removeTree, goodExample } from './fixture-tree.mjs';
import path from 'node:path';

const EX = 'examples/01-good';
const LAYER = `${EX}/layer.yaml`;
const GOOD_LAYER = goodExample()[LAYER];

/** Validate the good example with some files replaced (value null deletes a file). */
function validate(t, overrides = {}) {
  const files = { ...goodExample(), ...overrides };
  for (const [k, v] of Object.entries(overrides)) if (v === null) delete files[k];
  const root = makeTree(files);
  t.after(() => removeTree(root));
  return { root, result: validateExamples(root) };
}

const errorTexts = (result) => result.errors.map((e) => e.text);

test('the known includes are the ones the examples use', () => {
  assert.deepEqual(KNOWN_INCLUDES, ['layer:basic', 'layer:docker', 'interface:http']);
});

test('includes: a misspelt layer is an unknown layer, with its line', (t) => {
  const { result } = validate(t, { [LAYER]: GOOD_LAYER.replace('layer:docker', 'layer:dockr') });
  assert.deepEqual(errorTexts(result), [
    `${LAYER}: includes[0]: unknown layer layer:dockr (known: layer:basic, layer:docker, interface:http)`,
  ]);
  assert.equal(result.errors[0].line, 2);
});

test('includes: the single-string form is checked too', (t) => {
  const { result } = validate(t, { [LAYER]: 'includes: layer:basics\nrepo: https://github.com/example/x.git\n' });
  assert.deepEqual(errorTexts(result), [
    `${LAYER}: includes: unknown layer layer:basics (known: layer:basic, layer:docker, interface:http)`,
  ]);
});

test('includes: an interface is known only if public or in the layer\'s own interfaces/', (t) => {
  const withPingpong = GOOD_LAYER.replace('  - interface:http\n', '  - interface:http\n  - interface:pingpong\n');
  const { result: missing } = validate(t, { [LAYER]: withPingpong });
  assert.deepEqual(errorTexts(missing), [
    `${LAYER}: includes[2]: unknown layer interface:pingpong (known: layer:basic, layer:docker, interface:http; or an interface layer in interfaces/pingpong/ with an interface.yaml)`,
  ]);

  // charm build also finds it in a folder named interface-NAME.
  const iface = `${EX}/interfaces/interface-pingpong`;
  const { result: local } = validate(t, {
    [LAYER]: withPingpong,
    [`${iface}/interface.yaml`]: 'name: pingpong\nsummary: Ping\nversion: 1\nrepo: https://github.com/example/i.git\n',
    [`${iface}/provides.py`]: 'from charms.reactive import Endpoint\n\n\nclass P(Endpoint):\n    pass\n',
  });
  assert.deepEqual(errorTexts(local), []);

  // A folder without interface.yaml is not an interface layer.
  const { result: noYaml } = validate(t, { [LAYER]: withPingpong, [`${iface}/provides.py`]: 'x = 1\n' });
  assert.equal(noYaml.errors.length, 1);
  assert.match(noYaml.errors[0].text, /unknown layer interface:pingpong/);
});

test('localInterfaces lists interface:NAME for NAME/ and interface-NAME/ folders with interface.yaml', (t) => {
  const root = makeTree({
    'l/interfaces/http/interface.yaml': 'name: http\n',
    'l/interfaces/interface-mysql/interface.yaml': 'name: mysql\n',
    'l/interfaces/notes/README.md': 'not a layer\n',
    'l/interfaces/stray.yaml': 'a file, not a folder\n',
  });
  t.after(() => removeTree(root));
  assert.deepEqual(localInterfaces(path.join(root, 'l')), ['interface:http', 'interface:mysql']);
  assert.deepEqual(localInterfaces(path.join(root, 'nowhere')), []);
});

test('layer.yaml: empty, or only comments, is an error', (t) => {
  for (const text of ['', '# just a comment\n']) {
    const { result } = validate(t, { [LAYER]: text });
    assert.deepEqual(errorTexts(result), [
      `${LAYER}: is empty; a charm layer needs includes: naming the layers it builds on (at least layer:basic)`,
    ], JSON.stringify(text));
  }
});

test('layer.yaml: no includes:, or an empty one, is an error', (t) => {
  const { result: none } = validate(t, { [LAYER]: 'repo: https://github.com/example/x.git\n' });
  assert.deepEqual(errorTexts(none), [
    `${LAYER}: includes: is missing; a charm layer builds on other layers (at least layer:basic), e.g. includes: [layer:basic]`,
  ]);
  for (const text of ['includes:\nrepo: https://github.com/example/x.git\n', 'includes: []\nrepo: https://github.com/example/x.git\n']) {
    const { result } = validate(t, { [LAYER]: text });
    assert.deepEqual(errorTexts(result), [
      `${LAYER}: includes: is empty; name the layers this one builds on (at least layer:basic)`,
    ], JSON.stringify(text));
    assert.equal(result.errors[0].line, 1);
  }
});

test('a charm layer without metadata.yaml is an error naming the missing file', (t) => {
  const { result } = validate(t, { [`${EX}/metadata.yaml`]: null });
  assert.deepEqual(errorTexts(result), [
    `${EX}/metadata.yaml: is missing: this folder is a charm layer (it has layer.yaml, reactive/, hooks/), and a charm needs metadata.yaml for its name, summary and endpoints`,
  ]);
});

test('a folder with only reactive/ is a charm layer too; interface layers and site folders are not', (t) => {
  const { result } = validate(t, {
    'examples/02-bare/reactive/bare.py': 'x = 1\n',
    'examples/03-site/site/index.html': '<!doctype html>\n',
  });
  assert.deepEqual(errorTexts(result), [
    'examples/02-bare/metadata.yaml: is missing: this folder is a charm layer (it has reactive/), and a charm needs metadata.yaml for its name, summary and endpoints',
  ]);
});

test('charmLayerSigns: layer files, reactive/ and hooks/ count; interface.yaml overrides them', (t) => {
  const root = makeTree({
    'a/composer.yaml': 'includes: [layer:basic]\n',
    'b/hooks/install': '#!/bin/sh\n',
    'c/interface.yaml': 'name: c\n',
    'c/reactive/c.py': '',
    'd/index.html': '',
  });
  t.after(() => removeTree(root));
  const signs = (d) => charmLayerSigns(path.join(root, d));
  assert.deepEqual(['a', 'b', 'c', 'd'].map(signs), [['composer.yaml'], ['hooks/'], [], []]);
});
