/**
 * The tslib helpers the browser bundle uses, and no others (the `tslib$`
 * alias of src/plugins/tslib-client.ts points client code here).
 *
 * Why: @docusaurus/utils-common is CommonJS compiled with importHelpers, so
 * it does `require("tslib")` for a single helper (__importDefault). A
 * require() takes the whole module, and tslib's ES build ends with a
 * default export object that references every helper, so all of tslib
 * (11 KiB, about 4 KiB gzip) landed in main.js on every page.
 *
 * Known limit: a client dependency that starts using another helper would
 * call undefined. tests/build/tslib-client.test.ts fails the suite if the
 * built client code names a tslib helper that is not exported here.
 */
export {__importDefault} from 'tslib/tslib.es6.mjs';
