// Tests for tests/lint/lint-examples.mjs (shellcheck, py_compile, pyflakes3).
// Run: node --test tests/lint/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lintExamples, classifyFile, summaryLine, missingToolLines } from './lint-examples.mjs';
import { makeTree, removeTree, goodExample } from './fixture-tree.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(HERE, 'lint-examples.mjs');
const EX = 'examples/01-good';

// A neutral environment: the outer CI/ALLOW_SKIP settings must not leak into the tests.
const ENV = { ...process.env, CI: '', ALLOW_SKIP: '', SHELLCHECK: '', PYFLAKES: '', PYTHON: '' };

function tree(t, overrides = {}) {
  const root = makeTree({ ...goodExample(), ...overrides });
  t.after(() => removeTree(root));
  return root;
}

const texts = (r) => r.findings.map((f) => f.text);

test('a clean example has no findings; files are classified by extension and shebang', (t) => {
  const root = tree(t, {
    [`${EX}/hooks/start`]: { content: '#!/usr/bin/env python3\nprint("start")\n', mode: 0o755 },
    [`${EX}/bin/setup.sh`]: '#!/bin/sh\nset -e\necho "setup"\n',
    [`${EX}/notes`]: 'just text, no shebang\n',
  });
  const r = lintExamples(root, { env: ENV });
  assert.deepEqual(texts(r), []);
  assert.deepEqual(r.missing, []);
  assert.deepEqual(r.shellFiles, [`${EX}/actions/restart`, `${EX}/bin/setup.sh`, `${EX}/hooks/install`]);
  assert.deepEqual(r.pythonFiles, [
    `${EX}/hooks/start`, `${EX}/interfaces/http/provides.py`, `${EX}/interfaces/http/requires.py`,
    `${EX}/reactive/docker_nginx.py`,
  ]);
  assert.equal(r.exitCode, 0);
  assert.equal(summaryLine(r), 'lint-examples: 3 shell scripts, 4 python files checked, 0 findings');
});

test('classifyFile: shebang variants', (t) => {
  const root = tree(t, {
    'x/a': '#!/bin/bash\n',
    'x/b': '#!/usr/bin/env bash\n',
    'x/c': '#! /usr/bin/python3\n',
    'x/d': '#!/usr/bin/env -S python3 -u\n',
    'x/e': '#!/usr/bin/perl\n',
    'x/f.html': '#!/bin/sh\n',
    'x/g.py': 'print(1)\n',
  });
  const k = (n) => classifyFile(path.join(root, 'x', n));
  assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f.html', 'g.py'].map(k),
    ['shell', 'shell', 'python', 'python', null, null, 'python']);
});

test('shellcheck: an unquoted variable (SC2086) in an extension-less hook', (t) => {
  const root = tree(t, {
    [`${EX}/hooks/config-changed`]: { content: '#!/bin/bash\nport=$(config-get port)\nopen-port $port\n', mode: 0o755 },
  });
  const r = lintExamples(root, { env: ENV });
  assert.deepEqual(texts(r), [
    `${EX}/hooks/config-changed:3:11: shellcheck SC2086: (note) Double quote to prevent globbing and word splitting.`,
  ]);
  assert.equal(r.findings[0].file, `${EX}/hooks/config-changed`);
  assert.equal(r.exitCode, 1);
});

test('pyflakes: an unused import names the file and line', (t) => {
  const root = tree(t, {
    [`${EX}/reactive/docker_nginx.py`]: 'import os\nfrom charms.reactive import when\n\n\n@when("x")\ndef f():\n    pass\n',
  });
  const r = lintExamples(root, { env: ENV });
  assert.deepEqual(texts(r), [`${EX}/reactive/docker_nginx.py:1:1: pyflakes: 'os' imported but unused`]);
  assert.equal(r.exitCode, 1);
});

test('py_compile: a syntax error names the file and line (and pyflakes does not repeat it)', (t) => {
  const root = tree(t, {
    [`${EX}/lib/charms/layer/docker_nginx.py`]: 'def render(:\n    return 1\n',
  });
  const r = lintExamples(root, { env: ENV });
  assert.equal(r.findings.length, 1, texts(r).join('\n'));
  const [f] = r.findings;
  assert.equal(f.file, `${EX}/lib/charms/layer/docker_nginx.py`);
  assert.equal(f.tool, 'py_compile');
  assert.equal(f.line, 1);
  assert.match(f.text, /^examples\/01-good\/lib\/charms\/layer\/docker_nginx\.py:1:\d+: py_compile SyntaxError: /);
  // No bytecode is left in the example tree.
  assert.equal(fs.existsSync(path.join(root, EX, 'lib/charms/layer/__pycache__')), false);
});

