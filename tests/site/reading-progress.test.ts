/** Reading progress: what is stored, and where "continue" leads. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseProgress} from '../../src/components/ReadingProgress/store';
import {continueTarget, shortTitle} from '../../src/components/ReadingProgress/continue';

const ORDER = ['a', 'b', 'c', 'd'];

test('continue leads to the last visited chapter while it is not done', () => {
  assert.equal(continueTarget({done: ['a'], last: {id: 'c', version: '1.0'}}, ORDER), 'c');
});

test('continue skips to the first chapter after the last one that is not done', () => {
  assert.equal(continueTarget({done: ['b', 'c'], last: {id: 'b', version: '1.0'}}, ORDER), 'd');
  // Nothing left after it: back to the first one not done.
  assert.equal(continueTarget({done: ['b', 'c', 'd'], last: {id: 'd', version: 'current'}}, ORDER), 'a');
});

test('no continue without a visit, for an unknown chapter, or when all are done', () => {
  assert.equal(continueTarget({done: ['a']}, ORDER), null);
  assert.equal(continueTarget({done: [], last: {id: 'gone', version: '1.0'}}, ORDER), null);
  assert.equal(continueTarget({done: ORDER, last: {id: 'b', version: '1.0'}}, ORDER), null);
});

test('stored progress that is malformed or from elsewhere counts as none', () => {
  assert.deepEqual(parseProgress(null), {done: []});
  assert.deepEqual(parseProgress('not json'), {done: []});
  assert.deepEqual(parseProgress('[1,2]'), {done: []});
  assert.deepEqual(parseProgress('{"done":["a",3,null],"last":{"id":"a"}}'), {done: ['a']});
  assert.deepEqual(parseProgress('{"done":["a"],"last":{"id":"b","version":"1.0"}}'), {
    done: ['a'],
    last: {id: 'b', version: '1.0'},
  });
});

test('chapter titles read "Part N — title" in the continue link', () => {
  assert.equal(shortTitle('Part 3: Registering the workload with Juju'), 'Part 3 — Registering the workload with Juju');
  assert.equal(shortTitle('Before you begin'), 'Before you begin');
});
