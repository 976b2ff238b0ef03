// Tests for tests/lint/validate-examples.mjs and tests/schemas/*.schema.json.
// Run: node --test tests/lint/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validateExamples, loadValidators, summaryLine } from './validate-examples.mjs';
import { makeTree, removeTree, goodExample } from './fixture-tree.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(HERE, 'validate-examples.mjs');
const EX = 'examples/01-good';

/** Validate the good example with some files replaced (value null deletes a file). */
function run(t, overrides = {}) {
  const files = { ...goodExample() };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) delete files[k];
    else files[k] = v;
  }
  const root = makeTree(files);
  t.after(() => removeTree(root));
  return { root, result: validateExamples(root) };
}

const texts = (list) => list.map((i) => i.text);

function assertErrorSet(result, expected) {
  assert.deepEqual([...texts(result.errors)].sort(), [...expected].sort(),
    `errors were:\n${texts(result.errors).join('\n')}`);
}

function assertOnlyErrors(result, expected) {
  assert.deepEqual(texts(result.errors), expected,
    `errors were:\n${texts(result.errors).join('\n')}`);
}

test('schemas compile under ajv (draft 2020-12, strict mode)', () => {
  const v = loadValidators();
  for (const kind of ['layer', 'metadata', 'config', 'actions', 'interface', 'charmcraft']) {
    assert.equal(typeof v[kind], 'function', `${kind} schema did not compile`);
  }
});

test('a complete, correct example has no errors and no warnings', (t) => {
  const { result } = run(t);
  assert.deepEqual(texts(result.errors), []);
  assert.deepEqual(texts(result.warnings), []);
  assert.deepEqual(result.files.sort(), [
    `${EX}/actions.yaml`, `${EX}/charmcraft.yaml`, `${EX}/config.yaml`,
    `${EX}/interfaces/http/interface.yaml`, `${EX}/layer.yaml`, `${EX}/metadata.yaml`,
  ]);
  assert.equal(summaryLine(result), 'validate-examples: 6 files checked, 0 errors, 0 warnings');
});

test('config.yaml: an unknown option type (type: integer) names file and key', (t) => {
  const { result } = run(t, {
    [`${EX}/config.yaml`]: 'options:\n  port:\n    type: integer\n    default: 80\n    description: Port.\n',
  });
  assertOnlyErrors(result, [
    `${EX}/config.yaml: options.port.type: must be one of: string, int, float, boolean, secret (got "integer")`,
  ]);
  assert.equal(result.errors[0].line, 3);
});

test('config.yaml: an int option with a string default', (t) => {
  const { result } = run(t, {
    [`${EX}/config.yaml`]: 'options:\n  port:\n    type: int\n    default: "80"\n    description: Port.\n',
  });
  assertOnlyErrors(result, [`${EX}/config.yaml: options.port.default: must be integer (type is int)`]);
});

test('config.yaml: float/int literal mismatches that JSON types cannot see', (t) => {
  const { result } = run(t, {
    [`${EX}/config.yaml`]: [
      'options:',
      '  port: {type: int, default: 80.0, description: Port.}',
      '  ratio: {type: float, default: 1, description: Ratio.}',
      '',
    ].join('\n'),
  });
  assertOnlyErrors(result, [
    `${EX}/config.yaml: options.port.default: must be integer (type is int); 80.0 is a float literal`,
    `${EX}/config.yaml: options.ratio.default: must be a float literal such as 1.0 (type is float; charm proof rejects an int default for a float option)`,
  ]);
});

test('config.yaml: boolean and string defaults under YAML 1.1 rules', (t) => {
  const { result } = run(t, {
    [`${EX}/config.yaml`]: [
      'options:',
      '  debug: {type: boolean, default: "true", description: Debug.}',
      '  mode: {type: string, default: on, description: Mode.}',
      '  empty: {type: string, default: null, description: Nothing.}',
      '',
    ].join('\n'),
  });
  assertOnlyErrors(result, [
    `${EX}/config.yaml: options.debug.default: must be boolean (type is boolean)`,
    `${EX}/config.yaml: options.mode.default: must be string (type is string); YAML 1.1 reads on as a boolean, quote it`,
    `${EX}/config.yaml: options.empty.default: must be string (type is string)`,
  ]);
});

