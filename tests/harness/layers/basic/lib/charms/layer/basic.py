"""``charms.layer.basic`` stand-in: bootstrap and the config flags.

``init_config_states`` (registered with ``hookenv.atstart``) sets, for every
option in config.yaml:

* ``config.changed`` and ``config.changed.<opt>`` if the value differs from
  the previous successful hook's (always true in the first hook);
* ``config.set.<opt>`` if the value is *truthy* - so ``0``, ``false`` and
  ``""`` do NOT raise it (fact sheet 2.2 gotcha);
* ``config.default.<opt>`` if the value equals the config.yaml default.

``clear_config_states`` (``atexit``) clears them all again, so they last for
one hook only.
"""

import os

import yaml


def bootstrap_charm_deps():
    """The real one installs the wheelhouse into a venv; the stand-in only
    puts ``$CHARM_DIR/bin`` on PATH like the real one."""
    os.environ['PATH'] += ':%s' % os.path.join(os.environ['CHARM_DIR'],
                                               'bin')


def init_config_states():
    from charmhelpers.core import hookenv
    from charms.reactive import set_state, toggle_state
    config = hookenv.config()
    config_defaults, config_defs = {}, {}
    config_yaml = os.path.join(hookenv.charm_dir(), 'config.yaml')
    if os.path.exists(config_yaml):
        with open(config_yaml) as fp:
            config_defs = (yaml.safe_load(fp) or {}).get('options', {}) or {}
            config_defaults = {key: (value or {}).get('default')
                               for key, value in config_defs.items()}
    for opt in config_defs.keys():
        if config.changed(opt):
            set_state('config.changed')
            set_state('config.changed.{}'.format(opt))
        toggle_state('config.set.{}'.format(opt), config.get(opt))
        toggle_state('config.default.{}'.format(opt),
                     config.get(opt) == config_defaults[opt])
    hookenv.atexit(clear_config_states)


def clear_config_states():
    from charmhelpers.core import hookenv, unitdata
    from charms.reactive import remove_state
    config = hookenv.config()
    remove_state('config.changed')
    for opt in config.keys():
        remove_state('config.changed.{}'.format(opt))
        remove_state('config.set.{}'.format(opt))
        remove_state('config.default.{}'.format(opt))
    unitdata.kv().flush()
