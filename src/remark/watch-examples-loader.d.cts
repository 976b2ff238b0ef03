declare function watchExamplesLoader(
  this: {resourcePath: string; addDependency(file: string): void; addContextDependency(dir: string): void},
  source: string,
): string;
declare namespace watchExamplesLoader {
  function embeddedFiles(source: string, docPath: string): string[];
  function exampleFolderDirs(source: string, docPath: string): string[];
}
export = watchExamplesLoader;