test('config.yaml: an option missing its description', (t) => {
  const { result } = run(t, {
    [`${EX}/config.yaml`]: 'options:\n  port:\n    type: int\n    default: 80\n',
  });
  assertOnlyErrors(result, [
    `${EX}/config.yaml: options.port.description: is required (every option needs a description)`,
  ]);
});

test('config.yaml: missing type and default, empty description, unknown key', (t) => {
  const { result } = run(t, {
    [`${EX}/config.yaml`]: 'options:\n  port:\n    description: " "\n    value: 80\n',
  });
  assertErrorSet(result, [
    `${EX}/config.yaml: options.port.type: is required (every option needs type: string|int|float|boolean)`,
    `${EX}/config.yaml: options.port.default: is required (every option needs a default of its type ("" for an empty string))`,
    `${EX}/config.yaml: options.port.value: unknown key: the key is 'default'`,
    `${EX}/config.yaml: options.port.description: must not be empty`,
  ]);
});

test('metadata.yaml: an endpoint without an interface', (t) => {
  const meta = goodExample()[`${EX}/metadata.yaml`].replace('    interface: http\n', '    scope: global\n');
  const { result } = run(t, { [`${EX}/metadata.yaml`]: meta });
  assertOnlyErrors(result, [
    `${EX}/metadata.yaml: provides.website.interface: is required (every endpoint needs interface: NAME, e.g. interface: http)`,
  ]);
  // interface:http is then no longer used by any endpoint.
  assert.deepEqual(texts(result.warnings), [
    `${EX}/layer.yaml: includes[1]: includes interface:http which isn't used in metadata.yaml (charm build skips it)`,
  ]);
});

test('metadata.yaml: the Juju shorthand "website: http" is refused for charm build', (t) => {
  const meta = goodExample()[`${EX}/metadata.yaml`].replace('  website:\n    interface: http\n', '  website: http\n');
  const { result } = run(t, { [`${EX}/metadata.yaml`]: meta });
  assertOnlyErrors(result, [
    `${EX}/metadata.yaml: provides.website: shorthand "website: http" is valid Juju, but charm build and charm proof need the map form: website: {interface: http}`,
  ]);
});

test('metadata.yaml: a payload class without a type', (t) => {
  const meta = goodExample()[`${EX}/metadata.yaml`]
    .replace('  nginx:\n    type: docker\n', '  nginx:\n    kind: docker\n  web:\n');
  const { result } = run(t, { [`${EX}/metadata.yaml`]: meta });
  assertOnlyErrors(result, [
    `${EX}/metadata.yaml: payloads.nginx.type: is required (every payload class needs type: docker (or kvm))`,
    `${EX}/metadata.yaml: payloads.nginx.kind: unknown key (allowed: type)`,
    `${EX}/metadata.yaml: payloads.web: must be object (a payload class is a map with a type, e.g. monitoring: {type: docker})`,
  ]);
});

test('metadata.yaml: a payload type other than docker/kvm is a warning (charm proof)', (t) => {
  const meta = goodExample()[`${EX}/metadata.yaml`].replace('    type: docker\n', '    type: lxd\n');
  const { result } = run(t, { [`${EX}/metadata.yaml`]: meta });
  assertOnlyErrors(result, []);
  assert.deepEqual(texts(result.warnings), [
    `${EX}/metadata.yaml: payloads.nginx.type: "lxd" is accepted by Juju, but charm proof only accepts docker or kvm`,
  ]);
});

test('metadata.yaml: processes: (never shipped) is an unknown key', (t) => {
  const meta = `${goodExample()[`${EX}/metadata.yaml`]}processes:\n  nginx:\n    type: docker\n    image: nginx\n`;
  const { result } = run(t, { [`${EX}/metadata.yaml`]: meta });
  assertOnlyErrors(result, [
    `${EX}/metadata.yaml: processes: unknown key: not a Juju metadata key: the 2015 process-management feature never shipped; declare a payload class under payloads: instead`,
  ]);
  assert.equal(result.errors[0].line, 18);
});

