/**
 * Worker thread of the social-cards plugin (src/plugins/social-cards.ts):
 * rasterises the cards' SVGs to PNGs with resvg and the DejaVu fonts given
 * (about 20 ms of CPU a card), off the build's main thread.
 *
 * Input (workerData): {cards: [{image, svg}], fontFiles}. Output: one
 * message (src/lib/worker-task.ts): {result: [{image, png}]} or {error}.
 */
const {parentPort, workerData} = require('node:worker_threads');
const {Resvg} = require('@resvg/resvg-js');

try {
  const result = workerData.cards.map(({image, svg}) => {
    const resvg = new Resvg(svg, {
      fitTo: {mode: 'original'},
      font: {loadSystemFonts: false, fontFiles: workerData.fontFiles, defaultFontFamily: 'DejaVu Sans'},
    });
    return {image, png: resvg.render().asPng()};
  });
  parentPort.postMessage({result});
} catch (e) {
  parentPort.postMessage({error: e instanceof Error ? (e.stack ?? e.message) : String(e)});
}
