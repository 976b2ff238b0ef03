/**
 * Worker thread of the social-cards plugin (src/plugins/social-cards.ts):
 * rasterises the cards' SVGs to PNGs with resvg and the DejaVu fonts given
 * (about 20 ms of CPU a card), off the build's main thread.
 *
 * Input (workerData): {cards: [{image, svg}], fontFiles}. Result:
 * [{image, png}] (src/lib/worker-reply.cjs).
 */
const {Resvg} = require('@resvg/resvg-js');
const {reply} = require('../lib/worker-reply.cjs');

reply(({cards, fontFiles}) =>
  cards.map(({image, svg}) => {
    const resvg = new Resvg(svg, {
      fitTo: {mode: 'original'},
      font: {loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans'},
    });
    return {image, png: resvg.render().asPng()};
  }),
);