// Stands in for pyflakes3: reports `import os` as unused, and crashes with a
// traceback (as pyflakes does on some inputs) on a file containing CRASH.
const FAKE_PYFLAKES = `#!/usr/bin/env python3
import sys
rc = 0
for f in sys.argv[1:]:
    if f == '--version':
        sys.exit(0)
    text = open(f).read()
    if 'CRASH' in text:
        raise RuntimeError('fake pyflakes gave up')
    if 'import os' in text:
        print(f + ":1:1: 'os' imported but unused")
        rc = 1
sys.exit(rc)
`;

test('pyflakes crash: names the file, and the files around it are still checked', (t) => {
  const root = tree(t, {
    'fake/pyflakes3': { content: FAKE_PYFLAKES, mode: 0o755 },
    [`${EX}/hooks/start`]: { content: '#!/usr/bin/env python3\nimport os\n', mode: 0o755 },
    [`${EX}/interfaces/http/provides.py`]: '# CRASH\n',
    [`${EX}/reactive/docker_nginx.py`]: 'import os\n',
  });
  const r = lintExamples(root, { env: { ...ENV, PYFLAKES: path.join(root, 'fake/pyflakes3') } });
  assert.deepEqual(texts(r), [
    `${EX}/hooks/start:1:1: pyflakes: 'os' imported but unused`,
    `${EX}/interfaces/http/provides.py: pyflakes: pyflakes3 crashed on this file: RuntimeError: fake pyflakes gave up`,
    `${EX}/reactive/docker_nginx.py:1:1: pyflakes: 'os' imported but unused`,
  ]);
  assert.equal(r.exitCode, 1);
});

test('pyflakes crash on invalid UTF-8: one finding for that file, at the bad byte', (t) => {
  const root = tree(t, {
    [`${EX}/reactive/docker_nginx.py`]: { content: Buffer.from('x = 1\n# caf\xe9\n', 'latin1') },
  });
  const r = lintExamples(root, { env: ENV });
  // pyflakes3 crashes here (Python 3.11's py_compile lets the byte through
  // in a comment); a newer py_compile may report it first. Either way one
  // finding names this file alone, not the whole list of Python files.
  assert.equal(r.findings.length, 1, texts(r).join('\n'));
  const [f] = r.findings;
  assert.equal(f.file, `${EX}/reactive/docker_nginx.py`);
  assert.equal(f.line, 2);
  if (f.tool === 'pyflakes') {
    assert.equal(f.text, `${EX}/reactive/docker_nginx.py:2:6: pyflakes: pyflakes3 crashed on this file: `
      + "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 5: invalid continuation byte; "
      + 'byte 0xe9 here is not valid UTF-8 (save the file as UTF-8)');
  }
});

test('missing shellcheck with CI=true fails loudly', (t) => {
  const root = tree(t);
  const r = lintExamples(root, { env: { ...ENV, CI: 'true', SHELLCHECK: '/nonexistent/shellcheck' } });
  assert.deepEqual(r.missing, ['shellcheck']);
  assert.equal(r.exitCode, 1);
  assert.deepEqual(missingToolLines(r), [
    'ERROR: shellcheck not installed (apt-get install shellcheck); CI=true, so missing linters fail the run',
  ]);
});

test('missing pyflakes3 outside CI: SKIPPED line, non-zero exit unless ALLOW_SKIP=1', (t) => {
  const root = tree(t);
  const r = lintExamples(root, { env: { ...ENV, PYFLAKES: '/nonexistent/pyflakes3' } });
  assert.deepEqual(r.missing, ['pyflakes3']);
  assert.equal(r.exitCode, 1);
  assert.match(missingToolLines(r)[0], /^SKIPPED: pyflakes3 not installed \(apt-get install pyflakes3\)/);
  const r2 = lintExamples(root, { env: { ...ENV, PYFLAKES: '/nonexistent/pyflakes3', ALLOW_SKIP: '1' } });
  assert.equal(r2.exitCode, 0);
  assert.equal(summaryLine(r2), 'lint-examples: 2 shell scripts, 3 python files checked, 0 findings; SKIPPED: pyflakes3');
});

test('CLI: prints the SKIPPED line on stderr and exits 1; findings and summary on stdout', (t) => {
  const root = tree(t, {
    [`${EX}/hooks/install`]: { content: '#!/bin/bash\necho $1\n', mode: 0o755 },
  });
  const skip = spawnSync(process.execPath, [CLI, '--root', root], {
    encoding: 'utf8', env: { ...ENV, SHELLCHECK: '/nonexistent/shellcheck' },
  });
  assert.equal(skip.status, 1);
  assert.match(skip.stderr, /SKIPPED: shellcheck not installed \(apt-get install shellcheck\)/);
  const ok = spawnSync(process.execPath, [CLI, '--root', root], { encoding: 'utf8', env: ENV });
  assert.equal(ok.status, 1, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^examples\/01-good\/hooks\/install:2:6: shellcheck SC2086: /m);
  assert.match(ok.stdout, /^lint-examples: 2 shell scripts, 3 python files checked, 1 findings$/m);
});
