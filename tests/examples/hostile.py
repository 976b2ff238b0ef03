"""Hostile configuration values, and how to tell if they escaped.

A charm must hand config values to docker as data: one argv element, never
text that a shell reads. This module drives every string option of a layer
through values that a shell would act on, and reports what went wrong.
"""

import os
import re

import yaml

from examples.support import build, workload_calls


def hostile_values(canary):
    """Values a shell would split, expand or execute.

    The ones that would run a command `touch` the canary file, so a value
    that reaches a shell leaves evidence even when docker then fails. They
    use ${IFS} instead of spaces so they also pass "no whitespace" checks
    that some options (like an image name) rightly have.
    """
    touch = 'touch${IFS}' + canary
    return [
        'two words',
        "it's quoted",
        '"double" quotes',
        'x$(' + touch + ')',
        'x`' + touch + '`',
        'x;' + touch,
        'x|' + touch,
        'x&&' + touch,
        'first line\nsecond line',
        'tab\there',
        '*',
    ]


def string_options(layer_dir):
    """Names of the string options the layer itself declares."""
    with open(os.path.join(layer_dir, 'config.yaml')) as fp:
        options = (yaml.safe_load(fp) or {}).get('options') or {}
    return sorted(name for name, spec in options.items()
                  if spec.get('type') == 'string')


def findings_for(layer_dir):
    """Run every hostile value through every string option; list problems.

    A problem is: a hook that crashed, a status that is neither active nor
    blocked, a canary file that a shell created, or a docker argv element
    holding only part of a hostile value (the value was split).
    """
    problems = []
    unit = build(layer_dir)
    try:
        unit.deploy()
        canary = os.path.join(unit.root, 'CANARY')
        for option in string_options(layer_dir):
            for value in hostile_values(canary):
                seen = len(unit.calls('docker'))
                result = unit.config_set(check=False, **{option: value})
                label = '{}={!r}'.format(option, value)
                if result is not None and result.returncode != 0:
                    problems.append('{}: config-changed crashed: {}'.format(
                        label, result.stderr.strip()[-300:]))
                state = unit.status[0]
                if state not in ('active', 'blocked'):
                    problems.append('{}: status {!r}'.format(label, state))
                if os.path.exists(canary):
                    problems.append('{}: a shell ran the value'.format(label))
                    os.remove(canary)
                problems.extend(_split_parts(label, value,
                                             unit.calls('docker')[seen:]))
                unit.config_reset(option)
    finally:
        unit.cleanup()
    return problems


def _split_parts(label, value, calls):
    """Report argv elements that hold a piece of the value but not all."""
    # A distinctive piece of each value: its longest run of letters,
    # outside the canary's path (the unit's temp dir, which other docker
    # arguments such as a bind-mounted directory legitimately contain).
    words = re.findall(r'[A-Za-z]+', re.sub(r'/\S*', '', value))
    piece = max(words, key=len) if words else value
    out = []
    for argv in calls:
        for arg in argv[1:]:
            if piece in arg and value not in arg:
                out.append('{}: docker got a split value {!r} in {}'.format(
                    label, arg, argv))
    return out


__all__ = ['findings_for', 'hostile_values', 'string_options',
           'workload_calls']
