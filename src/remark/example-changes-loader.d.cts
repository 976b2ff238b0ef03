declare function exampleChangesLoader(
  this: {
    resourcePath: string;
    addContextDependency(dir: string): void;
  },
  source: string,
): string;
declare namespace exampleChangesLoader {
  function exampleChangesTags(source: string, docPath: string): Array<{root: string; from: string; to: string}>;
}
export = exampleChangesLoader;
