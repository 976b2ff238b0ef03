#!/usr/bin/env node
// Static checks for the example charm layers under examples/.
//
// Parses every YAML file (YAML 1.1, as PyYAML, ruamel and Go yaml.v2 read
// them; bytes PyYAML's reader refuses, such as invalid UTF-8 or NUL, are
// errors), validates the known charm files against tests/schemas/*.schema.json,
// then applies cross-key and cross-file rules that a JSON schema cannot
// express. Every message names the file (relative to the repo root) and, where
// there is one, the key path.
//
// CLI:  node tests/lint/validate-examples.mjs [--root DIR] [--examples DIR] [--json]
// API:  validateExamples(rootDir, {examplesDir}) -> {files, errors, warnings}

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, isPair } from 'yaml';
import Ajv2020Module from 'ajv/dist/2020.js';
import AjvModule from 'ajv';
import { decodeYamlLikePyYAML } from './text-encoding.mjs';
import { charmLayerSigns, knownIncludesFor } from './layer-rules.mjs';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const AjvDraft7 = AjvModule.default ?? AjvModule;

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const SCHEMA_DIR = path.resolve(HERE, '..', 'schemas');

/** File name -> schema kind. composer.yaml is the pre-1.8 (2015) name of layer.yaml. */
export const KNOWN_FILES = {
  'layer.yaml': 'layer',
  'composer.yaml': 'layer',
  'metadata.yaml': 'metadata',
  'config.yaml': 'config',
  'actions.yaml': 'actions',
  'interface.yaml': 'interface',
  'charmcraft.yaml': 'charmcraft',
};
const SCHEMA_KINDS = ['layer', 'metadata', 'config', 'actions', 'interface', 'charmcraft'];

/** Directories never descended into (build output, caches, VCS). */
export const SKIP_DIRS = new Set([
  'node_modules', '__pycache__', '.git', '.tox', '.venv', 'venv', 'builds', 'deps',
  'wheelhouse', '.pytest_cache', '.mypy_cache',
]);

// Option names that the published base layers declare with `defines`
// (juju-solutions/layer-basic and layer-docker layer.yaml), with their JSON types,
// plus the layers each one pulls in. Used for typo warnings only.
const KNOWN_LAYER_OPTIONS = {
  basic: {
    packages: 'array', python_packages: 'array', use_venv: 'boolean',
    include_system_packages: 'boolean',
  },
  docker: { 'skip-install': 'boolean' },
};
const KNOWN_LAYER_INCLUDES = {
  basic: ['options'],
  docker: ['basic', 'options', 'debug', 'nagios'],
};

// charmcraft const.py: bases that may use the reactive plugin, and the experimental ones.
const REACTIVE_PLUGIN_BASES = new Set([
  'ubuntu@18.04', 'ubuntu@20.04', 'ubuntu@22.04', 'almalinux@9',
  'ubuntu@24.04', 'ubuntu@24.10', 'ubuntu@25.04',
]);
const REACTIVE_PLUGIN_EXPERIMENTAL_BASES = new Set(['ubuntu@26.04', 'ubuntu@26.10']);
const LEGACY_BASES = new Set(['ubuntu@18.04', 'ubuntu@20.04', 'ubuntu@22.04', 'almalinux@9']);

const YAML11_BOOL_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

// ---------------------------------------------------------------------------
// Schemas

let cachedValidators = null;

function addAnnotationKeywords(ajv) {
  ajv.addKeyword({ keyword: 'x-hint', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-key', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-key-hints', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'x-required-hints', schemaType: 'object' });
}

/** Load and compile the schemas in tests/schemas (cached). */
export function loadValidators(schemaDir = SCHEMA_DIR) {
  if (cachedValidators && schemaDir === SCHEMA_DIR) return cachedValidators;
  const ajv = new Ajv2020({
    allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true,
  });
  addAnnotationKeywords(ajv);
  const validators = {};
  for (const kind of SCHEMA_KINDS) {
    const file = path.join(schemaDir, `${kind}.schema.json`);
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    validators[kind] = ajv.compile(schema);
  }
  if (schemaDir === SCHEMA_DIR) cachedValidators = validators;
  return validators;
}

// A lenient draft-07 instance for checking user-written JSON schemas
// (layer.yaml `defines`, actions.yaml `params`).
let userSchemaAjv = null;
function compileUserSchema(schema) {
  if (!userSchemaAjv) {
    userSchemaAjv = new AjvDraft7({ strict: false, allErrors: true, validateFormats: false });
  }
  return userSchemaAjv.compile(schema);
}

// ---------------------------------------------------------------------------
// Issues

function toPathString(segs, data) {
  let out = '';
  let cur = data;
  for (const seg of segs) {
    if (Array.isArray(cur) && /^\d+$/.test(String(seg))) {
      out += `[${seg}]`;
    } else {
      const s = String(seg);
      const plain = /^[A-Za-z0-9_@-][A-Za-z0-9_@.-]*$/.test(s) && !s.includes('.');
      out += (out ? '.' : '') + (plain ? s : JSON.stringify(s));
    }
    cur = cur != null && typeof cur === 'object' ? cur[seg] : undefined;
  }
  return out;
}

