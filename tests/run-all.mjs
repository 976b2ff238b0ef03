#!/usr/bin/env node
/**
 * The whole test suite, in the order a failure is cheapest to find:
 * static checks, the example harness, site unit tests, the production build,
 * then checks on the built pages. Each stage's own runner prints its detail;
 * this script adds up what they report and ends with one summary line.
 *
 *   npm test                 every stage
 *   npm test -- harness      only stages whose name contains "harness"
 *
 * The production build starts from an empty build/, and the stages that
 * read build/ (marked `needs: [BUILD]`) are not run when it fails: they
 * would pass or fail on an older build. They count as failures instead.
 * When the build is not part of the run (a filter left it out), they test
 * whatever build/ is on disk, and say so.
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

export const BUILD = 'production build';

export const stages = [
  {name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit']},
  {name: 'examples: schemas', cmd: ['node', 'tests/lint/validate-examples.mjs']},
  {name: 'examples: shellcheck + pyflakes', cmd: ['node', 'tests/lint/lint-examples.mjs']},
  {name: 'lint tool tests', cmd: nodeTest(['tests/lint/*.test.mjs'])},
  // Both run each test module in its own process, two at a time (2 cores).
  {name: 'harness self-tests', cmd: [python, 'tests/run_unittests_parallel.py', 'tests/harness']},
  {name: 'example harness tests', cmd: [python, 'tests/run_unittests_parallel.py', 'tests/examples', '--top', 'tests']},
  {name: 'site unit tests', cmd: nodeTest(['tests/site/*.test.ts'])},
  {name: 'versioning unit tests', cmd: nodeTest(['tests/versioning/unit.test.ts'])},
  // docusaurus build writes over build/ without emptying it, so a file the
  // site no longer makes would survive and keep its tests passing.
  {name: BUILD, cmd: ['npx', 'docusaurus', 'build'], emptyFirst: 'build'},
  // Re-captures the Part 6 screenshots and compares pixels with static/img/ch06/;
  // fails rather than skips without Chromium under CI=true. Renders the
  // example sites itself, so it does not need build/.
  {name: 'screenshot freshness', cmd: nodeTest(['tests/screenshots/*.test.ts'])},
  {name: 'built site tests', cmd: nodeTest(['tests/build/*.test.ts']), needs: [BUILD]},
  // Serve build/ (tests/browser/server.ts).
  {name: 'browser tests', cmd: nodeTest(['tests/browser/*.test.ts']), needs: [BUILD]},
  {name: 'url contract + link previews', cmd: nodeTest(['tests/versioning/built-site.test.ts']), needs: [BUILD]},
  // Cuts a release on a temporary copy (3 small builds + a dev server, ~100 s) and
  // drives Chromium; fails rather than skips without Chromium under CI=true.
  // Builds its own copy, so it does not need build/.
  {name: 'versioning: temp release + browser search', cmd: nodeTest(['tests/versioning/release.test.ts'])},
];

/** Pull pass/fail counts out of a runner's output (node:test or unittest). */
export function countsFrom(output, ok) {
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

/**
 * The stages in stage.needs that ran earlier in this run and failed (or were
 * themselves not run); the stage must not run if there are any. `outcomes`
 * maps the name of each stage already handled to true (passed) or false.
 * A needed stage that is not part of this run does not block.
 */
export function blockedBy(stage, outcomes) {
  return (stage.needs ?? []).filter((name) => outcomes.get(name) === false);
}

/** Run one stage as a child process, echoing its output. */
function spawnStage(stage, root) {
  const res = spawnSync(stage.cmd[0], stage.cmd.slice(1), {
    cwd: root,
    encoding: 'utf8',
    shell: false,
    maxBuffer: 64 * 1024 * 1024,
    env: process.env,
  });
  const output = (res.stdout ?? '') + (res.stderr ?? '');
  process.stdout.write(output);
  return {ok: res.status === 0, output};
}

/**
 * Run the stages in order and add up their counts. `exec(stage, root)`
 * returns {ok, output}; tests pass a fake. Returns {passed, failed, failedStages}.
 */
export function runStages(list, {root, exec = spawnStage, log = console.log}) {
  let passed = 0;
  let failed = 0;
  const failedStages = [];
  const outcomes = new Map();
  const listed = new Set(list.map((s) => s.name));
  const noted = new Set();
  for (const stage of list) {
    const blockers = blockedBy(stage, outcomes);
    if (blockers.length) {
      log(`\n=== ${stage.name}: NOT RUN, counted as 1 failure: it needs ${blockers.join(', ')}, which did not `
        + 'pass in this run, and would only test what an earlier run left behind');
      failed += 1;
      failedStages.push(`${stage.name} (not run)`);
      outcomes.set(stage.name, false);
      continue;
    }
    for (const name of stage.needs ?? []) {
      if (listed.has(name) || noted.has(name)) continue;
      noted.add(name);
      log(`\n=== note: "${name}" is not part of this run; the stages that need it test what is on disk now`);
    }
    log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
    const started = Date.now();
    let res;
    if (stage.emptyFirst) {
      try {
        fs.rmSync(path.join(root, stage.emptyFirst), {recursive: true, force: true});
        log(`=== removed ${stage.emptyFirst}/ first`);
      } catch (e) {
        res = {ok: false, output: `could not remove ${stage.emptyFirst}/: ${e.message}\n`};
        log(res.output.trimEnd());
      }
    }
    res ??= exec(stage, root);
    const c = countsFrom(res.output, res.ok);
    // A runner that exits non-zero without reporting a failure still failed.
    if (!res.ok && c.failed === 0) c.failed = 1;
    passed += c.passed;
    failed += c.failed;
    if (!res.ok) failedStages.push(stage.name);
    outcomes.set(stage.name, res.ok);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log(`=== ${stage.name}: ${res.ok ? 'ok' : 'FAILED'} (${c.passed} passed, ${c.failed} failed, ${secs}s)`);
  }
  return {passed, failed, failedStages};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  const selected = stages.filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)));
  const {passed, failed, failedStages} = runStages(selected, {root});
  if (failedStages.length) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && failedStages.length === 0 ? 0 : 1);
}
