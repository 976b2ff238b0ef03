"""Handler decorators (stand-in for charms.reactive.decorators).

``@hook`` and ``@when*`` on the same function: like the real framework the
handler then never runs (its predicates need different dispatch phases);
the stand-in additionally logs a WARNING naming it.

Handlers defined in an interface layer file ``hooks/relations/<iface>/
<role>.py`` are registered once per endpoint using that interface, with
``{endpoint_name}``/``{relation_name}`` in their flags expanded, and get the
Endpoint instance as their argument (this is how ``Endpoint`` methods
receive ``self``).
"""

from functools import partial, wraps
from inspect import getfile
from pathlib import Path

from charmhelpers.core import hookenv
from charms.reactive.bus import Handler, _action_id, _short_action_id
from charms.reactive.flags import get_flags
from charms.reactive.helpers import (
    _hook, _restricted_hook, _when_all, _when_any, _when_none, _when_not_all,
    any_file_changed, was_invoked, mark_invoked)
from charms.reactive.relations import endpoint_from_name, relation_from_flag

__all__ = ['hook', 'when', 'when_all', 'when_any', 'when_not', 'when_none',
           'when_not_all', 'not_unless', 'only_once', 'when_file_changed',
           'collect_metrics', 'meter_status_changed']


def hook(*hook_patterns):
    """Run the decorated function when the current hook matches a pattern
    (``{A,B}`` and ``{provides:iface}`` supported).  Generally deprecated;
    cannot be combined with ``@when*``.  In a relation hook whose interface
    layer defines a RelationFactory/Endpoint, that object is passed as the
    handler's argument (so a charm-layer ``def f():`` then fails, as for
    real)."""
    def _register(action):
        def arg_gen():
            rel = endpoint_from_name(hookenv.relation_type())
            if rel:
                yield rel
        handler = Handler.get(action)
        handler.mark_kind('hook')
        handler.add_predicate(partial(_hook, hook_patterns))
        # Like the real one: in a relation hook the handler is passed the
        # relation/endpoint object if the interface provides one.
        handler.add_args(arg_gen())
        return action
    return _register


def _when_decorator(predicate, desired_flags, action, legacy_args=False):
    endpoint_names = _endpoint_names(action)
    has_name = _has_endpoint_name_flag(desired_flags)
    if has_name and not endpoint_names:
        # Like the real one: an interface layer's handler for a role no
        # endpoint of this charm uses (requires.py in a charm that only
        # provides) is not registered at all.
        return action
    for endpoint_name in endpoint_names or [None]:
        handler = Handler.get(action, endpoint_name)
        handler.mark_kind('when')
        flags = _expand_endpoint_name(endpoint_name, desired_flags)
        handler.add_predicate(partial(predicate, flags))
        if endpoint_name and has_name:
            handler.add_args(_lazy(endpoint_from_name, endpoint_name))
        elif legacy_args:
            # 0.x handlers received relation objects for relation flags
            handler.add_args(_lazy_many(relation_from_flag, desired_flags))
        handler.register_flags(flags)
    return action


class _lazy:
    """Iterable yielding ``func(arg)`` (if not None) when first iterated."""

    def __init__(self, func, arg):
        self.func, self.arg = func, arg

    def __iter__(self):
        value = self.func(self.arg)
        return iter([value] if value is not None else [])


class _lazy_many:
    def __init__(self, func, args):
        self.func, self.args = func, args

    def __iter__(self):
        return iter([v for v in map(self.func, self.args) if v is not None])


def when(*desired_flags):
    """Alias for :func:`when_all`."""
    return when_all(*desired_flags)


def when_all(*desired_flags):
    """Run when all ``desired_flags`` are set."""
    return partial(_when_decorator, _when_all, desired_flags,
                   legacy_args=True)


def when_any(*desired_flags):
    """Run when any of ``desired_flags`` is set (no handler arguments)."""
    return partial(_when_decorator, _when_any, desired_flags)


def when_not(*desired_flags):
    """Alias for :func:`when_none`."""
    return when_none(*desired_flags)


def when_none(*desired_flags):
    """Run when none of ``desired_flags`` is set."""
    return partial(_when_decorator, _when_none, desired_flags)


def when_not_all(*desired_flags):
    """Run when at least one of ``desired_flags`` is not set."""
    return partial(_when_decorator, _when_not_all, desired_flags)


def when_file_changed(*filenames, **kwargs):
    def _register(action):
        handler = Handler.get(action)
        handler.add_predicate(partial(any_file_changed, filenames, **kwargs))
        return action
    return _register


def not_unless(*desired_flags):
    """Only log a WARNING if called while a flag is missing."""
    def _decorator(func):
        action_id = _action_id(func)
        short_action_id = _short_action_id(func)

        @wraps(func)
        def _wrapped(*args, **kwargs):
            active = get_flags()
            missing = [f for f in desired_flags if f not in active]
            if missing:
                hookenv.log('%s called before flag%s: %s' % (
                    short_action_id, 's' if len(missing) > 1 else '',
                    ', '.join(missing)), hookenv.WARNING)
            return func(*args, **kwargs)
        _wrapped._action_id = action_id
        _wrapped._short_action_id = short_action_id
        return _wrapped
    return _decorator


def only_once(action=None):
    """Deprecated (0.5.0): run the handler once ever."""
    if action is None:
        return only_once
    action_id = _action_id(action)
    handler = Handler.get(action)
    handler.add_predicate(lambda: not was_invoked(action_id))
    handler.add_post_callback(partial(mark_invoked, action_id))
    return action


def collect_metrics():
    def _register(action):
        Handler.get(action).add_predicate(
            partial(_restricted_hook, 'collect-metrics'))
        return action
    return _register


def meter_status_changed():
    def _register(action):
        Handler.get(action).add_predicate(
            partial(_restricted_hook, 'meter-status-changed'))
        return action
    return _register


def _has_endpoint_name_flag(flags):
    joined = ''.join(flags)
    return '{endpoint_name}' in joined or '{relation_name}' in joined


def _endpoint_names(handler):
    """Endpoints served by a handler defined in hooks/relations/<i>/<role>."""
    filepath = Path(getfile(handler))
    role = filepath.stem
    if role == 'peer':
        role = 'peers'
    if role not in ('requires', 'provides', 'peers'):
        return []
    return hookenv.role_and_interface_to_relations(role,
                                                   filepath.parent.name)


def _expand_endpoint_name(endpoint_name, flags):
    return tuple(flag.format(endpoint_name=endpoint_name,
                             relation_name=endpoint_name) for flag in flags)
