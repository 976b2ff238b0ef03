#!/usr/bin/env node
// Lints the code inside the example charm layers under examples/.
//
//   shell:  shellcheck on *.sh / *.bash files and on extension-less files whose
//           shebang names sh, bash, dash or ksh (e.g. hooks/install)
//   python: a py_compile pass (syntax, with the host python3) and pyflakes3 on
//           *.py files and on extension-less files with a python shebang
//
// Missing tools: with CI=true the run fails loudly; otherwise a loud SKIPPED
// line is printed and the exit code is non-zero unless ALLOW_SKIP=1.
// Tool paths can be overridden with SHELLCHECK, PYFLAKES and PYTHON.
//
// CLI:  node tests/lint/lint-examples.mjs [--root DIR] [--examples DIR] [--json]
// API:  lintExamples(rootDir, {examplesDir, env}) -> {shellFiles, pythonFiles, findings, missing, exitCode}

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { invalidUtf8Position } from './text-encoding.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');

const SKIP_DIRS = new Set([
  'node_modules', '__pycache__', '.git', '.tox', '.venv', 'venv', 'builds', 'deps',
  'wheelhouse', '.pytest_cache', '.mypy_cache',
]);

const SHELLS = new Set(['sh', 'bash', 'dash', 'ksh']);

// Sourced files (e.g. charms.reactive.sh) live in the built charm, not in the
// layer, so "not following sourced file" is not a finding.
const SHELLCHECK_EXCLUDES = ['SC1091'];

const INSTALL_HINT = {
  shellcheck: 'apt-get install shellcheck',
  pyflakes3: 'apt-get install pyflakes3',
  python3: 'apt-get install python3',
};

// Compiles each file given on the command line, writing bytecode to a temporary
// directory so nothing lands in examples/. Prints FILE:LINE:COL: Type: message.
const PY_COMPILE_SCRIPT = String.raw`
import os, py_compile, shutil, sys, tempfile
tmp = tempfile.mkdtemp(prefix="lint-examples-")
rc = 0
try:
    for i, f in enumerate(sys.argv[1:]):
        try:
            py_compile.compile(f, cfile=os.path.join(tmp, "%d.pyc" % i), doraise=True)
        except py_compile.PyCompileError as e:
            v = e.exc_value
            line = getattr(v, "lineno", None) or 0
            col = getattr(v, "offset", None) or 0
            msg = getattr(v, "msg", None) or str(v)
            print("%s:%d:%d: %s: %s" % (f, line, col, e.exc_type_name, msg))
            rc = 1
finally:
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(rc)
`;

function toolCommand(env, key, fallback) {
  const v = env[key];
  return v && v.trim() ? v.trim() : fallback;
}

function toolAvailable(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error;
}

/** Classify a file as 'shell', 'python' or null. */
export function classifyFile(abs) {
  const base = path.basename(abs);
  if (/\.(sh|bash)$/.test(base)) return 'shell';
  if (/\.py$/.test(base)) return 'python';
  if (base.includes('.')) return null;
  let head;
  try {
    const fd = fs.openSync(abs, 'r');
    const buf = Buffer.alloc(200);
    const n = fs.readSync(fd, buf, 0, 200, 0);
    fs.closeSync(fd);
    head = buf.subarray(0, n).toString('utf8').split('\n')[0];
  } catch {
    return null;
  }
  const m = /^#!\s*(\S+)(?:\s+(?:-\S+\s+)*(\S+))?/.exec(head);
  if (!m) return null;
  let interp = path.basename(m[1]);
  if (interp === 'env' && m[2]) interp = path.basename(m[2]);
  if (SHELLS.has(interp)) return 'shell';
  if (/^python[0-9.]*$/.test(interp)) return 'python';
  return null;
}

function collectFiles(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    const abs = path.join(dir, ent.name);
    if (ent.isDirectory()) {
      if (ent.name.startsWith('.') || SKIP_DIRS.has(ent.name)) continue;
      collectFiles(abs, out);
    } else if (ent.isFile() || ent.isSymbolicLink()) {
      let st;
      try {
        st = fs.statSync(abs);
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      const kind = classifyFile(abs);
      if (kind === 'shell') out.shell.push(abs);
      else if (kind === 'python') out.python.push(abs);
    }
  }
}

