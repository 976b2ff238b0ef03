"""charmharness: build and *run* reactive charm layers without Juju or Docker.

Interpreter
-----------
The harness needs PyYAML (charm layers are YAML all the way down), and the
machine's pyenv ``python3`` has none.  It is therefore meant to run with
Debian's interpreter plus the Debian package ``python3-yaml``::

    apt-get install -y python3-yaml          # CI must do this
    cd /work/main
    /usr/bin/python3 -m unittest discover -s tests/harness -p 'test_*.py' -v

Hooks, hook-tool stand-ins and the docker stand-in all run with the *same*
interpreter as the test process: a ``python3`` symlink to ``sys.executable``
is placed first on the hooks' PATH.  Importing this package without PyYAML
raises an ImportError that says the above.

What it is
----------
* :mod:`charmharness.builder` - a mini ``charm build`` (layers, interfaces,
  YAML deep-merge, generated hooks).
* :mod:`charmharness.tools.tool` - ONE script that stands in for the Juju
  hook tools (``status-set``, ``config-get``, ``relation-get``...) and the
  ``docker`` CLI, keeping a JSON model of the unit (:mod:`charmharness.model`).
* ``charmharness/stubs`` - stand-ins for ``charms.reactive`` and
  ``charmhelpers.core.{hookenv,unitdata}`` put on the hooks' PYTHONPATH.
* ``tests/harness/layers`` - stand-ins for ``layer:basic`` and ``layer:docker``.
* :class:`charmharness.unit.Unit` - the test-facing API.

Known limits (whole harness)
----------------------------
* Only what is listed in the stubs' and tools' docstrings is modelled; no
  real Juju agent, controller, leadership changes, error-state blocking
  (a failed hook does not stop later hooks; Juju would wait for
  ``juju resolve``), storage, actions, secrets, or ``remove`` hook.
* ``docker`` is a model: nothing is pulled or run; containers "run" instantly.
* Wheelhouse/venv bootstrap, apt ``packages``, ``exec.d`` and the layer index
  are not modelled; PyPI libraries other than the stubs are not available.
"""

__all__ = ['build', 'BuildError', 'Unit', 'HookFailed', 'HookResult',
           'ConfigError']

_LAZY = {'build': 'builder', 'BuildError': 'builder', 'Unit': 'unit',
         'HookFailed': 'unit', 'HookResult': 'unit', 'ConfigError': 'unit'}


def __getattr__(name):
    # Lazy so the tool stand-ins (which import charmharness.tools.*) start
    # fast: they must not pay for PyYAML/builder/unit on every call.
    if name not in _LAZY:
        raise AttributeError(name)
    import importlib
    import importlib.util
    if importlib.util.find_spec('yaml') is None:  # pragma: no cover
        raise ImportError(
            "charmharness needs PyYAML. Run the tests with Debian's "
            "/usr/bin/python3 after `apt-get install -y python3-yaml`.")
    module = importlib.import_module('.' + _LAZY[name], __name__)
    return getattr(module, name)
