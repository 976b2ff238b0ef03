"""A mini ``charm build``: combine a charm layer with its lower layers.

Behaviour follows charm-tools (fact sheet 1.3-1.5):

* ``layer.yaml`` ``includes`` are resolved recursively, depth-first; the
  lowest layer comes first and every layer appears once.
* Files are copied lowest layer first, so a higher layer's file of the same
  path wins.  ``config.yaml`` and ``metadata.yaml`` are deep-merged instead
  (dicts recursively, a higher scalar wins, lists appended without
  duplicates; ``series`` higher-first; ``maintainer(s)`` only from the top
  layer), then ``config``/``metadata`` ``deletes:`` are applied.
* ``layer:basic``'s ``hooks/hook.template`` is written to every standard hook
  and to ``<endpoint>-relation-{created,joined,changed,departed,broken}``
  for every endpoint, unless some layer ships a hook file of that name.
* Interface layers go to ``hooks/relations/<interface>/`` only if an endpoint
  uses the interface (else a warning, as charm-tools prints).

Lookup (pluggable through :class:`LayerResolver`):

* ``layer:<name>``: the harness stand-ins in ``tests/harness/layers/<name>``
  (plus any extra ``layer_dirs`` given).
* ``interface:<name>``: first ``$CHARM_INTERFACES_DIR``, then an
  ``interfaces/`` folder *next to* the charm layer, then
  ``tests/harness/interfaces``.  ``<name>`` or ``interface-<name>`` counts.
  Between the variable and that folder comes the charm layer's *own*
  ``interfaces/`` folder: what a reader gets after ``export
  CHARM_INTERFACES_DIR=$PWD/interfaces`` in the layer directory (chapter
  9).  The real builder searches only ONE directory (the variable, else
  ``$JUJU_REPOSITORY``, else the current directory) before the layer
  index, so a test that must prove *which* copy won sets
  ``CHARM_INTERFACES_DIR`` itself.  No current-directory fallback: the
  "stray ./http shadows the published interface" gotcha is not reproduced.

* ``exclude`` (a layer's own files left out of the charm) is honoured
  with simplified gitignore matching: a pattern without ``/`` matches any
  file or directory name, one with ``/`` matches the path or a leading
  directory of it, with ``fnmatch`` wildcards; no ``!`` or ``**``.  As in
  charm-tools' ``InterfaceCopy``, the top layer's and the interface's own
  ``exclude`` also apply to an interface layer's files.

* ``<name>-storage-{attached,detaching}`` hooks are generated for every
  ``storage:`` entry of the merged ``metadata.yaml`` (charm-tools'
  ``StorageBind``), unless a layer ships that hook file.

Known limits: no ``ignore``/``tactics``/``defines`` validation,
no wheelhouse, no ``.build.manifest``, no ``charm proof``.
"""

import fnmatch
import os
import shutil
import tempfile

import yaml

HARNESS_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_ROOT = os.path.dirname(os.path.dirname(HARNESS_ROOT))

STANDARD_HOOKS = (
    'install', 'config-changed', 'leader-elected', 'leader-settings-changed',
    'start', 'stop', 'update-status', 'upgrade-charm', 'pre-series-upgrade',
    'post-series-upgrade',
)
RELATION_HOOK_KINDS = ('created', 'joined', 'changed', 'departed', 'broken')
STORAGE_HOOK_KINDS = ('attached', 'detaching')
ENDPOINT_ROLES = ('provides', 'requires', 'peers')

# Files the builder never copies (charm-tools' built-in ignore list, trimmed).
IGNORED_NAMES = {'.git', '.bzr', '.tox', '__pycache__', 'build.lock',
                 '.pull-source-rev', '.build.manifest', '.ropeproject'}
IGNORED_SUFFIXES = ('.pyc', '~', '.swp', '.charm')
MERGED_YAML = ('config.yaml', 'metadata.yaml', 'layer.yaml')
METADATA_KEY_ORDER = ('name', 'summary', 'maintainer', 'maintainers',
                      'description', 'tags', 'series', 'requires',
                      'provides', 'peers')


class BuildError(Exception):
    """The layer stack cannot be built (missing layer, no hook template...)."""