/** Format one issue as a single line of text. */
export function formatIssue(issue) {
  if (issue.path === null && issue.line != null && issue.syntax) {
    return `${issue.file}:${issue.line}:${issue.col}: ${issue.message}`;
  }
  if (!issue.path) return `${issue.file}: ${issue.message}`;
  return `${issue.file}: ${issue.path}: ${issue.message}`;
}

class Report {
  constructor() {
    this.files = [];
    this.errors = [];
    this.warnings = [];
    this.seen = new Set();
  }
  add(severity, file, pathStr, message, extra = {}) {
    const issue = { severity, file, path: pathStr ?? null, message, ...extra };
    issue.text = formatIssue(issue);
    const key = `${severity}\0${issue.text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    (severity === 'error' ? this.errors : this.warnings).push(issue);
  }
}

// ---------------------------------------------------------------------------
// YAML

// The yaml package's YAML 1.1 float test also matches "." and "-." (e.g.
// `source: .` would become NaN). PyYAML and Go yaml.v2 need a digit next to the dot.
const YAML11_FLOAT = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)$/;
function yaml11Tags(tags) {
  return tags.map((t) => (t.tag === 'tag:yaml.org,2002:float' && !t.format && t.test
    && t.test.test('.') ? { ...t, test: YAML11_FLOAT } : t));
}

function parseYamlFile(absFile, relFile, report) {
  // PyYAML refuses the whole file on a bad byte, so nothing else is checked.
  const decoded = decodeYamlLikePyYAML(fs.readFileSync(absFile));
  if (decoded.error) {
    const { line, col, message } = decoded.error;
    report.add('error', relFile, null, message, { line, col, syntax: true });
    return null;
  }
  const src = decoded.text;
  const lineCounter = new LineCounter();
  const docs = [];
  let failed = false;
  // parseAllDocuments would accept several documents; charm files are one document.
  const doc = parseDocument(src, {
    version: '1.1', lineCounter, prettyErrors: true, uniqueKeys: true, merge: true,
    customTags: yaml11Tags,
  });
  docs.push(doc);
  for (const err of doc.errors) {
    failed = true;
    const pos = err.linePos?.[0] ?? lineCounter.linePos(err.pos?.[0] ?? 0);
    const firstLine = String(err.message).split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    report.add('error', relFile, null, `YAML syntax error: ${firstLine}`, {
      line: pos.line, col: pos.col, syntax: true, code: err.code,
    });
  }
  if (failed) return null;
  for (const w of doc.warnings) {
    const pos = w.linePos?.[0] ?? lineCounter.linePos(w.pos?.[0] ?? 0);
    const firstLine = String(w.message).split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    report.add('warning', relFile, null, `YAML warning: ${firstLine}`, {
      line: pos.line, col: pos.col, syntax: true,
    });
  }
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    report.add('error', relFile, null, `YAML error: ${e.message}`);
    return null;
  }
  return { src, doc, lineCounter, data, rel: relFile };
}

/** Find the YAML node (or, with wantKey, the key node) at a path of keys/indices. */
function findNode(doc, segs, wantKey = false) {
  let node = doc.contents;
  let keyNode = null;
  for (const seg of segs) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyMatches(p.key, seg));
      if (!pair) return wantKey ? keyNode ?? node : node;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return node;
      keyNode = item;
      node = item;
    } else {
      return node;
    }
  }
  return wantKey ? keyNode ?? node : node;
}

function keyMatches(keyNode, seg) {
  if (keyNode == null) return false;
  const v = isScalar(keyNode) ? keyNode.value : keyNode;
  return String(v) === String(seg);
}

function linePosOf(parsed, node) {
  if (!node || !node.range) return {};
  const { line, col } = parsed.lineCounter.linePos(node.range[0]);
  return { line, col };
}

// ---------------------------------------------------------------------------
// Schema errors -> issues

function describeValue(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'a map';
  return String(v);
}

function translateSchemaErrors(ajvErrors, parsed, report) {
  const errors = ajvErrors ?? [];
  // Composite keywords that carry an x-hint replace their sub-errors.
  const hinted = errors.filter(
    (e) => ['anyOf', 'oneOf', 'not'].includes(e.keyword) && e.parentSchema?.['x-hint'],
  );
  const isSuppressed = (e) => hinted.some(
    (h) => h !== e && e.schemaPath.startsWith(`${h.schemaPath}/`),
  );
  // anyOf/oneOf without a hint: keep sub-errors, drop the summary line.
  for (const e of errors) {
    if (e.keyword === 'if') continue; // always accompanied by the real 'then'/'else' error
    if (isSuppressed(e)) continue;
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue; // reported by propertyNames
    if ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && !e.parentSchema?.['x-hint']) continue;

    const segs = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const ps = e.parentSchema ?? {};
    const hint = ps['x-hint'];
    let pathSegs = segs;
    let message;
    let nodeForLine = null;

    switch (e.keyword) {
      case 'additionalProperties': {
        const key = e.params.additionalProperty;
        pathSegs = [...segs, key];
        const keyHint = ps['x-key-hints']?.[key];
        const allowed = Object.keys(ps.properties ?? {});
        message = keyHint
          ? `unknown key: ${keyHint}`
          : `unknown key${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
        nodeForLine = findNode(parsed.doc, pathSegs, true);
        break;
      }
      case 'required': {
        const key = e.params.missingProperty;
        pathSegs = [...segs, key];
        const reqHint = ps['x-required-hints']?.[key];
        message = `is required${reqHint ? ` (${reqHint})` : ''}`;
        nodeForLine = findNode(parsed.doc, segs, true);
        break;
      }
      case 'propertyNames': {
        const name = e.params.propertyName;
        pathSegs = [...segs, name];
        const pn = ps.propertyNames ?? {};
        if (pn['x-hint']) message = `invalid name ${JSON.stringify(name)}: ${pn['x-hint']}`;
        else if (pn.enum) message = `invalid name ${JSON.stringify(name)}: must be one of ${pn.enum.join(', ')}`;
        else if (pn.pattern) message = `invalid name ${JSON.stringify(name)}: must match ${pn.pattern}`;
        else message = `invalid name ${JSON.stringify(name)}`;
        nodeForLine = findNode(parsed.doc, pathSegs, true);
        break;
      }
      case 'enum': {
        const allowed = e.params.allowedValues ?? [];
        message = allowed.length > 8 && hint
          ? `${describeValue(e.data)} is not a known value (${hint})`
          : `must be one of: ${allowed.join(', ')} (got ${describeValue(e.data)})`;
        break;
      }
      case 'const':
        message = `must be ${JSON.stringify(e.params.allowedValue)} (got ${describeValue(e.data)})`;
        break;
      case 'type': {
        message = `must be ${String(e.params.type).replace(/,/g, ' or ')}${hint ? ` (${hint})` : ''}`;
        const n = findNode(parsed.doc, segs);
        if (typeof e.data === 'boolean' && isScalar(n) && YAML11_BOOL_WORDS.test(String(n.source ?? ''))) {
          message += `; YAML 1.1 reads ${n.source} as a boolean, quote it`;
        }
        break;
      }
      case 'pattern':
        if (ps.minLength === 1 && e.params.pattern === '\\S') message = 'must not be empty';
        else message = hint
          ? `invalid value ${describeValue(e.data)}: ${hint}`
          : `invalid value ${describeValue(e.data)}: must match ${e.params.pattern}`;
        break;
      case 'minLength':
        message = e.params.limit === 1 ? 'must not be empty' : e.message;
        break;
      case 'uniqueItems':
        message = `must not contain duplicates (items ${e.params.j} and ${e.params.i} are equal)`;
        break;
      case 'anyOf':
      case 'oneOf':
      case 'not':
        if (ps['x-key']) {
          pathSegs = [...segs, ps['x-key']];
          nodeForLine = findNode(parsed.doc, pathSegs, true);
        }
        message = hint ?? e.message;
        break;
      default:
        message = hint ? `${e.message} (${hint})` : e.message;
    }
    const line = linePosOf(parsed, nodeForLine ?? findNode(parsed.doc, segs));
    report.add('error', parsed.rel, toPathString(pathSegs, parsed.data) || null, message, line);
  }
}

