/**
 * Worker thread of the llms-txt plugin (src/plugins/llms-txt.ts): writes
 * the text of every edition's llms-full.txt. It parses every doc again
 * with the site's remark plugins, about 1.5 s of CPU, which here runs on
 * the second core while the build bundles and renders pages.
 *
 * Input (workerData): {editions, site}, plain data. Output: one message
 * (src/lib/worker-task.ts), {result}: one string per edition, in order, or
 * {error}: the stack, naming the doc as the plugin's own errors do. TypeScript modules are loaded
 * with jiti, the loader Docusaurus itself uses for the site's config.
 */
const {parentPort, workerData} = require('node:worker_threads');
const jiti = require('jiti')(__filename, {interopDefault: true});

(async () => {
  try {
    const {llmsFullTxt} = jiti('./llms-txt.ts');
    const texts = [];
    for (const edition of workerData.editions) texts.push(await llmsFullTxt(edition, workerData.site));
    parentPort.postMessage({result: texts});
  } catch (e) {
    parentPort.postMessage({error: e instanceof Error ? (e.stack ?? e.message) : String(e)});
  }
})();