test('metadata.yaml: bad name, unknown series, maintainer rules', (t) => {
  const meta = goodExample()[`${EX}/metadata.yaml`]
    .replace('name: docker-nginx', 'name: docker--nginx')
    .replace('series: [jammy, focal]', 'series: [jammy, xenail]')
    .replace('maintainer: Jane Doe <jane@example.com>', 'maintainer: Jane\nmaintainers: [Jane Doe <jane@example.com>]');
  const { result } = run(t, { [`${EX}/metadata.yaml`]: meta });
  assertOnlyErrors(result, [
    `${EX}/metadata.yaml: name: invalid value "docker--nginx": charm names are lowercase letters, digits and single '-'; each '-'-separated part after the first must contain a letter; no trailing '-'`,
    `${EX}/metadata.yaml: maintainers: use maintainer or maintainers, not both (charm proof)`,
    `${EX}/metadata.yaml: series[1]: "xenail" is not a known value (an Ubuntu codename such as trusty, xenial, bionic, focal, jammy or noble)`,
  ]);
});

test('layer.yaml: an include without a layer:/interface: prefix', (t) => {
  const layer = goodExample()[`${EX}/layer.yaml`].replace('  - layer:docker\n', '  - docker\n');
  const { result } = run(t, { [`${EX}/layer.yaml`]: layer });
  assertOnlyErrors(result, [
    `${EX}/layer.yaml: includes[0]: invalid value "docker": write layer:NAME or interface:NAME, e.g. layer:docker, interface:http`,
  ]);
});

test('layer.yaml: a single-string include and unknown top-level keys', (t) => {
  const { result } = run(t, {
    [`${EX}/layer.yaml`]: 'includes: docker\nrepo: https://github.com/example/x.git\nrequires: [layer:basic]\n',
  });
  assertOnlyErrors(result, [
    `${EX}/layer.yaml: includes: invalid value "docker": write layer:NAME or interface:NAME, e.g. layer:docker, interface:http`,
    `${EX}/layer.yaml: requires: unknown key: layer.yaml has no 'requires'; use includes: [layer:NAME, interface:NAME]`,
  ]);
});

test('layer.yaml: wrong type for a known layer:basic option, unknown option, missing repo', (t) => {
  const { result } = run(t, {
    [`${EX}/layer.yaml`]: 'includes: [layer:docker, interface:http]\noptions:\n  basic:\n    use_venv: "yes"\n    use_env: true\n',
  });
  assertOnlyErrors(result, [`${EX}/layer.yaml: options.basic.use_venv: must be boolean (layer:basic defines it so)`]);
  assert.deepEqual(texts(result.warnings), [
    `${EX}/layer.yaml: repo: is missing; charm build warns "Please add a \`repo\` key to your layer.yaml"`,
    `${EX}/layer.yaml: options.basic.use_env: layer:basic defines no option "use_env" (it has packages, python_packages, use_venv, include_system_packages); charm build ignores it silently`,
  ]);
});

test('YAML syntax errors are reported with file, line and column', (t) => {
  const { result } = run(t, {
    [`${EX}/config.yaml`]: 'options:\n  port:\n    type: int: 80\n    description: Port.\n',
  });
  assertOnlyErrors(result, [
    `${EX}/config.yaml:3:11: YAML syntax error: Nested mappings are not allowed in compact mappings`,
  ]);
  const [e] = result.errors;
  assert.deepEqual([e.file, e.line, e.col], [`${EX}/config.yaml`, 3, 11]);
});

test('YAML indentation errors name the line', (t) => {
  const { result } = run(t, {
    [`${EX}/metadata.yaml`]: 'name: x\nsummary: y\n  description: z\n',
  });
  assert.ok(result.errors.length >= 1, 'expected a syntax error');
  for (const e of result.errors) {
    assert.equal(e.file, `${EX}/metadata.yaml`);
    assert.match(e.text, /^examples\/01-good\/metadata\.yaml:2:10: YAML syntax error: /);
  }
});

