"""Stand-in for ``charms.reactive`` (see bus.py for the dispatch rules).

``main()`` mirrors the real entry point: discover handlers, run the
``atstart`` callbacks (layer:basic's config flags, Endpoint start-up), dispatch,
run the ``atexit`` callbacks, then flush unitdata - so flag changes persist
only when everything succeeded.  An exception is logged as ``Hook error:``
with the traceback (via juju-log) and re-raised, making the hook exit 1.

Known limits (whole stand-in): no external/bash handlers, no
``RelationBase``/``Conversation`` (0.x interface API), no tracing, no
``charms.reactive`` CLI, no ``layer:leadership`` flags, no
``upgrade.series.in-progress`` handling; restricted hooks only run
``@hook``/``@collect_metrics``-style handlers.
"""

import os
import traceback

from .flags import (  # the public API, re-exported like the real one
    set_flag, clear_flag, toggle_flag, register_trigger, is_flag_set,
    all_flags_set, any_flags_set, get_flags, get_unset_flags, set_state,
    remove_state, toggle_state, is_state, all_states, any_states, get_states,
    get_state, State, StateList)
from .relations import (
    relation_from_name, relation_from_flag, endpoint_from_name,
    endpoint_from_flag, relation_from_state, RelationFactory, RelationBase,
    scopes, relation_factory)
from .endpoints import Endpoint
from .decorators import (
    hook, when, when_all, when_any, when_not, when_none, when_not_all,
    not_unless, only_once, when_file_changed, collect_metrics,
    meter_status_changed)
from .helpers import (any_hook, any_file_changed, was_invoked, mark_invoked,
                      data_changed)

from . import bus
from . import flags
from . import helpers
from charmhelpers.core import hookenv
from charmhelpers.core import unitdata

__all__ = [
    'set_flag', 'clear_flag', 'toggle_flag', 'register_trigger',
    'is_flag_set', 'all_flags_set', 'any_flags_set', 'get_flags',
    'get_unset_flags', 'set_state', 'remove_state', 'toggle_state',
    'is_state', 'all_states', 'any_states', 'get_states', 'get_state',
    'State', 'StateList', 'relation_from_name', 'relation_from_flag',
    'endpoint_from_name', 'endpoint_from_flag', 'relation_from_state',
    'RelationFactory', 'RelationBase', 'scopes', 'relation_factory',
    'Endpoint', 'hook', 'when', 'when_all', 'when_any', 'when_not',
    'when_none', 'when_not_all', 'not_unless', 'only_once',
    'when_file_changed', 'collect_metrics', 'meter_status_changed',
    'any_hook', 'any_file_changed', 'was_invoked', 'mark_invoked',
    'data_changed', 'main', 'bus', 'flags', 'helpers',
]

# transitional 0.x names that old code imports from bus/helpers
bus.set_state = flags.set_flag
bus.remove_state = flags.clear_flag
bus.get_state = flags.get_state
bus.get_states = flags.get_states
bus.StateList = flags.StateList
bus.State = flags.State
helpers.is_state = flags.is_flag_set
helpers.toggle_state = flags.toggle_flag


def main(relation_name=None):
    """Load and run the reactive handlers for the current hook."""
    hook_name = hookenv.hook_name()
    restricted_mode = hook_name in ['meter-status-changed', 'collect-metrics']
    hookenv.log('Reactive main running for hook %s' % hook_name,
                level=hookenv.INFO)
    if restricted_mode:
        hookenv.log('Restricted mode.', level=hookenv.INFO)
    if 'JUJU_HOOK_NAME' not in os.environ:
        os.environ['JUJU_HOOK_NAME'] = hook_name
    try:
        bus.discover()
        if not restricted_mode:
            hookenv._run_atstart()
        bus.dispatch(restricted=restricted_mode)
    except Exception:
        tb = traceback.format_exc()
        hookenv.log('Hook error:\n{}'.format(tb), level=hookenv.ERROR)
        raise
    except SystemExit as x:
        if x.code not in (None, 0):
            raise
    if not restricted_mode:
        hookenv._run_atexit()
    unitdata._KV.flush()
