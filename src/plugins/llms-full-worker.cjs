/**
 * Worker thread of the llms-txt plugin (src/plugins/llms-txt.ts): writes
 * the text of every edition's llms-full.txt. It parses every doc again
 * with the site's remark plugins, about 1.5 s of CPU, which here runs on
 * the second core while the build bundles and renders pages.
 *
 * Input (workerData): {editions, site}, plain data. Result: one string per
 * edition, in order (src/lib/worker-reply.cjs). TypeScript modules are
 * loaded with jiti, the loader Docusaurus itself uses for the site's config.
 */
const {reply} = require('../lib/worker-reply.cjs');
const jiti = require('jiti')(__filename, {interopDefault: true});

reply(async ({editions, site}) => {
  const {llmsFullTxt} = jiti('./llms-txt.ts');
  const texts = [];
  for (const edition of editions) texts.push(await llmsFullTxt(edition, site));
  return texts;
});