// ---------------------------------------------------------------------------
// Helpers for cross rules

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const rel = (root, abs) => path.relative(root, abs).split(path.sep).join('/');

function issueAt(report, parsed, severity, segs, message) {
  const node = findNode(parsed.doc, segs, true);
  report.add(severity, parsed.rel, toPathString(segs, parsed.data) || null, message, linePosOf(parsed, node));
}

function scalarSource(parsed, segs) {
  const node = findNode(parsed.doc, segs);
  return isScalar(node) ? node : null;
}

function includesList(layerData) {
  const inc = layerData?.includes;
  if (typeof inc === 'string') return [inc];
  if (Array.isArray(inc)) return inc.filter((x) => typeof x === 'string');
  return [];
}

function endpointsOf(meta) {
  const out = [];
  if (!isObj(meta)) return out;
  for (const role of ['provides', 'requires', 'peers']) {
    if (!isObj(meta[role])) continue;
    for (const [name, spec] of Object.entries(meta[role])) {
      let iface = null;
      let scope = 'global';
      if (typeof spec === 'string') iface = spec;
      else if (isObj(spec)) {
        iface = typeof spec.interface === 'string' ? spec.interface : null;
        if (typeof spec.scope === 'string') scope = spec.scope;
      }
      out.push({ role, name, spec, iface, scope });
    }
  }
  return out;
}

