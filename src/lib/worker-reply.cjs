/**
 * The worker side of src/lib/worker-task.ts: run `work` (sync or async) on
 * this thread's workerData and post its one message, {result} or {error}
 * (the stack, so the build error says where the task failed).
 */
'use strict';
const {parentPort, workerData} = require('node:worker_threads');

function reply(work) {
  Promise.resolve()
    .then(() => work(workerData))
    .then(
      (result) => parentPort.postMessage({result}),
      (e) => parentPort.postMessage({error: e instanceof Error ? (e.stack ?? e.message) : String(e)}),
    );
}

module.exports = {reply};