const relPath = (root, abs) => path.relative(root, abs).split(path.sep).join('/');

function finding(tool, file, line, col, code, message) {
  const where = line ? `${file}:${line}:${col || 0}` : file;
  return {
    tool, file, line, col, code, message,
    text: `${where}: ${tool}${code ? ` ${code}` : ''}: ${message}`,
  };
}

function runShellcheck(cmd, root, files) {
  const findings = [];
  if (!files.length) return findings;
  const args = ['-f', 'gcc', '-x', ...SHELLCHECK_EXCLUDES.flatMap((c) => ['-e', c]), '--', ...files];
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const re = /^(.+?):(\d+):(\d+): (\w+): (.*?)(?: \[(SC\d+)\])?$/;
  for (const line of (r.stdout ?? '').split('\n')) {
    const m = re.exec(line);
    if (m) findings.push(finding('shellcheck', m[1], Number(m[2]), Number(m[3]), m[6] ?? null, `(${m[4]}) ${m[5]}`));
  }
  if (r.status !== 0 && !findings.length) {
    const msg = (r.stderr || r.stdout || `exit code ${r.status}`).trim().split('\n')[0];
    findings.push(finding('shellcheck', files.join(' '), 0, 0, null, `shellcheck failed: ${msg}`));
  }
  return findings;
}

