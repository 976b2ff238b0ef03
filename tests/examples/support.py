"""Shared helpers for the example harness tests (not a test module)."""

import os
import sys

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(TESTS_DIR)
HARNESS = os.path.join(TESTS_DIR, 'harness')
if HARNESS not in sys.path:
    sys.path.insert(0, HARNESS)

from charmharness import Unit  # noqa: E402  (needs the path above)

EXAMPLES = os.path.join(REPO, 'examples')


def example(folder):
    """Absolute path of an example charm layer."""
    return os.path.join(EXAMPLES, folder)


def build(folder, **kwargs):
    """Build an example (or any layer path) into a fresh harness unit."""
    path = folder if os.path.isabs(folder) else example(folder)
    return Unit.build(path, **kwargs)


def workload_calls(unit):
    """docker calls made by the charm, without layer:docker's health probes."""
    return [argv for argv in unit.calls('docker') if argv[1:2] != ['info']]


def calls_of(unit, subcommand):
    """docker calls with this subcommand, e.g. 'run' or 'rm'."""
    return [argv for argv in workload_calls(unit) if argv[1] == subcommand]


def hook_era_folders():
    """Example folders of chapters 2-8 (the charm written with @hook)."""
    return sorted(name for name in os.listdir(EXAMPLES)
                  if name[:2].isdigit() and 2 <= int(name[:2]) <= 8
                  and os.path.isdir(example(name)))