function isExecutable(abs) {
  try {
    const st = fs.statSync(abs);
    return (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function walkForRefs(value, segs, visit) {
  if (Array.isArray(value)) value.forEach((v, i) => walkForRefs(v, [...segs, i], visit));
  else if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) {
      visit(k, [...segs, k]);
      walkForRefs(v, [...segs, k], visit);
    }
  }
}

// ---------------------------------------------------------------------------
// Cross rules, per file kind

function checkConfig(p, report) {
  const options = p.data?.options;
  if (!isObj(options)) return;
  for (const [name, opt] of Object.entries(options)) {
    if (!isObj(opt) || !('default' in opt)) continue;
    const segs = ['options', name, 'default'];
    const node = scalarSource(p, segs);
    const src = node && node.type === 'PLAIN' ? String(node.source ?? '') : null;
    const d = opt.default;
    if (opt.type === 'int' && typeof d === 'number' && Number.isInteger(d) && src && /[.eE]|^[-+]?\.(inf|nan)/i.test(src) && !/^0x/i.test(src)) {
      issueAt(report, p, 'error', segs, `must be integer (type is int); ${src} is a float literal`);
    }
    if (opt.type === 'float' && typeof d === 'number' && src && /^[-+]?(0|[1-9][0-9_]*)$/.test(src)) {
      issueAt(report, p, 'error', segs,
        `must be a float literal such as ${src}.0 (type is float; charm proof rejects an int default for a float option)`);
    }
    if (opt.type === 'boolean' && typeof d === 'boolean' && src && YAML11_BOOL_WORDS.test(src)) {
      issueAt(report, p, 'warning', segs,
        `write true or false instead of ${src} (YAML 1.2 tools read ${src} as a string)`);
    }
    if (opt.type === 'secret') {
      issueAt(report, p, 'warning', ['options', name, 'type'],
        'type secret needs Juju 3.x and charm proof reports it as an invalid type; the tutorial targets string|int|float|boolean');
    }
  }
}

function checkMetadata(p, report, unit) {
  const m = p.data;
  if (!isObj(m)) return;
  const eps = endpointsOf(m);
  const charmName = typeof m.name === 'string' ? m.name : '';
  const subordinate = m.subordinate === true;

  const seenNames = new Map();
  for (const ep of eps) {
    const segs = [ep.role, ep.name];
    if (typeof ep.spec === 'string') {
      issueAt(report, p, 'error', segs,
        `shorthand "${ep.name}: ${ep.spec}" is valid Juju, but charm build and charm proof need the map form: ${ep.name}: {interface: ${ep.spec}}`);
    }
    const reservedName = ep.name === 'juju' || ep.name.startsWith('juju-');
    const exempt = charmName.startsWith('juju-')
      || (subordinate && ep.role === 'requires' && ep.scope === 'container');
    if (reservedName && !exempt) {
      issueAt(report, p, 'error', segs, 'endpoint names "juju" and "juju-*" are reserved (Juju)');
    }
    if (ep.role !== 'requires' && ep.iface && (ep.iface === 'juju' || ep.iface.startsWith('juju-'))
      && !charmName.startsWith('juju-')) {
      issueAt(report, p, 'error', typeof ep.spec === 'string' ? segs : [...segs, 'interface'],
        `interface "${ep.iface}" is reserved: only requires: endpoints may use juju-* interfaces (Juju)`);
    }
    if (seenNames.has(ep.name)) {
      issueAt(report, p, 'error', segs,
        `endpoint name "${ep.name}" is also declared under ${seenNames.get(ep.name)}: (Juju needs unique endpoint names)`);
    } else {
      seenNames.set(ep.name, ep.role);
    }
  }

  if (subordinate && !eps.some((ep) => ep.role === 'requires' && ep.scope === 'container')) {
    issueAt(report, p, 'error', ['subordinate'],
      'a subordinate charm needs a requires: endpoint with scope: container (Juju)');
  }

  if (isObj(m['extra-bindings'])) {
    for (const name of Object.keys(m['extra-bindings'])) {
      if (seenNames.has(name)) {
        issueAt(report, p, 'error', ['extra-bindings', name],
          `"${name}" is an endpoint name; extra-bindings must not reuse endpoint names (Juju)`);
      }
    }
  }

  const v2 = ['containers', 'assumes', 'charm-user'].filter((k) => k in m);
  const v1 = ['series', 'deployment', 'min-juju-version'].filter((k) => k in m);
  if (v2.length && v1.length) {
    issueAt(report, p, 'error', [v2[0]],
      `ambiguous metadata: ${v2.join(', ')} cannot be used with ${v1.join(', ')} (Juju metadata v1/v2)`);
  }

  if (typeof m['min-juju-version'] === 'string') {
    const major = Number(m['min-juju-version'].split('.')[0]);
    if (Number.isFinite(major) && major < 2) {
      issueAt(report, p, 'error', ['min-juju-version'], 'must be 2.0.0 or greater (charm proof)');
    }
  }

  const maint = typeof m.maintainer === 'string' ? [[['maintainer'], m.maintainer]]
    : Array.isArray(m.maintainers) ? m.maintainers.map((x, i) => [['maintainers', i], x]) : [];
  for (const [segs, value] of maint) {
    if (typeof value === 'string' && !/^[^<>]*\S[^<>]*<[^<>\s@]+@[^<>\s]+>$/.test(value.trim())) {
      issueAt(report, p, 'warning', segs, `should be "Name <email>", not ${JSON.stringify(value)} (charm proof)`);
    }
  }

  if (typeof m.summary === 'string' && m.summary.length > 72) {
    issueAt(report, p, 'warning', ['summary'], `is ${m.summary.length} characters; charm proof warns above 72`);
  }
  if (!('tags' in m) && !('categories' in m)) {
    report.add('warning', p.rel, 'tags', 'is missing (charm proof warns: "Metadata missing required field tags")');
  }
  if ('categories' in m) {
    issueAt(report, p, 'warning', ['categories'], 'is deprecated; rename it to tags (charm proof)');
  }
  if ('revision' in m) {
    issueAt(report, p, 'warning', ['revision'], 'is obsolete in metadata.yaml (charm proof)');
  }
  if ('format' in m) {
    issueAt(report, p, 'warning', ['format'], 'is obsolete (Juju ignores it)');
  }

  if (isObj(m.payloads)) {
    for (const [cls, spec] of Object.entries(m.payloads)) {
      if (isObj(spec) && typeof spec.type === 'string' && spec.type && !['docker', 'kvm'].includes(spec.type)) {
        issueAt(report, p, 'warning', ['payloads', cls, 'type'],
          `"${spec.type}" is accepted by Juju, but charm proof only accepts docker or kvm`);
      }
    }
  }
  unit.endpoints = eps;
}

function checkLayer(p, report, unit, root) {
  const L = p.data;
  if (p.rel.endsWith('composer.yaml')) {
    report.add('warning', p.rel, null,
      'composer.yaml is the 2015 (charm-tools < 1.8) name; rename it to layer.yaml');
  }
  if (!isObj(L)) return;
  if (!('repo' in L)) {
    report.add('warning', p.rel, 'repo',
      'is missing; charm build warns "Please add a `repo` key to your layer.yaml"');
  }

  // Interfaces included but not used by any endpoint.
  const incs = includesList(L);
  const incSegs = typeof L.includes === 'string' ? () => ['includes'] : (i) => ['includes', i];
  const meta = unit.files.metadata;
  const used = new Set((unit.endpoints ?? endpointsOf(meta?.data)).map((ep) => ep.iface).filter(Boolean));
  const metaUnparsable = !meta && unit.known.includes('metadata.yaml');
  incs.forEach((inc, i) => {
    const m = /^interface:(.+)$/.exec(inc);
    if (!m || metaUnparsable) return;
    if (!meta) {
      issueAt(report, p, 'warning', incSegs(i),
        `includes ${inc} but this layer has no metadata.yaml with an endpoint to bind it`);
    } else if (!used.has(m[1])) {
      issueAt(report, p, 'warning', incSegs(i),
        `includes ${inc} which isn't used in metadata.yaml (charm build skips it)`);
    }
  });

  // Layer options.
  const includedLayers = new Set();
  const addLayer = (n) => {
    if (includedLayers.has(n)) return;
    includedLayers.add(n);
    for (const sub of KNOWN_LAYER_INCLUDES[n] ?? []) addLayer(sub);
  };
  for (const inc of incs) {
    const m = /^layer:(.+)$/.exec(inc);
    if (m) addLayer(m[1]);
  }
  const ownNames = new Set([path.basename(unit.dir), path.basename(unit.dir).replace(/^\d+-/, '')]);
  if (typeof meta?.data?.name === 'string') ownNames.add(meta.data.name);
  if (typeof L.name === 'string') ownNames.add(L.name);

  if (isObj(L.options)) {
    for (const [layerName, opts] of Object.entries(L.options)) {
      if (!isObj(opts)) continue;
      if (layerName === 'charms.reactive') continue;
      const own = ownNames.has(layerName);
      if (!own && !includedLayers.has(layerName)) {
        issueAt(report, p, 'warning', ['options', layerName],
          `sets options for layer "${layerName}", which this layer does not include; charm build fails with "Options set for undefined layer" unless an included layer pulls it in`);
      }
      const known = KNOWN_LAYER_OPTIONS[layerName];
      if (known) {
        for (const [opt, val] of Object.entries(opts)) {
          if (!(opt in known)) {
            issueAt(report, p, 'warning', ['options', layerName, opt],
              `layer:${layerName} defines no option "${opt}" (it has ${Object.keys(known).join(', ')}); charm build ignores it silently`);
          } else {
            const t = known[opt];
            const ok = t === 'array' ? Array.isArray(val) : typeof val === t;
            if (!ok) {
              issueAt(report, p, 'error', ['options', layerName, opt],
                `must be ${t === 'array' ? 'a list' : t} (layer:${layerName} defines it so)`);
            }
          }
        }
      }
      if (own && isObj(L.defines)) {
        for (const [opt, val] of Object.entries(opts)) {
          const def = L.defines[opt];
          if (!isObj(def)) {
            issueAt(report, p, 'warning', ['options', layerName, opt], `is not declared under defines:`);
            continue;
          }
          try {
            const v = compileUserSchema(def);
            if (!v(val)) {
              issueAt(report, p, 'error', ['options', layerName, opt],
                `does not match its defines: schema: ${v.errors.map((e) => `${e.instancePath || 'value'} ${e.message}`).join('; ')}`);
            }
          } catch { /* reported below */ }
        }
      }
    }
  }

  // defines: each entry must be a usable JSON schema and its default must satisfy it.
  if (isObj(L.defines)) {
    for (const [opt, def] of Object.entries(L.defines)) {
      if (!isObj(def)) continue;
      let v;
      try {
        v = compileUserSchema(def);
      } catch (e) {
        issueAt(report, p, 'error', ['defines', opt], `is not a valid JSON schema: ${e.message}`);
        continue;
      }
      if ('default' in def && !v(def.default)) {
        issueAt(report, p, 'error', ['defines', opt, 'default'],
          `does not match its own schema: ${v.errors.map((e) => `${e.instancePath || 'value'} ${e.message}`).join('; ')}`);
      }
      if (!('description' in def)) {
        issueAt(report, p, 'warning', ['defines', opt], 'has no description');
      }
    }
  }
  void root;
}

// The schema checks the shape of each include; this checks that there is at
// least one and that each names a layer charm build can find.
function checkLayerIncludes(p, report, unit) {
  const L = p.data;
  if (!isObj(L)) return;
  if (p.empty) {
    report.add('error', p.rel, null,
      'is empty; a charm layer needs includes: naming the layers it builds on (at least layer:basic)');
    return;
  }
  if (!('includes' in L)) {
    report.add('error', p.rel, 'includes',
      'is missing; a charm layer builds on other layers (at least layer:basic), e.g. includes: [layer:basic]');
    return;
  }
  const incs = includesList(L);
  if (L.includes == null || (Array.isArray(L.includes) && !L.includes.length)) {
    issueAt(report, p, 'error', ['includes'], 'is empty; name the layers this one builds on (at least layer:basic)');
    return;
  }
  const known = knownIncludesFor(unit.dir);
  const segsOf = typeof L.includes === 'string' ? () => ['includes'] : (inc) => ['includes', L.includes.indexOf(inc)];
  for (const inc of incs) {
    const m = /^(layer|interface):(.+)$/.exec(inc);
    if (!m || known.includes(inc)) continue; // a missing prefix is the schema's error
    const local = m[1] === 'interface' ? `; or an interface layer in interfaces/${m[2]}/ with an interface.yaml` : '';
    issueAt(report, p, 'error', segsOf(inc), `unknown layer ${inc} (known: ${known.join(', ')}${local})`);
  }
}

function checkActions(p, report, unit, root) {
  const A = p.data;
  if (!isObj(A)) return;
  for (const [name, spec] of Object.entries(A)) {
    if (!isObj(spec)) continue;
    const params = isObj(spec.params) ? spec.params : {};
    if (Array.isArray(spec.required)) {
      spec.required.forEach((r, i) => {
        if (typeof r === 'string' && !(r in params)) {
          issueAt(report, p, 'error', [name, 'required', i], `"${r}" is not declared under params:`);
        }
      });
    }
    walkForRefs(spec, [name], (k, segs) => {
      if (k === '$ref' || k === '$schema') {
        issueAt(report, p, 'error', segs, `Juju refuses ${k} in actions.yaml ("not compatible with this version of juju")`);
      }
    });
    if (isObj(spec.params)) {
      const schema = { type: 'object', properties: spec.params };
      if (Array.isArray(spec.required)) schema.required = spec.required;
      if ('additionalProperties' in spec) schema.additionalProperties = spec.additionalProperties;
      try {
        compileUserSchema(schema);
      } catch (e) {
        issueAt(report, p, 'error', [name, 'params'], `is not a valid JSON schema: ${e.message}`);
      }
      if (!('additionalProperties' in spec) && Object.keys(spec.params).length) {
        issueAt(report, p, 'warning', [name],
          'set additionalProperties: explicitly (Juju 4.0 defaults it to false, earlier versions to true)');
      }
    }
    const script = path.join(unit.dir, 'actions', name);
    const scriptRel = rel(root, script);
    if (!fs.existsSync(script)) {
      issueAt(report, p, 'warning', [name],
        `${scriptRel} does not exist in this layer (fine only if an included layer ships it; charm proof warns)`);
    }
  }
}

function checkInterface(p, report, unit) {
  const I = p.data;
  if (!isObj(I)) return;
  const dirName = path.basename(unit.dir);
  if (typeof I.name === 'string' && dirName !== I.name && dirName !== `interface-${I.name}`) {
    issueAt(report, p, 'warning', ['name'],
      `"${I.name}" does not match the directory name "${dirName}"; charm build finds interface:${I.name} in a directory named ${I.name} or interface-${I.name}`);
  }
  if (!('repo' in I)) {
    report.add('warning', p.rel, 'repo', 'is missing (the layer index and charm build expect a clone URL)');
  }
  if (!['provides.py', 'requires.py', 'peers.py'].some((f) => fs.existsSync(path.join(unit.dir, f)))) {
    report.add('warning', p.rel, null, 'interface layer has no provides.py, requires.py or peers.py');
  }
}

function checkCharmcraft(p, report, unit) {
  const C = p.data;
  if (!isObj(C)) return;
  if (unit.files.metadata) {
    for (const k of ['name', 'summary', 'description']) {
      if (k in C && isObj(unit.files.metadata.data) && k in unit.files.metadata.data) {
        issueAt(report, p, 'error', [k], `is also in metadata.yaml; charmcraft refuses fields duplicated in both files`);
      }
    }
  }
  if ('config' in C && unit.files.config) {
    issueAt(report, p, 'error', ['config'], 'cannot be set in charmcraft.yaml when config.yaml exists (charmcraft)');
  }
  if ('actions' in C && unit.files.actions) {
    issueAt(report, p, 'error', ['actions'], 'cannot be set in charmcraft.yaml when actions.yaml exists (charmcraft)');
  }

  const parts = isObj(C.parts) ? C.parts : null;
  const reactiveParts = [];
  if (parts) {
    for (const [pname, part] of Object.entries(parts)) {
      if (!isObj(part)) continue;
      const plugin = typeof part.plugin === 'string' ? part.plugin : pname;
      if (plugin === 'reactive') reactiveParts.push([pname, part]);
      else if ('reactive-charm-build-arguments' in part) {
        issueAt(report, p, 'error', ['parts', pname, 'reactive-charm-build-arguments'],
          `only applies to plugin: reactive (this part uses plugin ${plugin})`);
      }
    }
  }
  if (unit.files.layer && !reactiveParts.length) {
    issueAt(report, p, 'error', parts ? ['parts'] : ['type'],
      'this directory is a charm-tools layer (layer.yaml) but no part uses plugin: reactive');
  }
  for (const [pname, part] of reactiveParts) {
    const snaps = Array.isArray(part['build-snaps']) ? part['build-snaps'] : [];
    const hasCharmSnap = snaps.some((s) => typeof s === 'string' && /^charm(\/|$)/.test(s));
    const after = Array.isArray(part.after) ? part.after : [];
    if (!hasCharmSnap && !after.includes('charm-tools')) {
      issueAt(report, p, 'warning', ['parts', pname],
        'the reactive plugin needs the charm command: add build-snaps: [charm] (or a part named charm-tools in after:)');
    }
    // Bases allowed for the reactive plugin.
    const checkBase = (b, segs) => {
      if (REACTIVE_PLUGIN_BASES.has(b)) return;
      if (REACTIVE_PLUGIN_EXPERIMENTAL_BASES.has(b)) {
        issueAt(report, p, 'warning', segs,
          `${b} is experimental for the reactive plugin (charmcraft needs CHARMCRAFT_ENABLE_EXPERIMENTAL_EXTENSIONS)`);
      } else {
        issueAt(report, p, 'error', segs, `charmcraft cannot use the reactive plugin with base ${b}`);
      }
    };
    if (typeof C['build-base'] === 'string') checkBase(C['build-base'], ['build-base']);
    else if (typeof C.base === 'string') checkBase(C.base, ['base']);
  }
  if (Array.isArray(C.bases)) {
    C.bases.forEach((entry, i) => {
      if (!isObj(entry)) return;
      const list = 'name' in entry ? [[entry, ['bases', i]]]
        : [...(entry['build-on'] ?? []).map((b, j) => [b, ['bases', i, 'build-on', j]]),
          ...(entry['run-on'] ?? []).map((b, j) => [b, ['bases', i, 'run-on', j]])];
      for (const [b, segs] of list) {
        if (isObj(b) && typeof b.name === 'string' && typeof b.channel === 'string'
          && !LEGACY_BASES.has(`${b.name}@${b.channel}`)) {
          issueAt(report, p, 'error', segs,
            `${b.name}@${b.channel} cannot be used with bases: (use base: + platforms:)`);
        }
      }
    });
  }
}

function checkExecutables(unit, report, root) {
  for (const sub of ['hooks', 'actions']) {
    const dir = path.join(unit.dir, sub);
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const ent of entries) {
      const abs = path.join(dir, ent.name);
      let st;
      try {
        st = fs.statSync(abs);
      } catch {
        report.add('error', rel(root, abs), null, 'is a broken symlink');
        continue;
      }
      if (!st.isFile()) continue;
      if (/\.(template|md|txt|rst|ya?ml|json|pyc)$/i.test(ent.name) || /^README/i.test(ent.name)) continue;
      if (sub === 'actions' && /\.py$/.test(ent.name)) continue; // helper modules next to action scripts
      if (!isExecutable(abs)) {
        report.add('error', rel(root, abs), null, `is not executable (chmod +x ${rel(root, abs)})`);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Walking

function listDirs(dir) {
  try {
    return fs.readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

function walk(dir, onDir) {
  onDir(dir);
  for (const sub of listDirs(dir)) walk(sub, onDir);
}

/**
 * Validate every example under rootDir/examples (or opts.examplesDir).
 * Returns {files, errors, warnings}; paths are relative to rootDir.
 */
export function validateExamples(rootDir = REPO_ROOT, opts = {}) {
  const root = path.resolve(rootDir);
  const examplesDir = path.resolve(root, opts.examplesDir ?? 'examples');
  const validators = loadValidators(opts.schemaDir ?? SCHEMA_DIR);
  const report = new Report();

  if (!fs.existsSync(examplesDir)) {
    return { files: [], errors: [], warnings: [], examplesDir: rel(root, examplesDir) };
  }

  const units = [];
  const yamlFiles = [];
  const charmLayers = [];
  walk(examplesDir, (dir) => {
    const signs = charmLayerSigns(dir);
    if (signs.length) charmLayers.push({ dir, signs });
    const names = fs.readdirSync(dir).sort();
    const known = names.filter((n) => KNOWN_FILES[n] && fs.statSync(path.join(dir, n)).isFile());
    if (known.length) units.push({ dir, known, files: {} });
    for (const n of names) {
      if (/\.ya?ml$/i.test(n) && fs.statSync(path.join(dir, n)).isFile()) yamlFiles.push(path.join(dir, n));
    }
  });

  // Every YAML file is parsed once.
  const parsedByAbs = new Map();
  for (const abs of yamlFiles) {
    const r = rel(root, abs);
    report.files.push(r);
    parsedByAbs.set(abs, parseYamlFile(abs, r, report));
  }

  for (const unit of units) {
    if (unit.known.includes('layer.yaml') && unit.known.includes('composer.yaml')) {
      report.add('error', rel(root, path.join(unit.dir, 'composer.yaml')), null,
        'both layer.yaml and composer.yaml exist; keep only layer.yaml');
    }
    for (const name of unit.known) {
      const kind = KNOWN_FILES[name];
      const parsed = parsedByAbs.get(path.join(unit.dir, name));
      if (!parsed) continue; // syntax error already reported
      if (kind === 'layer' && unit.files.layer) continue;
      unit.files[kind] = parsed;
    }
    for (const [kind, parsed] of Object.entries(unit.files)) {
      let data = parsed.data;
      if (data === null || data === undefined) {
        if (kind === 'layer' || kind === 'actions') {
          if (kind === 'layer') parsed.empty = true; // the schema passes {}; checkLayerIncludes reports it
          parsed.data = data = kind === 'layer' ? {} : null;
        } else {
          const what = kind === 'config' ? 'empty configuration (Juju refuses it)' : 'file is empty';
          report.add('error', parsed.rel, null, what);
          continue;
        }
      }
      if (data !== null && !isObj(data)) {
        report.add('error', parsed.rel, null, `must be a YAML mapping at the top level, got ${describeValue(data)}`);
        continue;
      }
      const validate = validators[kind];
      if (!validate(data)) translateSchemaErrors(validate.errors, parsed, report);
    }
    // Cross rules: metadata first (records endpoints for the layer check).
    const f = unit.files;
    if (f.metadata && isObj(f.metadata.data)) checkMetadata(f.metadata, report, unit);
    if (f.config && isObj(f.config.data)) checkConfig(f.config, report);
    if (f.layer) {
      checkLayer(f.layer, report, unit, root);
      checkLayerIncludes(f.layer, report, unit);
    }
    if (f.actions) checkActions(f.actions, report, unit, root);
    if (f.interface) checkInterface(f.interface, report, unit);
    if (f.charmcraft) checkCharmcraft(f.charmcraft, report, unit);
    checkExecutables(unit, report, root);
  }

  // charm-tools calls a folder without metadata.yaml "Not a Charm"
  // (charms.py, Charm.is_charm); the schema checks only run on files that exist.
  for (const { dir, signs } of charmLayers) {
    const meta = path.join(dir, 'metadata.yaml');
    if (!fs.existsSync(meta)) {
      report.add('error', rel(root, meta), null,
        `is missing: this folder is a charm layer (it has ${signs.join(', ')}), and a charm needs metadata.yaml for its name, summary and endpoints`);
    }
  }

  // Example directories that contain no charm files at all.
  const inside = (top) => (d) => d === top || d.startsWith(top + path.sep);
  for (const top of listDirs(examplesDir)) {
    if (!units.some((u) => inside(top)(u.dir)) && !charmLayers.some((c) => inside(top)(c.dir))) {
      report.add('warning', rel(root, top), null,
        'contains no layer.yaml, metadata.yaml, config.yaml, actions.yaml, interface.yaml or charmcraft.yaml');
    }
  }

  const byPlace = (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0));
  return {
    files: report.files,
    errors: [...report.errors].sort(byPlace),
    warnings: [...report.warnings].sort(byPlace),
    examplesDir: rel(root, examplesDir),
  };
}

export function summaryLine(result) {
  return `validate-examples: ${result.files.length} files checked, ${result.errors.length} errors, ${result.warnings.length} warnings`;
}

function lineSuffix(issue) {
  return issue.line != null && !issue.syntax ? `  [line ${issue.line}]` : '';
}

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const out = { root: REPO_ROOT, examplesDir: undefined, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root') out.root = argv[++i];
    else if (a === '--examples') out.examplesDir = argv[++i];
    else if (a === '--json') out.json = true;
    else if (a === '-h' || a === '--help') out.help = true;
    else if (!a.startsWith('-')) out.root = a;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

export function main(argv = process.argv.slice(2)) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error(`validate-examples: ${e.message}`);
    return 2;
  }
  if (args.help) {
    console.log('usage: node tests/lint/validate-examples.mjs [--root DIR] [--examples DIR] [--json]');
    return 0;
  }
  const result = validateExamples(args.root, { examplesDir: args.examplesDir });
  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const e of result.errors) console.log(`error: ${e.text}${lineSuffix(e)}`);
    for (const w of result.warnings) console.log(`warning: ${w.text}${lineSuffix(w)}`);
    if (!result.files.length) console.log(`validate-examples: no YAML files found under ${result.examplesDir}/`);
    console.log(summaryLine(result));
  }
  return result.errors.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
