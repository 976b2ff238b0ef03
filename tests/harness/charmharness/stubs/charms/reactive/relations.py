"""Finding relation/endpoint implementations (stand-in for
charms.reactive.relations).

An endpoint's implementation is the RelationFactory subclass (normally an
``Endpoint``) in ``hooks/relations/<interface>/<role>.py``.

Known limits: the 0.x ``RelationBase``/``Conversation`` API is NOT modelled;
instantiating a ``RelationBase`` subclass raises NotImplementedError that
says so.  Interface layers for the harness should use ``Endpoint``.
"""

import importlib
import os
import sys
from inspect import isclass

from charmhelpers.core import hookenv
from charms.reactive.flags import _get_flag_value
from charms.reactive.bus import _append_path

__all__ = ['relation_from_name', 'relation_from_flag', 'endpoint_from_name',
           'endpoint_from_flag', 'relation_from_state', 'RelationFactory',
           'RelationBase', 'scopes', 'relation_factory']


def endpoint_from_name(endpoint_name):
    """The Endpoint (or other RelationFactory) instance for a name."""
    if endpoint_name is None:
        return None
    factory = relation_factory(endpoint_name)
    if factory:
        return factory.from_name(endpoint_name)
    return None


relation_from_name = endpoint_from_name


def endpoint_from_flag(flag):
    """The Endpoint instance a flag like ``endpoint.website.joined`` or
    ``website.available`` belongs to, or None."""
    relation_name = None
    value = _get_flag_value(flag)
    if isinstance(value, dict) and 'relation' in value:
        relation_name = value['relation']
    elif flag.startswith('endpoint.'):
        relation_name = flag.split('.')[1]
    elif '.' in flag:
        relation_name = flag.split('.')[0]
        if relation_name not in hookenv.relation_types():
            return None
    if relation_name:
        factory = relation_factory(relation_name)
        if factory:
            return factory.from_flag(flag)
    return None


def relation_from_flag(flag):
    """0.x handler-argument lookup: only flags carrying a relation value."""
    value = _get_flag_value(flag)
    if not isinstance(value, dict) or 'relation' not in value:
        return None
    factory = relation_factory(value['relation'])
    if factory:
        return factory.from_flag(flag)
    return None


relation_from_state = relation_from_flag


class RelationFactory(object):
    """Base of classes that produce relation objects."""

    @classmethod
    def from_name(cls, relation_name):
        raise NotImplementedError()

    @classmethod
    def from_flag(cls, flag):
        raise NotImplementedError()


class scopes(object):
    GLOBAL = 'global'
    SERVICE = 'service'
    UNIT = 'unit'


class RelationBase(RelationFactory):
    """0.x relation base class - NOT modelled by the harness."""
    scope = scopes.UNIT

    def __init__(self, *args, **kwargs):
        raise NotImplementedError(
            'charmharness: RelationBase (the 0.x interface API) is not '
            'modelled; write the interface layer with Endpoint')

    @classmethod
    def from_name(cls, relation_name, conversations=None):
        return cls(relation_name)

    @classmethod
    def from_flag(cls, flag):
        return cls(flag)


def relation_factory(relation_name):
    """The RelationFactory class for ``relation_name``, or None."""
    role, interface = hookenv.relation_to_role_and_interface(relation_name)
    if not (role and interface):
        return None
    return _find_relation_factory(_relation_module(role, interface))


def _relation_module(role, interface):
    _append_path(hookenv.charm_dir())
    _append_path(os.path.join(hookenv.charm_dir(), 'hooks'))
    base_module = 'relations.{}.{}'.format(interface, role)
    for module in ('reactive.{}'.format(base_module), base_module):
        if module in sys.modules:
            break
        try:
            importlib.import_module(module)
            break
        except ImportError:
            continue
    else:
        hookenv.log('Unable to find implementation for relation: '
                    '{} of {}'.format(role, interface), hookenv.ERROR)
        return None
    return sys.modules[module]


def _find_relation_factory(module):
    if not module:
        return None
    candidates = [o for o in (getattr(module, attr) for attr in dir(module))
                  if (o is not RelationFactory and o is not RelationBase and
                      isclass(o) and issubclass(o, RelationFactory))]
    # drop factories that are superclasses of another candidate
    candidates = [c1 for c1 in candidates
                  if not any(issubclass(c2, c1) for c2 in candidates
                             if c1 is not c2)]
    if not candidates:
        hookenv.log('No RelationFactory found in {}'.format(module.__name__),
                    hookenv.WARNING)
        return None
    if len(candidates) > 1:
        raise RuntimeError('Too many RelationFactory found in {}'
                           ''.format(module.__name__))
    return candidates[0]
