#!/usr/bin/env node
/**
 * The whole test suite, in the order a failure is cheapest to find:
 * static checks, the example harness, site unit tests, the production build,
 * then checks on the built pages. Each stage's own runner prints its detail;
 * this script adds up what they report and ends with one summary line.
 *
 *   npm test                 every stage
 *   npm test -- harness      only stages whose name contains "harness"
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Debian's interpreter: the harness relies on its python3-yaml package.
const python = process.env.PYTHON ?? (fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
/**
 * Node 20's test runner does not expand globs itself, and stages run without
 * a shell, so `dir/*.ext` patterns are expanded here.
 */
function expand(pattern) {
  const m = /^(.*)\/\*(\.[\w.]+)$/.exec(pattern);
  if (!m) return [pattern];
  const dir = path.join(root, m[1]);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(m[2])).sort() : [];
  // No match: pass the pattern on so the stage fails with node's message.
  if (files.length === 0) return [pattern];
  return files.map((f) => `${m[1]}/${f}`);
}
const nodeTest = (globs) => ['node', '--import', 'tsx', '--test', '--test-reporter=spec', ...globs.flatMap(expand)];

const stages = [
  {name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit']},
  {name: 'examples: schemas', cmd: ['node', 'tests/lint/validate-examples.mjs']},
  {name: 'examples: shellcheck + pyflakes', cmd: ['node', 'tests/lint/lint-examples.mjs']},
  {name: 'lint tool tests', cmd: nodeTest(['tests/lint/*.test.mjs'])},
  // Both run each test module in its own process, two at a time (2 cores).
  {name: 'harness self-tests', cmd: [python, 'tests/run_unittests_parallel.py', 'tests/harness']},
  {name: 'example harness tests', cmd: [python, 'tests/run_unittests_parallel.py', 'tests/examples', '--top', 'tests']},
  {name: 'site unit tests', cmd: nodeTest(['tests/site/*.test.ts'])},
  {name: 'versioning unit tests', cmd: nodeTest(['tests/versioning/unit.test.ts'])},
  {name: 'production build', cmd: ['npx', 'docusaurus', 'build']},
  // Re-captures the Part 6 screenshots and compares pixels with static/img/ch06/;
  // fails rather than skips without Chromium under CI=true.
  {name: 'screenshot freshness', cmd: nodeTest(['tests/screenshots/*.test.ts'])},
  {name: 'built site tests', cmd: nodeTest(['tests/build/*.test.ts'])},
  {name: 'browser tests', cmd: nodeTest(['tests/browser/*.test.ts'])},
  {name: 'url contract + link previews', cmd: nodeTest(['tests/versioning/built-site.test.ts'])},
  // Cuts a release on a temporary copy (3 small builds + a dev server, ~100 s) and
  // drives Chromium; fails rather than skips without Chromium under CI=true.
  {name: 'versioning: temp release + browser search', cmd: nodeTest(['tests/versioning/release.test.ts'])},
];

/** Pull pass/fail counts out of a runner's output (node:test or unittest). */
function countsFrom(output, ok) {
  const nodePass = /^ℹ pass (\d+)$/m.exec(output) ?? /^# pass (\d+)$/m.exec(output);
  const nodeFail = /^ℹ fail (\d+)$/m.exec(output) ?? /^# fail (\d+)$/m.exec(output);
  if (nodePass && nodeFail) return {passed: +nodePass[1], failed: +nodeFail[1]};
  // The last unittest summary is the run's own; earlier ones may be
  // failing batches that tests/run_unittests_parallel.py echoes.
  const last = (re) => [...output.matchAll(re)].pop();
  const ran = last(/^Ran (\d+) tests? in/gm);
  if (ran) {
    const tail = output.slice(ran.index);
    const bad = /^FAILED \((.*)\)$/m.exec(tail);
    const failed = bad ? [...bad[1].matchAll(/(?:failures|errors)=(\d+)/g)].reduce((n, m) => n + +m[1], 0) : 0;
    return {passed: +ran[1] - failed, failed};
  }
  // A stage without a test runner counts as one check.
  return ok ? {passed: 1, failed: 0} : {passed: 0, failed: 1};
}

const only = process.argv.slice(2);
const selected = stages.filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)));
let passed = 0;
let failed = 0;
const failedStages = [];
for (const stage of selected) {
  console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(stage.cmd[0], stage.cmd.slice(1), {
    cwd: root,
    encoding: 'utf8',
    shell: false,
    maxBuffer: 64 * 1024 * 1024,
    env: process.env,
  });
  const output = (res.stdout ?? '') + (res.stderr ?? '');
  process.stdout.write(output);
  const ok = res.status === 0;
  const c = countsFrom(output, ok);
  // A runner that exits non-zero without reporting a failure still failed.
  if (!ok && c.failed === 0) c.failed = 1;
  passed += c.passed;
  failed += c.failed;
  if (!ok) failedStages.push(stage.name);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${stage.name}: ${ok ? 'ok' : 'FAILED'} (${c.passed} passed, ${c.failed} failed, ${secs}s)`);
}
if (failedStages.length) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failedStages.length === 0 ? 0 : 1);
