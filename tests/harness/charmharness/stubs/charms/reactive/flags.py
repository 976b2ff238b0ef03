"""Flags (formerly "states"), stored in unitdata under ``reactive.states.``.

Same semantics as charms.reactive: changes are immediate in this process but
persisted only when the framework flushes unitdata at the end of a
successful hook; setting a flag fires its triggers; clearing a flag marks
the dispatch queue for re-testing.  The 0.x state names are aliases.
"""

from charmhelpers.core import unitdata

from charms.reactive.bus import FlagWatch

__all__ = [
    'set_flag', 'clear_flag', 'toggle_flag', 'register_trigger',
    'is_flag_set', 'all_flags_set', 'any_flags_set', 'get_flags',
    'get_unset_flags',
    # deprecated 0.x names
    'set_state', 'remove_state', 'toggle_state', 'is_state', 'all_states',
    'any_states', 'get_states', 'get_state', 'State', 'StateList',
]

PREFIX = 'reactive.states.'


class State(str):
    """Deprecated (0.5.0): a named state string."""


class StateList(object):
    """Deprecated (0.5.0): a documented set of states."""


def set_flag(flag, value=None):
    """Set ``flag`` as active (and run triggers registered on it)."""
    old_flags = get_flags()
    unitdata.kv().update({flag: value}, prefix=PREFIX)
    if flag not in old_flags:
        FlagWatch.change(flag)
        trigger = _get_trigger(flag, None)
        for flag_name in trigger['set_flag']:
            set_flag(flag_name)
        for flag_name in trigger['clear_flag']:
            clear_flag(flag_name)


def clear_flag(flag):
    """Clear ``flag``; the dispatcher then re-tests its queue."""
    old_flags = get_flags()
    unitdata.kv().unset(PREFIX + flag)
    unitdata.kv().set('reactive.dispatch.removed_state', True)
    if flag in old_flags:
        FlagWatch.change(flag)
        trigger = _get_trigger(None, flag)
        for flag_name in trigger['set_flag']:
            set_flag(flag_name)
        for flag_name in trigger['clear_flag']:
            clear_flag(flag_name)


def toggle_flag(flag, should_set):
    if should_set:
        set_flag(flag)
    else:
        clear_flag(flag)


def register_trigger(when=None, when_not=None, set_flag=None,
                     clear_flag=None):
    """When ``when`` gets set (or ``when_not`` cleared), set/clear flags.

    Triggers fire at the moment the flag changes, not in a later pass.
    """
    if not any((when, when_not)):
        raise ValueError('Must provide one of when or when_not')
    if all((when, when_not)):
        raise ValueError('Only one of when or when_not can be provided')
    if not any((set_flag, clear_flag)):
        raise ValueError('Must provide at least one of set_flag or '
                         'clear_flag')
    trigger = _get_trigger(when, when_not)
    if set_flag and set_flag not in trigger['set_flag']:
        trigger['set_flag'].append(set_flag)
    if clear_flag and clear_flag not in trigger['clear_flag']:
        trigger['clear_flag'].append(clear_flag)
    _save_trigger(when, when_not, trigger)


def _trigger_key(when, when_not):
    if when is not None:
        return 'reactive.flag_set_triggers.{}'.format(when)
    return 'reactive.flag_clear_triggers.{}'.format(when_not)


def _get_trigger(when, when_not):
    return unitdata.kv().get(_trigger_key(when, when_not),
                             {'set_flag': [], 'clear_flag': []})


def _save_trigger(when, when_not, data):
    return unitdata.kv().set(_trigger_key(when, when_not), data)


def is_flag_set(flag):
    return any_flags_set(flag)


def all_flags_set(*desired_flags):
    active = get_flags()
    return all(flag in active for flag in desired_flags)


def any_flags_set(*desired_flags):
    active = get_flags()
    return any(flag in active for flag in desired_flags)


def get_flags():
    """Sorted list of the flags currently set."""
    flags = unitdata.kv().getrange(PREFIX, strip=True) or {}
    return sorted(flags.keys())


def get_unset_flags(*desired_flags):
    active = get_flags()
    return [flag for flag in desired_flags if flag not in active]


def _get_flag_value(flag, default=None):
    return unitdata.kv().get(PREFIX + flag, default)


# -- deprecated aliases (0.x "states") ----------------------------------------

def set_state(state, value=None):
    set_flag(state, value)


def remove_state(state):
    clear_flag(state)


def toggle_state(state, should_set):
    toggle_flag(state, should_set)


def is_state(state):
    return is_flag_set(state)


def all_states(*desired_states):
    return all_flags_set(*desired_states)


def any_states(*desired_states):
    return any_flags_set(*desired_states)


def get_states():
    return unitdata.kv().getrange(PREFIX, strip=True) or {}


def get_state(flag, default=None):
    return _get_flag_value(flag, default)