class Layer:
    """One source layer: its directory and parsed ``layer.yaml``."""

    def __init__(self, kind, name, path):
        self.kind = kind            # 'layer' or 'interface'
        self.name = name
        self.path = path
        self.config = load_yaml_file(os.path.join(path, 'layer.yaml')) or {}
        if kind == 'interface':
            iface = load_yaml_file(os.path.join(path, 'interface.yaml'))
            if iface and iface.get('name'):
                self.name = iface['name']

    @property
    def includes(self):
        inc = self.config.get('includes') or []
        return [inc] if isinstance(inc, str) else list(inc)

    def __repr__(self):
        return '<%s:%s %s>' % (self.kind, self.name, self.path)


class LayerResolver:
    """Finds ``layer:X`` / ``interface:X`` directories.  Subclass or pass
    other directory lists to plug in another lookup."""

    def __init__(self, layer_dirs=None, interface_dirs=None):
        self.layer_dirs = list(layer_dirs or [])
        self.interface_dirs = list(interface_dirs or [])

    @classmethod
    def for_layer(cls, top_layer_dir, extra_layer_dirs=(),
                  extra_interface_dirs=()):
        """The default lookup for building ``top_layer_dir``."""
        interface_dirs = list(extra_interface_dirs)
        env_dir = os.environ.get('CHARM_INTERFACES_DIR')
        if env_dir:
            interface_dirs.append(env_dir)
        # the layer's own interfaces/ (chapter 9 keeps its http there)
        interface_dirs.append(
            os.path.join(os.path.abspath(top_layer_dir), 'interfaces'))
        interface_dirs.append(
            os.path.join(os.path.dirname(os.path.abspath(top_layer_dir)),
                         'interfaces'))
        interface_dirs.append(os.path.join(HARNESS_ROOT, 'interfaces'))
        layer_dirs = list(extra_layer_dirs)
        layer_dirs.append(os.path.join(HARNESS_ROOT, 'layers'))
        return cls(layer_dirs, interface_dirs)

    def resolve(self, ref):
        if ':' not in ref:
            raise BuildError('include %r must look like layer:<name> or '
                             'interface:<name>' % ref)
        kind, name = ref.split(':', 1)
        if kind not in ('layer', 'interface'):
            raise BuildError('unknown include kind in %r' % ref)
        dirs = self.layer_dirs if kind == 'layer' else self.interface_dirs
        for base in dirs:
            for candidate in (name, '%s-%s' % (kind, name)):
                path = os.path.join(base, candidate)
                if os.path.isdir(path):
                    return Layer(kind, name, path)
        raise BuildError('%s not found (searched: %s); the harness has no '
                         'network access to the layer index'
                         % (ref, ', '.join(dirs)))


def load_yaml_file(path):
    if not os.path.exists(path):
        return None
    with open(path) as fp:
        return yaml.safe_load(fp)


def deep_merge(lower, higher):
    """charm-tools' ``deepmerge``: dicts recursively, higher scalar wins,
    lists appended without duplicates."""
    if isinstance(lower, dict) and isinstance(higher, dict):
        merged = dict(lower)
        for key, value in higher.items():
            if key in merged:
                merged[key] = deep_merge(merged[key], value)
            else:
                merged[key] = value
        return merged
    if isinstance(lower, list) and isinstance(higher, list):
        merged = list(lower)
        for item in higher:
            if item not in merged:
                merged.append(item)
        return merged
    return higher


def delete_path(data, dotted):
    """Remove ``a.b.c`` from nested dicts (layer.yaml ``deletes:``)."""
    parts = dotted.split('.')
    node = data
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict):
        node.pop(parts[-1], None)


def plan_layers(top_dir, resolver):
    """Return the ordered stack, lowest first, top layer last."""
    top_dir = os.path.abspath(top_dir)
    if not os.path.exists(os.path.join(top_dir, 'layer.yaml')):
        raise BuildError('%s has no layer.yaml' % top_dir)
    top = Layer('layer', os.path.basename(top_dir), top_dir)
    meta = load_yaml_file(os.path.join(top_dir, 'metadata.yaml')) or {}
    top.name = meta.get('name', top.name)
    order, seen = [], set()

    def visit(layer, stack):
        for ref in layer.includes:
            if ref in stack:
                raise BuildError('include cycle: %s' % ' -> '.join(
                    list(stack) + [ref]))
            if ref in seen:
                continue
            seen.add(ref)
            sub = resolver.resolve(ref)
            visit(sub, stack + [ref])
            order.append(sub)

    visit(top, [])
    order.append(top)
    return order


