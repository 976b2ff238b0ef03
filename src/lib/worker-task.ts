/**
 * Run one task of the build in a worker thread and get its result: for
 * build work that would otherwise hold the main thread (llms-full.txt,
 * the social cards), started as soon as its input is known so that it
 * overlaps with bundling on the machine's other core.
 *
 * The worker script gets `workerData` and must post exactly one message,
 * {result} or {error} (a stack that names what failed): it does so by
 * handing its work to reply() of src/lib/worker-reply.cjs.
 */
import {Worker} from 'node:worker_threads';

export function runWorkerTask<T>(script: string, workerData: unknown, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {workerData});
    let settled = false;
    worker.once('message', (m: {result?: T; error?: string}) => {
      settled = true;
      if (m.error === undefined) resolve(m.result as T);
      else reject(new Error(`${what} failed:\n${m.error}`));
    });
    worker.once('error', (e) => {
      settled = true;
      reject(new Error(`${what} failed in its worker thread: ${e.stack ?? e.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`${what}: the worker thread exited (code ${code}) without a result`));
    });
  });
}

/**
 * Start a task now and keep its promise for later: a failure is reported
 * when the promise is awaited, not as an unhandled rejection before.
 */
export function startWorkerTask<T>(script: string, workerData: unknown, what: string): Promise<T> {
  const task = runWorkerTask<T>(script, workerData, what);
  task.catch(() => {});
  return task;
}
