export declare const SITE_DIR: string;
/** The examples tree a doc file reads from: examples/ or versioned_examples/version-X/. */
export declare function examplesRootFor(docPath: string, siteDir?: string): string;
