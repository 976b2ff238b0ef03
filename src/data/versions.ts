/**
 * Docs versions. `docs/` is always "Next", the unreleased version. Each
 * released version is a snapshot cut by `npm run release -- <version>`
 * (src/scripts/release.ts): versioned_docs/version-X/, versioned_sidebars/
 * and versioned_examples/version-X/, listed newest first in versions.json.
 *
 * Without versions.json (before the first release) the site has one
 * version, "Next", at /docs/, with no dropdown and no banner.
 * With releases, the newest is the default at /docs/, Next moves to
 * /docs/next/ with an "unreleased" banner, and older releases live at
 * /docs/<version>/ with an "unmaintained" banner.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Label shown in the version dropdown and on social cards. */
export const VERSION_LABELS: Record<string, string> = {
  '1.0': '1.0 (Juju 3.6 LTS)',
};

export const NEXT_LABEL = 'Next';

const SITE_DIR = path.resolve(__dirname, '..', '..');

/** Released versions, newest first (empty before the first release). */
export function releasedVersions(siteDir = SITE_DIR): string[] {
  const file = path.join(siteDir, 'versions.json');
  if (!fs.existsSync(file)) return [];
  const list: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
    throw new Error(`${file} must be a JSON array of version names`);
  }
  return list;
}

export function versionLabel(version: string): string {
  return version === 'current' ? NEXT_LABEL : (VERSION_LABELS[version] ?? version);
}

/** The versioning part of the docs plugin options. */
export function docsVersionOptions(released = releasedVersions()) {
  if (released.length === 0) {
    return {versions: {current: {label: NEXT_LABEL}}};
  }
  return {
    lastVersion: released[0],
    versions: {
      current: {label: NEXT_LABEL, path: 'next', banner: 'unreleased' as const},
      ...Object.fromEntries(
        released.map((v, i) => [
          v,
          {label: versionLabel(v), banner: i === 0 ? ('none' as const) : ('unmaintained' as const)},
        ]),
      ),
    },
  };
}

/** Every version's label, for the social cards. */
export function allVersionLabels(released = releasedVersions()): Record<string, string> {
  return Object.fromEntries([['current', NEXT_LABEL], ...released.map((v) => [v, versionLabel(v)])]);
}