def _ignored(name):
    return name in IGNORED_NAMES or name.endswith(IGNORED_SUFFIXES)


def excluded(relpath, patterns):
    """Does a layer-relative path match one of ``exclude``'s patterns?
    (Simplified gitignore rules; see the module docstring.)"""
    parts = relpath.replace(os.sep, '/').split('/')
    for raw in patterns or ():
        pattern = str(raw).strip()
        if not pattern or pattern.startswith('#'):
            continue
        anchored = '/' in pattern.rstrip('/')
        pattern = pattern.strip('/')
        if anchored:
            if any(fnmatch.fnmatchcase('/'.join(parts[:i]), pattern)
                   for i in range(1, len(parts) + 1)):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in parts):
            return True
    return False


def _layer_files(layer_dir, exclude=()):
    """Relative paths of a layer's files, minus the ignore list and the
    ``exclude`` patterns."""
    for dirpath, dirnames, filenames in os.walk(layer_dir):
        dirnames[:] = sorted(d for d in dirnames if not _ignored(d))
        for filename in sorted(filenames):
            if not _ignored(filename):
                full = os.path.join(dirpath, filename)
                rel = os.path.relpath(full, layer_dir)
                if not excluded(rel, exclude):
                    yield rel


def _copy(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if os.path.lexists(dst):
        os.remove(dst)
    shutil.copy2(src, dst)


def _ordered_metadata(meta):
    ordered = {k: meta[k] for k in METADATA_KEY_ORDER if k in meta}
    for key in sorted(k for k in meta if k not in ordered):
        ordered[key] = meta[key]
    return ordered


def _merge_metadata(layers):
    merged, series = {}, []
    for layer in layers:
        meta = load_yaml_file(os.path.join(layer.path, 'metadata.yaml'))
        if not meta:
            continue
        meta = dict(meta)
        # series: higher layer first, de-duplicated (fact sheet 1.4)
        layer_series = meta.pop('series', None) or []
        series = list(layer_series) + [s for s in series
                                       if s not in layer_series]
        for key in ('maintainer', 'maintainers'):
            merged.pop(key, None)  # only the top layer's maintainer survives
        merged = deep_merge(merged, meta)
    if series:
        merged['series'] = series
    return merged


def _merge_yaml(layers, filename):
    merged = None
    for layer in layers:
        data = load_yaml_file(os.path.join(layer.path, filename))
        if data is not None:
            merged = data if merged is None else deep_merge(merged, data)
    return merged


def _merged_layer_yaml(layers):
    """The built charm's layer.yaml: includes, merged options, ``is``."""
    options = {}
    for layer in layers:
        if layer.kind != 'layer':
            continue
        defines = layer.config.get('defines') or {}
        defaults = {k: v.get('default') for k, v in defines.items()
                    if isinstance(v, dict) and 'default' in v}
        if defaults:
            options[layer.name] = deep_merge(options.get(layer.name, {}),
                                             defaults)
    for layer in layers:
        for section, values in (layer.config.get('options') or {}).items():
            options[section] = deep_merge(options.get(section, {}),
                                          values or {})
    top = layers[-1]
    return {'includes': top.includes, 'options': options, 'is': top.name}


def endpoints_of(metadata):
    """{endpoint: (role, interface)} from merged metadata."""
    found = {}
    for role in ENDPOINT_ROLES:
        for name, spec in (metadata.get(role) or {}).items():
            iface = spec.get('interface') if isinstance(spec, dict) else None
            found[name] = (role, iface)
    return found


def build(layer_dir, out_dir=None, resolver=None, log=None):
    """Build ``layer_dir`` into a charm directory and return its path.

    ``layer_dir`` may be absolute or relative to the repository root (or the
    current directory).  ``out_dir`` is the charm directory to create; by
    default a fresh ``tempfile.mkdtemp()``/<charm-name>.
    """
    if not os.path.isabs(layer_dir) and not os.path.isdir(layer_dir):
        layer_dir = os.path.join(REPO_ROOT, layer_dir)
    layer_dir = os.path.abspath(layer_dir)
    resolver = resolver or LayerResolver.for_layer(layer_dir)
    warnings = log if log is not None else []
    layers = plan_layers(layer_dir, resolver)
    metadata = _merge_metadata(layers)
    charm_name = metadata.get('name') or os.path.basename(layer_dir)
    if out_dir is None:
        out_dir = os.path.join(tempfile.mkdtemp(prefix='charmharness-'),
                               charm_name)
    os.makedirs(out_dir, exist_ok=True)

    endpoints = endpoints_of(metadata)
    used_interfaces = {iface for _, iface in endpoints.values()}
    shipped_hooks = set()
    for layer in layers:
        if layer.kind == 'interface':
            if layer.name not in used_interfaces:
                warnings.append("layer.yaml includes interface:%s which isn't"
                                " used in metadata.yaml" % layer.name)
                continue
            dest_root = os.path.join(out_dir, 'hooks', 'relations',
                                     layer.name)
        else:
            dest_root = out_dir
        exclude = list(layer.config.get('exclude') or [])
        if layer.kind == 'interface':
            exclude += list(layers[-1].config.get('exclude') or [])
            exclude += list((load_yaml_file(os.path.join(
                layer.path, 'interface.yaml')) or {}).get('exclude') or [])
        for rel in _layer_files(layer.path, exclude):
            if layer.kind == 'layer' and rel in MERGED_YAML:
                continue
            _copy(os.path.join(layer.path, rel), os.path.join(dest_root, rel))
            parts = rel.split(os.sep)
            if layer.kind == 'layer' and len(parts) == 2 and \
                    parts[0] == 'hooks' and parts[1] != 'hook.template':
                shipped_hooks.add(parts[1])

    config = _merge_yaml([lyr for lyr in layers if lyr.kind == 'layer'],
                         'config.yaml')
    edits = {}
    for layer in layers:
        for section in ('config', 'metadata'):
            spec = layer.config.get(section) or {}
            edits.setdefault(section, []).extend(spec.get('deletes') or [])
    for dotted in edits.get('metadata', []):
        delete_path(metadata, dotted)
    if config is not None:
        for dotted in edits.get('config', []):
            delete_path(config.get('options', {}), dotted)
        _dump(os.path.join(out_dir, 'config.yaml'), config)
    _dump(os.path.join(out_dir, 'metadata.yaml'), _ordered_metadata(metadata))
    _dump(os.path.join(out_dir, 'layer.yaml'), _merged_layer_yaml(layers))

    _write_hooks(out_dir, endpoints, shipped_hooks,
                 storage=list(metadata.get('storage') or {}))
    return out_dir


def _dump(path, data):
    with open(path, 'w') as fp:
        yaml.safe_dump(data, fp, default_flow_style=False, sort_keys=False)


def _write_hooks(out_dir, endpoints, shipped_hooks, storage=()):
    template = os.path.join(out_dir, 'hooks', 'hook.template')
    if not os.path.exists(template):
        raise BuildError('no hooks/hook.template in any layer '
                         '(is layer:basic included?)')
    with open(template) as fp:
        body = fp.read()
    names = list(STANDARD_HOOKS)
    for endpoint in endpoints:
        names += ['%s-relation-%s' % (endpoint, kind)
                  for kind in RELATION_HOOK_KINDS]
    for store in storage:
        names += ['%s-storage-%s' % (store, kind)
                  for kind in STORAGE_HOOK_KINDS]
    for name in names:
        path = os.path.join(out_dir, 'hooks', name)
        if name in shipped_hooks:
            continue  # a hook file shipped by a layer beats the template
        with open(path, 'w') as fp:
            fp.write(body)
        # generated hooks are executable; shipped ones keep their own mode
        # (a non-executable shipped hook is a real bug the harness shows)
        os.chmod(path, 0o755)
