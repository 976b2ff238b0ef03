// Which folders are charm layers, and which layers they may include.
//
// Kept apart from validate-examples.mjs so the list of known layers sits in
// one short file that is easy to find when an example starts using a new one.

import fs from 'node:fs';
import path from 'node:path';

/**
 * Every layer the tutorial's examples build on, as written in `includes:`.
 * The examples fetch these from the layer index
 * (https://juju.github.io/layer-index/), so a misspelt name only shows up
 * when `charm build` fails to find it; listing them here catches
 * `layer:dockr` before then. interface:http is the public
 * juju-solutions/interface-http: the interface 07-relations speaks to
 * haproxy. An interface layer an example develops itself lives in its own
 * interfaces/ folder and is found there instead (see localInterfaces).
 * Add a name here only when an example really starts to include it.
 */
export const KNOWN_INCLUDES = Object.freeze(['layer:basic', 'layer:docker', 'interface:http']);

function statOf(p) {
  try {
    return fs.statSync(p);
  } catch {
    return null; // missing, a broken symlink, or a path through a file
  }
}
const isDir = (p) => statOf(p)?.isDirectory() ?? false;
const isFile = (p) => statOf(p)?.isFile() ?? false;

/**
 * interface:NAME entries for the interface layers in layerDir/interfaces/.
 * charm build (with CHARM_INTERFACES_DIR pointing there, as 09-reactive's
 * charmcraft.yaml sets it) finds interface:NAME in a directory called NAME or
 * interface-NAME; only a directory with an interface.yaml is an interface layer.
 */
export function localInterfaces(layerDir) {
  const dir = path.join(layerDir, 'interfaces');
  if (!isDir(dir)) return [];
  return fs.readdirSync(dir)
    .filter((n) => isFile(path.join(dir, n, 'interface.yaml')))
    .map((n) => `interface:${n.replace(/^interface-/, '')}`)
    .sort();
}

/** The includes a layer in layerDir may name: the known ones plus its own interfaces. */
export function knownIncludesFor(layerDir) {
  return [...new Set([...KNOWN_INCLUDES, ...localInterfaces(layerDir)])];
}

/**
 * Why dir is a charm layer (a list of reasons), or [] if it is not one.
 * A charm layer has layer.yaml (composer.yaml before charm-tools 1.8),
 * handlers in reactive/, or classic hooks/. Interface layers (interface.yaml)
 * and plain folders such as site/ or nginx/ are not charm layers, and need no
 * metadata.yaml. Every charm layer in examples/ is a top layer that readers
 * build on its own, so each needs its own metadata.yaml.
 */
export function charmLayerSigns(dir) {
  if (isFile(path.join(dir, 'interface.yaml'))) return [];
  const signs = [];
  for (const f of ['layer.yaml', 'composer.yaml']) if (isFile(path.join(dir, f))) signs.push(f);
  for (const d of ['reactive', 'hooks']) if (isDir(path.join(dir, d))) signs.push(`${d}/`);
  return signs;
}
