"""Predicates and helpers (stand-in for charms.reactive.helpers)."""

import hashlib
import json
import re

from charmhelpers.core import hookenv
from charmhelpers.core import host
from charmhelpers.core import unitdata

from charms.reactive.flags import all_flags_set, any_flags_set

__all__ = ['any_hook', 'any_file_changed', 'was_invoked', 'mark_invoked',
           'data_changed']


def _expand_replacements(pat, subf, values):
    """Expand every ``{...}`` group one at a time so combinations multiply
    (``{A,B}{A,B}`` -> AA AB BA BB)."""
    while any(pat.search(r) for r in values):
        new_values = []
        for value in values:
            m = pat.search(value)
            if not m:
                new_values.append(value)
                continue
            for replacement in subf(*m.groups()):
                new_values.append(value.replace(m.group(0), replacement, 1))
        values = new_values
    return values


def any_hook(*hook_patterns):
    """Does the current hook match a pattern?

    Patterns may use ``{A,B}`` alternation and ``{role:interface}`` (role is
    provides, requires or peers), resolved through metadata.yaml.
    """
    current_hook = hookenv.hook_name()
    i_pat = re.compile(r'{([^:}]+):([^}]+)}')
    hook_patterns = _expand_replacements(
        i_pat, hookenv.role_and_interface_to_relations, list(hook_patterns))
    c_pat = re.compile(r'{((?:[^:,}]+,?)+)}')
    hook_patterns = _expand_replacements(c_pat, lambda v: v.split(','),
                                         hook_patterns)
    return current_hook in hook_patterns


def any_file_changed(filenames, hash_type='md5'):
    changed = False
    for filename in filenames:
        filename = str(filename() if callable(filename) else filename)
        key = 'reactive.files_changed.%s' % filename
        old_hash = unitdata.kv().get(key)
        new_hash = host.file_hash(filename, hash_type=hash_type)
        if old_hash != new_hash:
            unitdata.kv().set(key, new_hash)
            changed = True
    return changed


def was_invoked(invocation_id):
    return unitdata.kv().get('reactive.invoked.%s' % invocation_id, False)


def mark_invoked(invocation_id):
    unitdata.kv().set('reactive.invoked.%s' % invocation_id, True)


def data_changed(data_id, data, hash_type='md5'):
    """Has the JSON form of ``data`` changed since the last call?"""
    key = 'reactive.data_changed.%s' % data_id
    alg = getattr(hashlib, hash_type)
    serialized = json.dumps(data, sort_keys=True).encode('utf8')
    old_hash = unitdata.kv().get(key)
    new_hash = alg(serialized).hexdigest()
    unitdata.kv().set(key, new_hash)
    return old_hash != new_hash


def _phase():
    return unitdata.kv().get('reactive.dispatch.phase')


def _hook(hook_patterns):
    return _phase() == 'hooks' and any_hook(*hook_patterns)


def _restricted_hook(hook_name):
    return _phase() == 'restricted' and hookenv.hook_name() == hook_name


def _when_all(flags):
    return _phase() == 'other' and all_flags_set(*flags)


def _when_any(flags):
    return _phase() == 'other' and any_flags_set(*flags)


def _when_none(flags):
    return _phase() == 'other' and not any_flags_set(*flags)


def _when_not_all(flags):
    return _phase() == 'other' and not all_flags_set(*flags)
