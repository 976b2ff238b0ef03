/**
 * Where a chapter's example folder is offered as a zip, for one docs
 * version, and how the link describes it. Used at build time by the plugin
 * that writes the files (src/plugins/example-downloads.ts) and by the
 * remark step that gives <ExampleFolder> its link and label
 * (src/remark/example-folder.ts), so the browser bundle carries neither.
 *
 *   Next (docs/, examples/)                      /downloads/next/<folder>.zip
 *   release X (versioned_examples/version-X/)    /downloads/X/<folder>.zip
 *
 * The segment is the version's *name*, not its docs URL segment: the newest
 * release is served at /docs/... without a segment, and that changes at
 * every release, while a download URL should keep pointing at the same
 * files for as long as the version exists.
 */

/** Docs version name ('current' for Next, or '1.0') → URL segment. */
export function downloadVersionSegment(version: string): string {
  return version === 'current' ? 'next' : version;
}

/** Site-relative URL of a folder's zip (pass it through useBaseUrl). */
export function downloadPath(version: string, folder: string): string {
  return `/downloads/${downloadVersionSegment(version)}/${folder}.zip`;
}

/** "12 files, 14.3 KB" (KB = 1024 bytes, as file managers count). */
export function describeZip(files: number, bytes: number): string {
  const kb = bytes / 1024;
  const size = bytes < 1024 ? `${bytes} bytes` : `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  return `${files} ${files === 1 ? 'file' : 'files'}, ${size}`;
}
