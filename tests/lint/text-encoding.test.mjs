// Tests for tests/lint/text-encoding.mjs and the validator's byte checks:
// YAML that PyYAML refuses (invalid UTF-8, NUL, other control characters)
// must fail, and YAML it reads must not.
// Run: node --test tests/lint/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { validateExamples } from './validate-examples.mjs';
import { firstInvalidUtf8, decodeYamlLikePyYAML } from './text-encoding.mjs';
import { makeTree, removeTree, goodExample } from './fixture-tree.mjs';

const EX = 'examples/01-good';
const CONFIG = `${EX}/config.yaml`;
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// config.yaml of the good example with `bytes` as the value of the first description.
function configWith(bytes) {
  const text = goodExample()[CONFIG];
  const at = text.indexOf('Host port');
  return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);
}

function validateConfig(t, content) {
  const root = makeTree({ ...goodExample(), [CONFIG]: { content } });
  t.after(() => removeTree(root));
  return { root, result: validateExamples(root) };
}

test('firstInvalidUtf8 agrees with Python on offsets and reasons', () => {
  const cases = [
    [[0x61, 0x62], null],
    [[0xc3, 0xa9], null], // é
    [[0xf0, 0x9f, 0x98, 0x80], null], // an emoji
    [[0x61, 0xe9, 0x0a], { offset: 1, byte: 0xe9, reason: 'invalid continuation byte' }],
    [[0xff], { offset: 0, byte: 0xff, reason: 'invalid start byte' }],
    [[0xc0, 0x80], { offset: 0, byte: 0xc0, reason: 'invalid start byte' }], // overlong NUL
    [[0xed, 0xa0, 0x80], { offset: 0, byte: 0xed, reason: 'invalid continuation byte' }], // a surrogate
    [[0x61, 0xe2, 0x82], { offset: 1, byte: 0xe2, reason: 'unexpected end of data' }],
  ];
  for (const [bytes, want] of cases) assert.deepEqual(firstInvalidUtf8(Buffer.from(bytes)), want, bytes.join(','));
});

test('decodeYamlLikePyYAML: line and column of the first bad character', () => {
  assert.deepEqual(decodeYamlLikePyYAML(Buffer.from('a: 1\nb: x\0y\n')).error,
    { line: 2, col: 5, message: 'unacceptable character #x0000: special characters are not allowed (PyYAML refuses the file)' });
  assert.deepEqual(decodeYamlLikePyYAML(Buffer.from('a: é\n\x1b')).error,
    { line: 2, col: 1, message: 'unacceptable character #x001b: special characters are not allowed (PyYAML refuses the file)' });
  assert.equal(decodeYamlLikePyYAML(Buffer.from('\ufeffa: "tab\there, é, \u{1f600}"\r\n')).text,
    '\ufeffa: "tab\there, é, \u{1f600}"\r\n');
});

test('a NUL byte in a YAML file fails with file, line and column', (t) => {
  const { result } = validateConfig(t, configWith([0x00]));
  assert.deepEqual(result.errors.map((e) => e.text), [
    `${CONFIG}:5:18: unacceptable character #x0000: special characters are not allowed (PyYAML refuses the file)`,
  ]);
});

test('invalid UTF-8 in a YAML file fails (Node would have read it as U+FFFD)', (t) => {
  const { result } = validateConfig(t, configWith([0x63, 0x61, 0x66, 0xe9, 0x20]));
  assert.deepEqual(result.errors.map((e) => e.text), [
    `${CONFIG}:5:21: unacceptable character #x00e9: invalid continuation byte (byte 0xe9 is not valid UTF-8; PyYAML refuses the file)`,
  ]);
});

test('a control character (ESC) fails, and the file is not checked further', (t) => {
  // The broken type would be a schema error if the file were read on.
  const content = Buffer.concat([configWith([0x1b]), Buffer.from('  x:\n    type: integer\n')]);
  const { result } = validateConfig(t, content);
  assert.deepEqual(result.errors.map((e) => e.text), [
    `${CONFIG}:5:18: unacceptable character #x001b: special characters are not allowed (PyYAML refuses the file)`,
  ]);
});

test('NEL and the Unicode line separators fail: PyYAML breaks lines there, the yaml package does not', (t) => {
  const { result } = validateConfig(t, configWith([0xe2, 0x80, 0xa8]));
  assert.deepEqual(result.errors.map((e) => e.text), [
    `${CONFIG}:5:18: line break character #x2028: PyYAML ends the line here and YAML 1.2 readers do not; use a plain newline`,
  ]);
  assert.match(decodeYamlLikePyYAML(Buffer.from('a: b\u0085')).error.message, /^line break character #x0085:/);
});

test('on each sample, the validator fails where PyYAML fails and passes where PyYAML reads the file', (t) => {
  const probe = spawnSync(PYTHON, ['-c', 'import yaml'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    t.skip(`PyYAML not importable with ${PYTHON}`);
    return;
  }
  // Each sample starts a plain scalar. Tabs are left out: PyYAML's scanner
  // (not its reader) refuses a tab there, which is a different rule.
  const samples = {
    nul: [0x00], bell: [0x07], del: [0x7f], c1: [0xc2, 0x80], nel: [0xc2, 0x85], latin1: [0xe9],
    eacute: [0xc3, 0xa9], emoji: [0xf0, 0x9f, 0x98, 0x80], fffe: [0xef, 0xbf, 0xbe],
  };
  for (const [name, bytes] of Object.entries(samples)) {
    const { root, result } = validateConfig(t, configWith(bytes));
    const py = spawnSync(PYTHON, ['-c', 'import sys, yaml; yaml.safe_load(open(sys.argv[1], "rb"))', `${root}/${CONFIG}`],
      { encoding: 'utf8' });
    assert.equal(result.errors.length > 0, py.status !== 0,
      `${name}: validator errors ${JSON.stringify(result.errors.map((e) => e.text))}, PyYAML said ${py.stderr.trim().split('\n').pop()}`);
  }
});
