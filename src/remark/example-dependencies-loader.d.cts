declare function exampleDependenciesLoader(
  this: {resourcePath: string; addDependency(file: string): void; addContextDependency(dir: string): void},
  source: string,
): string;
declare namespace exampleDependenciesLoader {
  function embeddedFiles(source: string, docPath: string): string[];
  function exampleFolderDirs(source: string, docPath: string): string[];
  function metricDependencies(source: string, docPath: string): {files: string[]; folders: string[]};
  function exampleChangesTags(source: string, docPath: string): Array<{root: string; from: string; to: string}>;
  function exampleDependencies(source: string, docPath: string): {files: string[]; folders: string[]};
}
export = exampleDependenciesLoader;