test('YAML duplicate keys are syntax errors', (t) => {
  const { result } = run(t, {
    [`${EX}/config.yaml`]: 'options:\n  port: {type: int, default: 80, description: a}\n  port: {type: int, default: 81, description: b}\n',
  });
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0].text, /^examples\/01-good\/config\.yaml:3:3: YAML syntax error: Map keys must be unique/);
});

test('actions.yaml: reserved/invalid names, undeclared required param, missing description', (t) => {
  const { result } = run(t, {
    [`${EX}/actions.yaml`]: [
      'restart:',
      '  params:',
      '    force: {type: boolean}',
      '  required: [force, timeout]',
      '  additionalProperties: false',
      'juju-thing:',
      '  description: Reserved.',
      '',
    ].join('\n'),
  });
  assertErrorSet(result, [
    `${EX}/actions.yaml: restart.description: is required (every action needs a description)`,
    `${EX}/actions.yaml: restart.required[1]: "timeout" is not declared under params:`,
    `${EX}/actions.yaml: juju-thing: invalid name "juju-thing": action names are lowercase letters, digits and '-', must not start or end with '-', and must not start with 'juju'`,
  ]);
});

test('interface.yaml: version must be an integer', (t) => {
  const { result } = run(t, {
    [`${EX}/interfaces/http/interface.yaml`]: 'name: http\nsummary: HTTP\nversion: "1"\nrepo: https://github.com/example/interface-http.git\n',
  });
  assertOnlyErrors(result, [`${EX}/interfaces/http/interface.yaml: version: must be integer`]);
});

test('charmcraft.yaml: unquoted channel and a non-legacy base under bases:', (t) => {
  const { result } = run(t, {
    [`${EX}/charmcraft.yaml`]: [
      'type: charm',
      'bases:',
      '  - name: ubuntu',
      '    channel: 22.04',
      '  - name: ubuntu',
      '    channel: "24.04"',
      'parts:',
      '  charm:',
      '    plugin: reactive',
      '    build-snaps: [charm]',
      '',
    ].join('\n'),
  });
  assertOnlyErrors(result, [
    `${EX}/charmcraft.yaml: bases[0].channel: must be string (quote the channel, e.g. channel: "22.04" (unquoted 22.04 is a number))`,
    `${EX}/charmcraft.yaml: bases[1]: ubuntu@24.04 cannot be used with bases: (use base: + platforms:)`,
  ]);
});

test('hooks/ files must be executable', (t) => {
  const { result } = run(t, {
    [`${EX}/hooks/install`]: { content: '#!/bin/bash\necho "hi"\n', mode: 0o644 },
  });
  assertOnlyErrors(result, [
    `${EX}/hooks/install: is not executable (chmod +x ${EX}/hooks/install)`,
  ]);
});

test('an empty or missing examples/ directory is not an error', (t) => {
  const root = makeTree({});
  t.after(() => removeTree(root));
  const r1 = validateExamples(root);
  assert.deepEqual([r1.files.length, r1.errors.length, r1.warnings.length], [0, 0, 0]);
  fs.rmSync(path.join(root, 'examples'), { recursive: true });
  const r2 = validateExamples(root);
  assert.deepEqual([r2.files.length, r2.errors.length], [0, 0]);
});

test('CLI: exit code 1 with errors, summary line, errors name file and key', (t) => {
  const { root } = run(t, {
    [`${EX}/config.yaml`]: 'options:\n  port:\n    type: int\n    default: "80"\n    description: Port.\n',
  });
  const r = spawnSync(process.execPath, [CLI, '--root', root], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^error: examples\/01-good\/config\.yaml: options\.port\.default: must be integer \(type is int\) {2}\[line 4\]$/m);
  assert.match(r.stdout, /^validate-examples: 6 files checked, 1 errors, 0 warnings$/m);
});

test('CLI: exit code 0 on a clean tree', (t) => {
  const { root } = run(t);
  const r = spawnSync(process.execPath, [CLI, '--root', root], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^validate-examples: 6 files checked, 0 errors, 0 warnings$/m);
});