function runPyCompile(cmd, root, files) {
  const findings = [];
  if (!files.length) return { findings, failed: new Set() };
  const r = spawnSync(cmd, ['-c', PY_COMPILE_SCRIPT, ...files], {
    cwd: root, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  const failed = new Set();
  const re = /^(.+?):(\d+):(\d+): (\w+): (.*)$/;
  for (const line of (r.stdout ?? '').split('\n')) {
    const m = re.exec(line);
    if (m) {
      failed.add(m[1]);
      findings.push(finding('py_compile', m[1], Number(m[2]), Number(m[3]), m[4], m[5]));
    }
  }
  if (r.status !== 0 && !findings.length) {
    const msg = (r.stderr || r.stdout || `exit code ${r.status}`).trim().split('\n').pop();
    findings.push(finding('py_compile', files.join(' '), 0, 0, null, `python3 failed: ${msg}`));
  }
  return { findings, failed };
}

const PYFLAKES_LINE = /^(.+?):(\d+):(?:(\d+):?)? (.*)$/;

/** One pyflakes3 run: its findings, and the exception line if it crashed. */
function pyflakesOnce(cmd, root, files) {
  const r = spawnSync(cmd, files, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const findings = [];
  const fileSet = new Set(files);
  for (const line of `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n')) {
    const m = PYFLAKES_LINE.exec(line);
    if (m && fileSet.has(m[1])) findings.push(finding('pyflakes', m[1], Number(m[2]), Number(m[3] ?? 0), null, m[4]));
  }
  // pyflakes exits 1 for findings too, so a crash shows as a traceback, a
  // signal, another exit code, or a failure that reported nothing.
  const stderr = r.stderr ?? '';
  const crashed = /^Traceback \(most recent call last\):/m.test(stderr) || r.signal != null
    || (r.status !== 0 && r.status !== 1) || (r.status !== 0 && !findings.length);
  const lastLine = (stderr || r.stdout || '').trim().split('\n').pop()
    || (r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`);
  return { findings, crash: crashed ? lastLine : null };
}

/** The finding for a file pyflakes3 crashed on; points at a bad UTF-8 byte if there is one. */
function crashFinding(root, file, crash) {
  let bad = null;
  try {
    bad = invalidUtf8Position(fs.readFileSync(path.join(root, file)));
  } catch { /* unreadable: the crash line says why */ }
  const where = bad ? `; byte 0x${bad.byte.toString(16)} here is not valid UTF-8 (save the file as UTF-8)` : '';
  return finding('pyflakes', file, bad?.line ?? 0, bad?.col ?? 0, null, `pyflakes3 crashed on this file: ${crash}${where}`);
}

function runPyflakes(cmd, root, files) {
  if (!files.length) return [];
  const batch = pyflakesOnce(cmd, root, files);
  if (!batch.crash) return batch.findings;
  // The traceback does not name the file, and pyflakes stops there, so the
  // files after it went unchecked: run each file on its own instead.
  return files.flatMap((f) => {
    const one = pyflakesOnce(cmd, root, [f]);
    return one.crash ? [crashFinding(root, f, one.crash)] : one.findings;
  });
}

/**
 * Lint every shell and Python file under rootDir/examples (or opts.examplesDir).
 * File paths in findings are relative to rootDir.
 */
export function lintExamples(rootDir = REPO_ROOT, opts = {}) {
  const env = opts.env ?? process.env;
  const root = path.resolve(rootDir);
  const examplesDir = path.resolve(root, opts.examplesDir ?? 'examples');
  const tools = {
    shellcheck: toolCommand(env, 'SHELLCHECK', 'shellcheck'),
    pyflakes3: toolCommand(env, 'PYFLAKES', 'pyflakes3'),
    python3: toolCommand(env, 'PYTHON', 'python3'),
  };
  const probe = { shellcheck: ['--version'], pyflakes3: ['--version'], python3: ['--version'] };
  const missing = Object.keys(tools).filter((t) => !toolAvailable(tools[t], probe[t]));

  const files = { shell: [], python: [] };
  collectFiles(examplesDir, files);
  const shellFiles = files.shell.map((f) => relPath(root, f));
  const pythonFiles = files.python.map((f) => relPath(root, f));

  const findings = [];
  if (!missing.includes('shellcheck')) findings.push(...runShellcheck(tools.shellcheck, root, shellFiles));
  let compileFailed = new Set();
  if (!missing.includes('python3')) {
    const r = runPyCompile(tools.python3, root, pythonFiles);
    findings.push(...r.findings);
    compileFailed = r.failed;
  }
  if (!missing.includes('pyflakes3')) {
    // A file with a syntax error is already reported by py_compile.
    findings.push(...runPyflakes(tools.pyflakes3, root, pythonFiles.filter((f) => !compileFailed.has(f))));
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));

  const ci = String(env.CI ?? '').toLowerCase() === 'true';
  const allowSkip = env.ALLOW_SKIP === '1';
  let exitCode = findings.length ? 1 : 0;
  if (missing.length && (ci || !allowSkip)) exitCode = 1;

  return {
    examplesDir: relPath(root, examplesDir), shellFiles, pythonFiles, findings, missing, tools, ci,
    allowSkip, exitCode,
  };
}

export function summaryLine(result) {
  const skipped = result.missing.length ? `; SKIPPED: ${result.missing.join(', ')}` : '';
  return `lint-examples: ${result.shellFiles.length} shell scripts, ${result.pythonFiles.length} python files checked, ${result.findings.length} findings${skipped}`;
}

/** The loud lines printed for missing tools. */
export function missingToolLines(result) {
  return result.missing.map((t) => (result.ci
    ? `ERROR: ${t} not installed (${INSTALL_HINT[t]}); CI=true, so missing linters fail the run`
    : `SKIPPED: ${t} not installed (${INSTALL_HINT[t]})${result.allowSkip ? ' [ALLOW_SKIP=1]' : '; set ALLOW_SKIP=1 to accept the skip'}`));
}

function parseArgs(argv) {
  const out = { root: REPO_ROOT, examplesDir: undefined, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root') out.root = argv[++i];
    else if (a === '--examples') out.examplesDir = argv[++i];
    else if (a === '--json') out.json = true;
    else if (a === '-h' || a === '--help') out.help = true;
    else if (!a.startsWith('-')) out.root = a;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

export function main(argv = process.argv.slice(2), env = process.env) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error(`lint-examples: ${e.message}`);
    return 2;
  }
  if (args.help) {
    console.log('usage: node tests/lint/lint-examples.mjs [--root DIR] [--examples DIR] [--json]');
    return 0;
  }
  const result = lintExamples(args.root, { examplesDir: args.examplesDir, env });
  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
    return result.exitCode;
  }
  for (const line of missingToolLines(result)) console.error(`\n*** ${line} ***\n`);
  for (const f of result.findings) console.log(f.text);
  console.log(summaryLine(result));
  return result.exitCode;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
