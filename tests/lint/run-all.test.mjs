// Tests for the suite runner's stage logic (tests/run-all.mjs): a failed
// production build must not let the stages that read build/ run on what an
// earlier build left, and build/ starts empty. Stages are faked here; the
// real ones take a quarter of an hour.
// Run: node --test tests/lint/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD, blockedBy, runStages, stages } from '../run-all.mjs';

const stage = (name, extra = {}) => ({ name, cmd: ['true'], ...extra });

/** Run fake stages; `results` maps a stage name to true/false (default true). */
function fakeRun(t, list, results = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-run-all-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const ran = [];
  const lines = [];
  const exec = (s) => {
    ran.push(s.name);
    const ok = results[s.name] ?? true;
    return { ok, output: ok ? '' : 'boom\n' };
  };
  const summary = runStages(list, { root, exec, log: (l) => lines.push(l) });
  return { root, ran, log: lines.join('\n'), ...summary };
}

test('the stages that read build/ need the production build; the others do not', () => {
  const needing = stages.filter((s) => s.needs?.includes(BUILD)).map((s) => s.name);
  assert.deepEqual(needing, ['built site tests', 'browser tests', 'url contract + link previews']);
  const buildAt = stages.findIndex((s) => s.name === BUILD);
  assert.ok(buildAt >= 0);
  assert.equal(stages[buildAt].emptyFirst, 'build');
  for (const name of needing) assert.ok(stages.findIndex((s) => s.name === name) > buildAt, `${name} runs after the build`);
});

test('blockedBy: only a needed stage that failed in this run blocks', () => {
  const s = stage('built site tests', { needs: [BUILD] });
  assert.deepEqual(blockedBy(s, new Map([[BUILD, false]])), [BUILD]);
  assert.deepEqual(blockedBy(s, new Map([[BUILD, true]])), []);
  assert.deepEqual(blockedBy(s, new Map()), [], 'a build left out by a filter does not block');
  assert.deepEqual(blockedBy(stage('typecheck'), new Map([[BUILD, false]])), []);
});

test('a failed build: stages that need it are not run and count as failures; the rest still run', (t) => {
  const list = [
    stage('typecheck'),
    stage(BUILD, { emptyFirst: 'build' }),
    stage('screenshot freshness'),
    stage('built site tests', { needs: [BUILD] }),
    stage('browser tests', { needs: [BUILD] }),
    stage('release'),
  ];
  const r = fakeRun(t, list, { [BUILD]: false });
  assert.deepEqual(r.ran, ['typecheck', BUILD, 'screenshot freshness', 'release']);
  // typecheck, screenshots and release pass; the build and the two blocked stages fail.
  assert.deepEqual([r.passed, r.failed], [3, 3]);
  assert.deepEqual(r.failedStages, [BUILD, 'built site tests (not run)', 'browser tests (not run)']);
  assert.match(r.log, /^=== built site tests: NOT RUN, counted as 1 failure: it needs production build, which did not pass in this run/m);
  assert.match(r.log, /^=== browser tests: NOT RUN, counted as 1 failure/m);
});

test('a stage that needs a blocked stage is blocked too', (t) => {
  const list = [
    stage(BUILD),
    stage('built site tests', { needs: [BUILD] }),
    stage('later', { needs: ['built site tests'] }),
  ];
  const r = fakeRun(t, list, { [BUILD]: false });
  assert.deepEqual(r.ran, [BUILD]);
  assert.deepEqual(r.failedStages, [BUILD, 'built site tests (not run)', 'later (not run)']);
});

test('a passing build lets the stages that need it run', (t) => {
  const r = fakeRun(t, [stage(BUILD), stage('built site tests', { needs: [BUILD] })]);
  assert.deepEqual(r.ran, [BUILD, 'built site tests']);
  assert.deepEqual([r.passed, r.failed, r.failedStages], [2, 0, []]);
});

test('build/ is emptied before the build stage runs', (t) => {
  const list = [stage(BUILD, { emptyFirst: 'build' })];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-run-all-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'build/docs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'build/docs/old-page.html'), 'left from an earlier build');
  let seen;
  const exec = () => {
    seen = fs.existsSync(path.join(root, 'build'));
    return { ok: true, output: '' };
  };
  runStages(list, { root, exec, log: () => {} });
  assert.equal(seen, false, 'build/ still existed when the build started');
});

test('with the build filtered out, the stages that need it run on what is on disk, with a note', (t) => {
  const r = fakeRun(t, [stage('browser tests', { needs: [BUILD] })]);
  assert.deepEqual(r.ran, ['browser tests']);
  assert.match(r.log, /^=== note: "production build" is not part of this run; the stages that need it test what is on disk now$/m);
});
