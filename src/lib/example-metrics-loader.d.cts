declare function exampleMetricsLoader(
  this: {
    resourcePath: string;
    addDependency(file: string): void;
    addContextDependency(dir: string): void;
  },
  source: string,
): string;
declare namespace exampleMetricsLoader {
  function metricDependencies(source: string, docPath: string): {files: string[]; folders: string[]};
}
export = exampleMetricsLoader;
