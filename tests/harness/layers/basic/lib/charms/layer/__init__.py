"""``charms.layer``: per-layer libraries and layer options (stand-in).

Each layer's ``lib/charms/layer/<name>.py`` lands in the built charm's
``lib/charms/layer/`` and is importable as ``charms.layer.<name>``.
``charms`` is a namespace package spanning the harness stubs
(``charms.reactive``) and the charm's ``lib/`` - so a layer must not ship
``lib/charms/__init__.py``.
"""

import os
from importlib import import_module
from pathlib import Path

import yaml


def import_layer_libs():
    """Import every layer library so ``layer.<name>`` works after
    ``from charms import layer``."""
    for module_file in sorted(Path('lib/charms/layer').glob('*')):
        module_name = module_file.stem
        if module_name in ('__init__', 'basic', 'execd') or not (
                module_file.suffix == '.py' or module_file.is_dir()):
            continue
        if module_name.startswith(('.', '_')):
            continue
        import_module('charms.layer.{}'.format(module_name))


class _Options:
    """``layer.options('docker')`` and ``layer.options.get('docker',
    'skip-install')`` over the built charm's layer.yaml ``options``."""

    def _load(self):
        charm_dir = os.environ.get('JUJU_CHARM_DIR') or \
            os.environ.get('CHARM_DIR') or '.'
        with open(os.path.join(charm_dir, 'layer.yaml')) as fp:
            return (yaml.safe_load(fp) or {}).get('options') or {}

    def __call__(self, section=None):
        opts = self._load()
        return opts.get(section, {}) if section else opts

    def get(self, section=None, option=None):
        values = self(section)
        return values.get(option) if option else values


options = _Options()
