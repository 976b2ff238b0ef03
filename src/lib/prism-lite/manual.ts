/**
 * Must be imported before prismjs/components/prism-core. In a browser, Prism's
 * core highlights every `code.language-*` element on the page by itself once
 * it loads, unless `Prism.manual` is already set; here React renders those
 * elements, so Prism must leave the DOM alone.
 */
const scope = globalThis as {Prism?: {manual?: boolean; disableWorkerMessageHandler?: boolean}};
scope.Prism = {...scope.Prism, manual: true, disableWorkerMessageHandler: true};

export {};
